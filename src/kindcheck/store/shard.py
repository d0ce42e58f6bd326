"""One TinyDB file of the store: validated on load, reloaded when another process replaces it,
migrated from an older schema (under the lock) after a backup copy is made."""

from __future__ import annotations

import contextlib
import gc
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from kindcheck.domain.model import ValidationError
from kindcheck.store.codec import ShapeError
from kindcheck.store.errors import CorruptStore, NewerStore, StoreWriteFailed
from kindcheck.store.files import (
    AtomicJSONStorage,
    ensure_folder,
    fingerprint,
    read_fingerprint,
    signature,
    write_atomic,
)

SCHEMA_VERSION = 1
META_TABLE = "meta"

Tables = dict[str, dict[str, dict[str, Any]]]
# A migration turns one file's tables at schema N into tables at schema N + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}

# File times tick coarsely (a few ms on Linux, 2 s on FAT). Two replacements within one tick can
# leave inode (reused), mtime and size all equal, so a file replaced less than this long before
# we last looked at it is also compared by its fingerprint (usually its first bytes).
RACY_NS = 3_000_000_000

Guard = Callable[[], AbstractContextManager[Any]]


class Shard:
    """A TinyDB file. `db()` always answers with what is on disk now."""

    def __init__(
        self,
        path: Path,
        kind: str,
        backups: Path,
        *,
        validate: Callable[[Tables], object] | None = None,
        guard: Guard = contextlib.nullcontext,
    ) -> None:
        self.path = path
        self.kind = kind
        self.backups = backups
        self._validate = validate  # raises ShapeError on records kindcheck cannot read
        self._guard = guard  # the store's lock, held while migrating
        self._db: TinyDB | None = None
        self._storage: AtomicJSONStorage | None = None
        self._signature: tuple[int, int, int] | None = None
        self._fingerprint: bytes | None = None
        self._verified_ns = 0  # when the file was last known to have `_fingerprint`
        self.loads = 0  # how many times the file was read (tests and benchmarks look)

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def seen_signature(self) -> tuple[int, int, int] | None:
        """The signature of the file as this shard last read or wrote it."""
        return self._signature

    @property
    def seen_source(self) -> tuple[tuple[int, int, int] | None, bytes | None]:
        """The signature and fingerprint of the file as this shard last read or wrote it
        (the fingerprint still tells the file after a copy gave it a new inode)."""
        return self._signature, self._fingerprint

    def forget(self) -> None:
        """Drop what is in memory; the next `db()` reads the file again."""
        self._db = None
        self._storage = None

    def is_stale(self) -> bool:
        """Whether the file on disk may differ from what is in memory."""
        if self._db is None or self._storage is None or self._storage.failed:
            return True
        started = time.time_ns()
        current = signature(self.path)
        if current != self._signature:
            return True
        if current is None or self._verified_ns - current[1] >= RACY_NS:
            return False
        try:
            same = read_fingerprint(self.path) == self._fingerprint
        except OSError:
            return True
        if same:
            self._verified_ns = started
        return not same

    def db(self) -> TinyDB:
        """The file's TinyDB, re-read first if the file changed since we last read it."""
        if self.is_stale():
            self._load()
        assert self._db is not None
        return self._db

    def peek(self) -> Tables | None:
        """The file's tables as they are on disk now, checked for shape but not record by
        record; None when the file must be migrated first. Read only: `db()` is not changed.

        For reading a few fields of every record fast; the tables may be the ones `db()`
        holds, so they must not be changed.
        """
        if not self.is_stale():
            assert self._storage is not None
            return self._storage.read()
        with garbage_collection_paused():
            _signature, _raw, tables, _started = self._read()
        return tables if _schema(tables) == SCHEMA_VERSION else None

    def meta(self) -> dict[str, Any]:
        return self.db().table(META_TABLE).get(doc_id=1) or {}

    @contextlib.contextmanager
    def change(self) -> Iterator[TinyDB]:
        """Apply several TinyDB calls as one atomic write; on failure nothing is kept."""
        db = self.db()
        storage = self._storage
        assert storage is not None
        try:
            ensure_folder(self.path.parent)
            with storage.deferred():
                yield db
                meta = db.table(META_TABLE)
                current: dict[str, Any] = meta.get(doc_id=1) or {}
                rev = current.get("rev")
                meta.upsert(_meta_doc(self.kind, (rev if type(rev) is int else 0) + 1, current))
        except OSError as error:
            self.forget()
            raise StoreWriteFailed(self.path, error) from error
        except orjson.JSONEncodeError as error:
            self.forget()
            raise ValidationError(
                "That text cannot be saved: it holds characters that are not valid Unicode "
                "(perhaps from a badly encoded paste). Nothing was changed."
            ) from error
        except BaseException:
            self.forget()
            raise
        # We hold the store's lock: nobody else can have replaced the file since our write.
        self._signature = signature(self.path)
        self._fingerprint = storage.fingerprint
        self._verified_ns = time.time_ns()

    def _load(self) -> None:
        with garbage_collection_paused():
            self._load_file()

    def _load_file(self) -> None:
        self.forget()
        self.loads += 1
        sig, raw, tables, started = self._read()
        migrated = False
        if _schema(tables) < SCHEMA_VERSION:
            with self._guard():
                # Another process may have migrated (or changed) the file while we waited.
                sig, raw, tables, started = self._read()
                if _schema(tables) < SCHEMA_VERSION:
                    tables, raw = self._migrate(tables)
                    sig, started, migrated = signature(self.path), time.time_ns(), True
        if not migrated:
            self._check_records(tables)
        self._signature, self._fingerprint, self._verified_ns = sig, fingerprint(raw), started
        self._storage = AtomicJSONStorage(self.path, tables)
        storage = self._storage
        self._db = TinyDB(storage=lambda: storage)

    def _read(self) -> tuple[tuple[int, int, int] | None, bytes, Tables, int]:
        """Signature, bytes and checked tables of the file (empty when there is none)."""
        started = time.time_ns()
        sig = signature(self.path)
        if sig is None:
            return None, b"", {}, started
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None, b"", {}, started  # replaced by nothing? treat as not there yet
        except OSError as error:
            raise self._corrupt(f"cannot be read: {error.strerror}") from error
        return sig, raw, self._parse(raw), started

    def _parse(self, raw: bytes) -> Tables:
        if not raw.strip():
            raise self._corrupt("the file is empty")
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise self._corrupt("not valid JSON, perhaps cut short") from error
        if not _well_shaped(tables):
            raise self._corrupt("not shaped like a kindcheck file")
        meta = tables.get(META_TABLE, {}).get("1")
        if not isinstance(meta, dict):
            raise self._corrupt("not shaped like a kindcheck file: it has no meta record")
        if meta.get("kind") != self.kind:
            raise self._corrupt(
                f"not a kindcheck {self.kind} file (it says {str(meta.get('kind'))[:40]!r})"
            )
        schema = meta.get("schema")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
            raise self._corrupt("its schema version is unreadable")
        if schema > SCHEMA_VERSION:
            raise NewerStore(self.path, schema, SCHEMA_VERSION)
        if any(step not in MIGRATIONS for step in range(schema, SCHEMA_VERSION)):
            # Refused before the lock, the backup copy and the migration: nothing is written.
            raise self._corrupt(f"its schema number {schema} is not one kindcheck ever wrote")
        return tables

    def _check_records(self, tables: Tables) -> None:
        if self._validate is None:
            return
        try:
            self._validate(tables)
        except ShapeError as error:
            raise self._corrupt(str(error)) from error

    def _migrate(self, tables: Tables) -> tuple[Tables, bytes]:
        """Bring `tables` up to SCHEMA_VERSION and write them; returns them and their bytes.
        Called with the lock held. The old file is copied to the backups folder first."""
        schema = tables[META_TABLE]["1"]["schema"]
        try:
            ensure_folder(self.backups)
            copy = self.backups / f"{self.path.stem}.schema{schema}{self.path.suffix}"
            shutil.copy2(self.path, copy)
        except OSError as error:
            raise StoreWriteFailed(self.backups, error) from error
        while schema < SCHEMA_VERSION:
            tables = MIGRATIONS[schema](tables)
            schema += 1
            tables[META_TABLE]["1"]["schema"] = schema
        self._check_records(tables)
        data = orjson.dumps(tables)
        try:
            write_atomic(self.path, data)
        except OSError as error:
            raise StoreWriteFailed(self.path, error) from error
        return tables, data

    def _corrupt(self, detail: str) -> CorruptStore:
        return CorruptStore(self.path, detail, self.backup())

    def backup(self) -> Path | None:
        """The newest readable backup copy of this file, if there is one.

        A daily backup is a hard link: while the file was not replaced since, it *is* the
        file, so it is no backup of it and is skipped.
        """
        if not self.backups.is_dir():
            return None
        for copy in sorted(self.backups.glob(f"[!.]*/{self.path.name}"), reverse=True):
            with contextlib.suppress(OSError):
                if self.path.exists() and os.path.samefile(copy, self.path):
                    continue
                if self._readable(copy):
                    return copy
        return None

    def _readable(self, copy: Path) -> bool:
        try:
            tables = orjson.loads(copy.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return False
        if not _well_shaped(tables):
            return False
        meta = tables.get(META_TABLE, {}).get("1")
        return isinstance(meta, dict) and meta.get("kind") == self.kind


@contextlib.contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Hold off Python's cyclic garbage collector while reading records in bulk.

    Reading a file of years of notes makes hundreds of thousands of dicts and lists and no
    reference cycles; the collector would stop to scan them (and everything else alive) again
    and again, tripling the time, and find nothing to free.
    """
    if not gc.isenabled():
        yield  # already off (at start-up, or in a short command): leave it as it is
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _schema(tables: Tables) -> int:
    """The schema of checked tables; a file not written yet counts as current."""
    return tables[META_TABLE]["1"]["schema"] if tables else SCHEMA_VERSION


def _meta_doc(kind: str, rev: int, current: dict[str, Any]) -> Document:
    # A fresh write id: no two writes leave the same first bytes (see files.fingerprint).
    fields = {"kind": kind, "schema": SCHEMA_VERSION, "rev": rev, "write": secrets.token_hex(8)}
    return Document({**current, **fields}, doc_id=1)


def _well_shaped(tables: Any) -> bool:
    if not isinstance(tables, dict):
        return False
    for table in tables.values():
        if not isinstance(table, dict):
            return False
        for key, doc in table.items():
            if not (key.isascii() and key.isdigit()) or not isinstance(doc, dict):
                return False
    return True
