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


class Vdir:
    """One vdir folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def ensure(self) -> None:
        """Make the folder (and its parents) when it is missing."""
        if self.folder.exists() and not self.folder.is_dir():
            # mkdir would say only "File exists": name the slip in the leader's words.
            raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(self.folder))
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
