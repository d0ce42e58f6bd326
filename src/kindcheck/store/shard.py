"""One TinyDB file of the store: validated on load, reloaded when another process replaces it,
migrated from an older schema after a backup copy is made."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.table import Document

from kindcheck.store.errors import CorruptStore, NewerStore, StoreWriteFailed
from kindcheck.store.files import AtomicJSONStorage, ensure_folder, signature, write_atomic

SCHEMA_VERSION = 1
META_TABLE = "meta"

Tables = dict[str, dict[str, dict[str, Any]]]
# A migration turns one file's tables at schema N into tables at schema N + 1.
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


class Shard:
    """A TinyDB file. `db()` always answers with what is on disk now."""

    def __init__(self, path: Path, kind: str, backups: Path) -> None:
        self.path = path
        self.kind = kind
        self.backups = backups
        self._db: TinyDB | None = None
        self._storage: AtomicJSONStorage | None = None
        self._signature: tuple[int, int, int] | None = None
        self.loads = 0  # how many times the file was read (tests and benchmarks look)

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def is_stale(self) -> bool:
        if self._db is None or (self._storage is not None and self._storage.failed):
            return True
        return signature(self.path) != self._signature

    def db(self) -> TinyDB:
        """The file's TinyDB, re-read first if the file changed since we last read it."""
        if self.is_stale():
            self._load()
        assert self._db is not None
        return self._db

    def meta(self) -> dict[str, Any]:
        return self.db().table(META_TABLE).get(doc_id=1) or {}

    @contextlib.contextmanager
    def change(self) -> Iterator[TinyDB]:
        """Apply several TinyDB calls as one atomic write; on failure nothing is kept."""
        db = self.db()
        assert self._storage is not None
        ensure_folder(self.path.parent)
        try:
            with self._storage.deferred():
                yield db
                meta = db.table(META_TABLE)
                current = meta.get(doc_id=1) or {}
                meta.upsert(
                    _meta_doc(self.kind, int(current.get("rev", 0)) + 1, current),
                )
        except OSError as error:
            self._db = None
            raise StoreWriteFailed(self.path, error) from error
        except BaseException:
            self._db = None
            raise
        self._signature = signature(self.path)

    def _load(self) -> None:
        self.loads += 1
        self._signature = signature(self.path)
        tables = self._read_tables() if self._signature is not None else {}
        if tables:
            tables = self._migrate(tables)
        self._storage = AtomicJSONStorage(self.path, tables)
        storage = self._storage
        self._db = TinyDB(storage=lambda: storage)

    def _read_tables(self) -> Tables:
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise CorruptStore(self.path, f"cannot be read: {error.strerror}", self.backup()) from error
        if not raw.strip():
            raise CorruptStore(self.path, "the file is empty", self.backup())
        try:
            tables = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise CorruptStore(self.path, "not valid JSON, perhaps cut short", self.backup()) from error
        if not _well_shaped(tables):
            raise CorruptStore(self.path, "not shaped like a kindcheck file", self.backup())
        meta = tables.get(META_TABLE, {}).get("1")
        if not isinstance(meta, dict) or meta.get("kind") != self.kind:
            raise CorruptStore(self.path, "not shaped like a kindcheck file", self.backup())
        schema = meta.get("schema")
        if not isinstance(schema, int) or schema < 0:
            raise CorruptStore(self.path, "its schema version is unreadable", self.backup())
        if schema > SCHEMA_VERSION:
            raise NewerStore(self.path, schema, SCHEMA_VERSION)
        return tables

    def _migrate(self, tables: Tables) -> Tables:
        schema = tables[META_TABLE]["1"]["schema"]
        if schema == SCHEMA_VERSION:
            return tables
        ensure_folder(self.backups)
        shutil.copy2(self.path, self.backups / f"{self.path.stem}.schema{schema}{self.path.suffix}")
        while schema < SCHEMA_VERSION:
            tables = MIGRATIONS[schema](tables)
            schema += 1
            tables[META_TABLE]["1"]["schema"] = schema
        try:
            write_atomic(self.path, orjson.dumps(tables))
        except OSError as error:
            raise StoreWriteFailed(self.path, error) from error
        self._signature = signature(self.path)
        return tables

    def backup(self) -> Path | None:
        """The newest backup copy of this file, if there is one."""
        if not self.backups.is_dir():
            return None
        copies = sorted(self.backups.glob(f"*/{self.path.name}"))
        return copies[-1] if copies else None


def _meta_doc(kind: str, rev: int, current: dict[str, Any]) -> Document:
    return Document({**current, "kind": kind, "schema": SCHEMA_VERSION, "rev": rev}, doc_id=1)


def _well_shaped(tables: Any) -> bool:
    if not isinstance(tables, dict):
        return False
    for table in tables.values():
        if not isinstance(table, dict):
            return False
        for key, doc in table.items():
            if not key.isdigit() or not isinstance(doc, dict):
                return False
    return True
