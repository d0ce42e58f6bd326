"""The daily backup: a real copy of every file of the store, taken at the day's first write.

A backup must survive damage done *in place*: `kindcheck export > kindcheck.json` (the shell
truncates the index before kindcheck even starts), an editor saving over a file, a sync tool.
A hard link to the live file would share its bytes and die with it, so every backup file is
a copy. To keep the first write of a day cheap with years of notes, a file unchanged since
the previous day's backup (same size and modification time, and not that very file) is a hard
link to the *previous backup's* copy instead: backups are never written to, by kindcheck or
anyone else, so sharing bytes between them is safe.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from kindcheck.store.files import FILE_MODE, ensure_folder, fsync_folder

DAYS_KEPT = 7


def day_folders(backups: Path) -> list[Path]:
    """The finished days' folders, oldest first (a partial one starts with a dot)."""
    if not backups.is_dir():
        return []
    return sorted(d for d in backups.iterdir() if d.is_dir() and not d.name.startswith("."))


def take(backups: Path, day: str, files: Iterable[Path]) -> Path:
    """Copy `files` into `backups/day` and drop the oldest days beyond `DAYS_KEPT`.

    The day's folder is filled under a hidden name and renamed when complete, so a crash never
    leaves half a backup that counts as done. Call with the store's lock held. Raises OSError.
    """
    day_folder = backups / day
    partial = backups / f".{day}.partial"
    earlier = [d for d in day_folders(backups) if d.name < day]
    previous = earlier[-1] if earlier else None
    try:
        ensure_folder(backups)
        shutil.rmtree(partial, ignore_errors=True)
        ensure_folder(partial)
        for source in files:
            if source.is_file():
                _keep(source, partial / source.name, previous)
        fsync_folder(partial)
        os.rename(partial, day_folder)
        fsync_folder(backups)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    for old in day_folders(backups)[:-DAYS_KEPT]:
        shutil.rmtree(old, ignore_errors=True)
    return day_folder


def _keep(source: Path, target: Path, previous: Path | None) -> None:
    if previous is not None:
        earlier = previous / source.name
        if _same_version(source, earlier):
            with contextlib.suppress(OSError):
                os.link(earlier, target)
                return
    copy(source, target)


def _same_version(live: Path, copy: Path) -> bool:
    """Whether `copy` (a backup made with `copy`) still holds what `live` holds.

    Size and modification time, as rsync judges it: a file replaced or changed in place gets
    a new time. A copy that *is* the live file (an old backup made as a hard link) is no copy.
    """
    try:
        a, b = live.stat(), copy.stat()
    except OSError:
        return False
    if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
        return False
    return (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns)


def copy(source: Path, target: Path) -> None:
    """A private, durable copy of `source` that keeps its modification time (taken before
    reading, so a file changed during the copy looks changed to the next backup)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with open(fd, "wb") as writer, source.open("rb") as reader:
        before = os.fstat(reader.fileno())
        shutil.copyfileobj(reader, writer, 1 << 20)
        writer.flush()
        os.fsync(writer.fileno())
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
