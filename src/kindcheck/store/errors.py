"""What can go wrong with the store, each with a message fit to show a person as it is."""

from __future__ import annotations

from pathlib import Path

_DETAIL_LIMIT = 160


def one_line(text: str, limit: int = _DETAIL_LIMIT) -> str:
    """`text` on a single line, cut short: details can quote whole damaged records."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class StoreError(Exception):
    """A problem with the store's files. The message names the file and what to do."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class CorruptStore(StoreError):
    """A file is truncated, not JSON, or not shaped like kindcheck's. It is never overwritten."""

    def __init__(self, path: Path, detail: str, backup: Path | None = None) -> None:
        hint = f" The last good backup is {backup}." if backup else ""
        super().__init__(
            f"{path} is damaged ({one_line(detail)}); kindcheck left it untouched.{hint}", path
        )
        self.backup = backup


class MissingPersonFile(StoreError):
    """The index lists someone whose own file is gone. Starting them afresh would hide that
    their notes are lost, so nothing is written for them until the file is back."""

    def __init__(self, path: Path, name: str, backup: Path | None = None) -> None:
        hint = f" The last backup of it is {backup}." if backup else ""
        super().__init__(
            f"{path} is missing: it held everything noted about {one_line(name, 60)}. "
            f"kindcheck wrote nothing in its place; please put it back.{hint}",
            path,
        )
        self.backup = backup


class NewerStore(StoreError):
    """The store was written by a newer kindcheck; reading it could lose what it knows."""

    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path} was written by a newer kindcheck (schema {found}; this one reads up to "
            f"{known}). Please update kindcheck; the file was left untouched.",
            path,
        )


class StoreLocked(StoreError):
    """Another kindcheck held the lock for too long."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is busy: another kindcheck is writing to it. Please try again in a moment.",
            path,
        )


class StoreWriteFailed(StoreError):
    """Saving failed (disk full, an I/O error); the previous data is intact."""

    def __init__(self, path: Path, error: OSError) -> None:
        reason = one_line(error.strerror or str(error) or type(error).__name__)
        super().__init__(
            f"Could not save to {path}: {reason}. Nothing already saved was lost.", path
        )
        self.__cause__ = error


class PersonNotFound(StoreError):
    """No person matches the name given."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        names = ", ".join(candidates)
        hint = f" People here: {names}." if candidates else " There is nobody here yet."
        super().__init__(f"Nobody called {one_line(repr(query), 80)}.{hint}")
        self.candidates = candidates


class AmbiguousPerson(StoreError):
    """A name prefix matches more than one person."""

    def __init__(self, query: str, candidates: list[str]) -> None:
        super().__init__(
            f"{one_line(repr(query), 80)} could be {', '.join(candidates)}: "
            "please type more of the name."
        )
        self.candidates = candidates
