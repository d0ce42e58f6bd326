"""The vdir itself: a folder of `.ics` files, one event each (the format vdirsyncer and khal
share). Writes are atomic (a temp file in the same folder, fsynced, then renamed) so a sync
tool or a calendar reading at the same moment sees the old event or the new one, never half.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from kindcheck.store.files import FOLDER_MODE, TEMP_MARK, write_atomic

SUFFIX = ".ics"


def content_digest(data: bytes) -> str:
    """A short hash of an event file's bytes."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class UnusableVdir(OSError):
    """The vdir cannot hold kindcheck's events: it is a file, or cannot be written or made.

    Said in the leader's words: "/path is a file, not a folder"."""

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}"


def _unusable(code: int, why: str, folder: Path) -> UnusableVdir:
    return UnusableVdir(code, why, str(folder))


class Vdir:
    """One vdir folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def unusable(self) -> UnusableVdir | None:
        """Why kindcheck could not keep its events here, or None when it can (a folder it
        may write in, or one it may make). A few stats: cheap enough for every poll.

        Writable is asked of the system (`os.access`): a superuser may write anywhere."""
        folder = self.folder
        if folder.is_dir():
            if not os.access(folder, os.W_OK | os.X_OK):
                return _unusable(errno.EACCES, "is not writable", folder)
            return None
        if folder.exists():
            return _unusable(errno.ENOTDIR, "is a file, not a folder", folder)
        for parent in folder.parents:  # not made yet: the nearest one there must allow it
            if parent.is_dir():
                if not os.access(parent, os.W_OK | os.X_OK):
                    return _unusable(errno.EACCES, f"cannot be made: {parent} is not writable",
                                     folder)
                return None
            if parent.exists():
                return _unusable(errno.ENOTDIR, f"cannot be made: {parent} is a file", folder)
        return None

    def ensure(self) -> None:
        """Make the folder (and its parents) when it is missing; raise `UnusableVdir` when
        it cannot hold events (mkdir would say only "File exists" or "Permission denied")."""
        problem = self.unusable()
        if problem is not None:
            raise problem
        self.folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        return self.folder / name

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None when there is no such file."""
        try:
            return self.path(name).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, name: str, data: bytes) -> None:
        """Replace (or create) one event file atomically; on failure the old file stays."""
        self.ensure()
        write_atomic(self.path(name), data)

    def remove(self, name: str) -> None:
        """Delete one event file (already gone is fine)."""
        with contextlib.suppress(FileNotFoundError):
            self.path(name).unlink()

    def names(self) -> Iterator[str]:
        """Every event file's name, in a stable order (temp files and hidden files left out)."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.iterdir()):
            name = path.name
            if name.endswith(SUFFIX) and not name.startswith(".") and TEMP_MARK not in name:
                yield name

    def stamp(self) -> int | None:
        """Changes whenever a file in the folder is added, removed, renamed or rewritten.

        The folder's own mtime sees renames (how vdirsyncer and kindcheck write); the
        files' mtimes see an editor that rewrites one in place. One scandir, no reading.
        """
        try:
            info = self.folder.stat()
            with os.scandir(self.folder) as entries:
                files = sorted(
                    (entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
                    for entry in entries if entry.name.endswith(SUFFIX)
                )
        except OSError:
            return None
        return hash((info.st_mtime_ns, tuple(files)))
