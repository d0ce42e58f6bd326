"""Durable, atomic file writes and the TinyDB storage built on them.

TinyDB's own JSON storage truncates the file before writing, so a crash mid-write loses
everything. Here a write goes to a temp file in the same folder, is fsynced, and replaces the
old file in one `os.replace`; the folder is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

FILE_MODE = 0o600
FOLDER_MODE = 0o700
TEMP_MARK = ".tmp-"

# Every write puts a fresh write id in the meta record, and the meta record goes first in the
# file, so the first bytes of a file tell one write from any other.
META_FIRST = b'{"meta":{"1":{'
WRITE_MARK = b'"write":"'
HEAD_BYTES = 512


def ensure_folder(folder: Path) -> None:
    """Create `folder` private to the user (missing parents get the usual mode, as with
    `mkdir -p`: create the store's own nested folders one by one)."""
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def digest(data: bytes) -> bytes:
    """A short hash of a file's bytes."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _names_its_write(head: bytes) -> bool:
    end = head.find(b"}")  # the end of the meta record (or earlier: then we hash it all)
    return head.startswith(META_FIRST) and end != -1 and WRITE_MARK in head[:end]


def fingerprint(data: bytes) -> bytes:
    """What tells this version of a file from any other: its head when that holds the write
    id, otherwise a hash of the whole file."""
    head = data[:HEAD_BYTES]
    return b"H" + head if _names_its_write(head) else b"D" + digest(data)


def read_fingerprint(path: Path) -> bytes:
    """The `fingerprint` of the file at `path`, reading only its head when that suffices."""
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
        return b"H" + head if _names_its_write(head) else b"D" + digest(head + file.read())


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never a mix.

    On any failure the old file is intact, the temp file is gone and the error is raised.
    """
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)


# Paths that name one of this process's open streams: writing there must use the stream as the
# shell set it up (appending with `>>`, say), not reopen or replace what it points at.
_OWN_STREAM = re.compile(r"/dev/(?:std(out|err)|fd/(\d+))|/proc/self/fd/(\d+)")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_out(path: Path, data: bytes) -> bool:
    """Write `data` where the user asked (`--out`), without ever replacing what is not a
    regular file: a regular file (or a new one) is replaced atomically, through a symlink its
    target; a device or a FIFO is written into; /dev/stdout, /dev/fd/N and the like go to
    the stream this process already holds. Returns True for one of our own streams."""
    found = _OWN_STREAM.fullmatch(os.path.abspath(path))
    if found:
        name, number, proc = found.groups()
        fd = {"out": 1, "err": 2}[name] if name else int(number or proc)
        _write_all(fd, data)
        return True
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        fd = os.open(path, os.O_WRONLY)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        return False
    write_atomic(Path(os.path.realpath(path)), data)
    return False


def remove_stale_temp_files(folder: Path, name: str | None = None) -> int:
    """Delete temp files a killed process left behind for the file `name` (any file when None:
    only for folders the store owns). Call only while holding the lock: every writer holds
    it, so no temp file found then is still being written."""
    removed = 0
    if not folder.is_dir():
        return 0
    stem = "*" if name is None else glob.escape(name)
    for temp in folder.glob(f".{stem}{TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            temp.unlink()
            removed += 1
    return removed


def signature(path: Path) -> tuple[int, int, int] | None:
    """What changes whenever the file is replaced: inode, mtime and size (None if absent)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that keeps the data in memory and writes it atomically.

    Inside `deferred()` writes only update memory, so one logical change made of several
    TinyDB calls lands on disk in a single atomic write (or not at all).
    """

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self._data: dict[str, Any] = data if data is not None else {}
        self._deferring = False
        self._dirty = False
        self.failed = False
        self.fingerprint: bytes | None = None  # of the bytes this storage last wrote

    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        if "meta" in data and next(iter(data)) != "meta":
            data = {"meta": data["meta"], **data}  # first, for `fingerprint`
        self._data = data
        if self._deferring:
            self._dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        try:
            data = orjson.dumps(self._data)
            write_atomic(self.path, data)
        except BaseException:
            # TinyDB changed our in-memory copy before writing; it no longer matches the disk.
            self.failed = True
            raise
        self.fingerprint = fingerprint(data)

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """Collect the writes made inside into one atomic write at the end."""
        self._deferring = True
        self._dirty = False
        try:
            yield
        except BaseException:
            self.failed = True  # half-applied change in memory: drop it
            raise
        finally:
            self._deferring = False
        if self._dirty:
            self._flush()

    def close(self) -> None:
        pass
