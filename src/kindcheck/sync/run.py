"""Each way a sync can fail, as one line and an exit code; and a sync run for the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from pendulum import DateTime

    from kindcheck.store.layout import StoreLayout

EXIT_STORE, EXIT_USAGE = 1, 2


def failure(error: BaseException) -> tuple[str, int] | None:
    """What to tell the leader about `error`, and the exit code; None when it is no sync
    failure (a bug, which should show as one). A password in a remote's URL never shows."""
    from kindcheck.sync.redact import without_password

    said = _failure(error)
    return None if said is None else (without_password(said[0]), said[1])


def _failure(error: BaseException) -> tuple[str, int] | None:
    from kindcheck.store.merge import MergeRefused
    from kindcheck.sync.crypt import KeyProblem
    from kindcheck.sync.engine import SyncRefused
    from kindcheck.sync.git import GitFailed
    from kindcheck.sync.remote import Unreachable
    from kindcheck.sync.store_files import UnreadableFile

    if isinstance(error, SyncRefused):
        return str(error), error.code
    if isinstance(error, KeyProblem):
        return str(error), EXIT_USAGE
    if isinstance(error, (Unreachable, UnreadableFile, MergeRefused, StoreError)):
        return str(error), EXIT_STORE
    if isinstance(error, GitFailed):
        return f"git failed: {error}", EXIT_STORE
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}", EXIT_STORE
    return None


def now_text(moment: DateTime) -> str:
    """A moment as the sync state keeps it."""
    return moment.in_timezone("UTC").to_iso8601_string()


def run_sync(layout: StoreLayout, moment: DateTime, lock_timeout: float = 10.0
             ) -> tuple[str, bool]:
    """Sync now; the line to show, and whether it worked."""
    from kindcheck.sync.engine import sync

    try:
        return sync(layout, now_text(moment), lock_timeout=lock_timeout).line(), True
    except Exception as error:
        said = failure(error)
        if said is None:
            raise
        return f"Not synced: {said[0]}", False
