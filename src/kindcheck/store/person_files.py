"""One TinyDB file per person (`kindcheck.people/ID.json`): everything recorded about them.

Each file is read only when someone asks for that person's history, and re-read only when it
changed on disk; the records built from it are cached by their stored form (see codec).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from kindcheck.domain.model import PersonHistory
from kindcheck.store import codec
from kindcheck.store.errors import CorruptStore
from kindcheck.store.shard import Guard, Shard, Tables, garbage_collection_paused

HISTORY_TABLES = ("checkins", "notes", "commitments", "followups")


class PersonFiles:
    """The people folder's files, each a `Shard` made when first needed."""

    def __init__(self, folder: Path, backups: Path, guard: Guard) -> None:
        self.folder = folder
        self._backups = backups
        self._guard = guard
        self._shards: dict[str, Shard] = {}
        self._parsed: dict[str, codec.ParsedCache] = {}

    def shard(self, person_id: str) -> Shard:
        """The file of `person_id` (which may not exist yet)."""
        shard = self._shards.get(person_id)
        if shard is None:
            cache = self._cache(person_id)

            def check(tables: Tables) -> object:
                return codec.load_history(person_id, tables, cache)

            shard = Shard(
                self.folder / f"{person_id}.json", "person", self._backups,
                validate=check, guard=self._guard,
            )  # fmt: skip
            self._shards[person_id] = shard
        return shard

    def history(self, person_id: str, *, check_present: Callable[[], None]) -> PersonHistory:
        """Everything in the person's file; `check_present` decides whether a missing file
        is an empty history or a lost one (it raises for a lost one)."""
        shard = self.shard(person_id)
        if not shard.exists:
            check_present()
            return PersonHistory(person_id)
        db = shard.db()
        tables = {name: _table_rows(db, name) for name in HISTORY_TABLES}
        try:
            return codec.load_history(person_id, tables, self._cache(person_id))
        except codec.ShapeError as error:
            raise CorruptStore(shard.path, str(error), shard.backup()) from error

    def texts(self, person_id: str) -> list[codec.WrittenText] | None:
        """Every text in the person's file, read without building records; None when the
        file must be read the careful way (it needs migrating, or holds a damaged record)."""
        with garbage_collection_paused():
            tables = self.shard(person_id).peek()
            if tables is not None:
                with contextlib.suppress(codec.ShapeError):
                    return codec.written_texts(tables)
        return None

    def _cache(self, person_id: str) -> codec.ParsedCache:
        return self._parsed.setdefault(person_id, codec.ParsedCache())


def _table_rows(db: TinyDB, name: str) -> dict[str, dict[str, Any]]:
    tables = db.storage.read() or {}
    return tables.get(name, {})
