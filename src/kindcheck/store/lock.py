"""The store's lock: one OS file lock between processes, one re-entrant lock between threads.

Every read-modify-write holds both, so nobody overwrites what another kindcheck (or another
thread of this one) wrote in between.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kindcheck.store.errors import StoreLocked, StoreWriteFailed
from kindcheck.store.files import ensure_folder

if TYPE_CHECKING:
    import filelock


class StoreLock:
    """Held with `with lock.held():`; re-entrant within one Store."""

    def __init__(self, store_path: Path, lock_path: Path, timeout: float) -> None:
        self.store_path = store_path  # named in the error when another kindcheck holds it
        self.path = lock_path
        self.timeout = timeout
        # Shared with everything that reads in memory state the lock protects.
        self.thread_lock = threading.RLock()
        self._file_lock: filelock.FileLock | None = None  # made on the first write

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold the OS lock (and the thread lock) for the duration of the block."""
        # Imported with the first write: reading the store (the dashboard) does not need it.
        import filelock

        with self.thread_lock:
            try:
                ensure_folder(self.path.parent)
                if self._file_lock is None:
                    self._file_lock = filelock.FileLock(
                        self.path, timeout=self.timeout, mode=0o600
                    )
                self._file_lock.acquire()
            except filelock.Timeout:
                raise StoreLocked(self.store_path) from None
            except OSError as error:
                raise StoreWriteFailed(self.path, error) from error
            try:
                yield
            finally:
                self._file_lock.release()
