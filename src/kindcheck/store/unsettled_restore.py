"""Putting texts still to settle back into a store restored from a JSON export.

The export carries each unsettled record's other texts (its `conflict` field, see
store/merge.py and store/settle.py); `kindcheck import json` writes the records first, then
hands those texts back here, so the leader can settle them in the restored store as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tinydb import Query, TinyDB

from kindcheck.store.merge_fields import CONFLICT
from kindcheck.store.settle import INDEX_PEOPLE, Unsettled

if TYPE_CHECKING:
    from kindcheck.store.index import PeopleIndex

by_id = Query().id


class UnsettledRestoreMixin:
    """`Store.restore_unsettled`; `Store` mixes this in."""

    if TYPE_CHECKING:  # provided by Store
        _index: PeopleIndex

        def _writing(self) -> contextlib.AbstractContextManager[None]: ...
        def _person_change(self, person_id: str) -> contextlib.AbstractContextManager[TinyDB]:
            ...

    def restore_unsettled(self, items: Iterable[Unsettled]) -> None:
        """Give each record named in `items` its other texts again (`texts` after the first,
        which is the one its field already holds): one write per file."""
        by_file: dict[tuple[str, str], dict[str, dict[str, list[str]]]] = {}
        for item in items:
            owner = INDEX_PEOPLE if item.table == INDEX_PEOPLE else item.person_id
            rows = by_file.setdefault((owner, item.table), {})
            rows.setdefault(item.record_id, {})[item.field] = list(item.texts[1:])
        for (owner, table), rows in sorted(by_file.items()):
            if owner == INDEX_PEOPLE:
                with self._writing(), self._index.change() as db:
                    _write(db, table, rows)
            else:
                with self._person_change(owner) as db:
                    _write(db, table, rows)


def _write(db: TinyDB, table: str, rows: dict[str, dict[str, list[str]]]) -> None:
    for record_id, conflict in rows.items():
        db.table(table).update({CONFLICT: conflict}, by_id == record_id)
