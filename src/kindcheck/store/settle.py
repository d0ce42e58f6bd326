"""Texts changed on two machines, for the leader to settle (`Store.to_settle`, `Store.settle`).

When both machines changed the same text, the sync merge keeps both: the record's field holds
one and its `conflict` field the other(s), `{"text": ["the other text"]}` (see store/merge.py).
The store's records do not carry `conflict` (an older kindcheck ignores it, and TinyDB keeps it
when a record is updated field by field), so it is read here from the files themselves.

Finding them must not slow the dashboard down with years of notes: each person's file is
looked at again only when it changed (one stat), and parsed only when it holds the word.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import Query, TinyDB

from kindcheck.domain.model import ValidationError
from kindcheck.store.files import signature
from kindcheck.store.merge_fields import CONFLICT, ONE_LINE_FIELDS, TEXT_FIELDS, kind_of

if TYPE_CHECKING:
    from kindcheck.domain.model import Person
    from kindcheck.store.index import PeopleIndex

by_id = Query().id
INDEX_PEOPLE = "people"


@dataclass(frozen=True, slots=True)
class Unsettled:
    """One text changed differently on two machines: the texts to choose from."""

    person_id: str
    table: str  # "notes", "checkins", ... or "people" (a person's what-matters, role, team)
    record_id: str
    field: str
    texts: tuple[str, ...]  # the one in the field first, then the others

    @property
    def kind(self) -> str:
        """What the record is, in the leader's words ("note", "check-in", "person")."""
        return kind_of(self.table)

    @property
    def subject(self) -> str:
        """What changed, to start a sentence: "A note", "What matters", "The team"."""
        if self.table != "people":
            return f"{'An' if self.kind[0] in 'aeiou' else 'A'} {self.kind}"
        return "What matters" if self.field == "what_matters" else f"The {self.field}"


def unsettled_in(person_id: str, tables: Mapping[str, Mapping[str, Any]],
                 only: tuple[str, ...] | None = None) -> list[Unsettled]:
    """The texts to settle in one file's tables (`only`: look in these tables only)."""
    found = []
    for table, names in TEXT_FIELDS.items():
        if only is not None and table not in only:
            continue
        for row in tables.get(table, {}).values():
            conflict = row.get(CONFLICT) if isinstance(row, dict) else None
            if not isinstance(conflict, dict) or not isinstance(row.get("id"), str):
                continue
            for name in names:
                others = [t for t in conflict.get(name, []) if isinstance(t, str)]
                current = row.get(name)
                if others and isinstance(current, str):
                    owner = row["id"] if table == INDEX_PEOPLE else person_id
                    found.append(Unsettled(owner, table, row["id"], name, (current, *others)))
    return found


class SettleMixin:
    """Finding and settling texts changed on two machines; `Store` mixes this in."""

    if TYPE_CHECKING:  # provided by Store
        _index: PeopleIndex

        def people(self, *, include_archived: bool = False) -> list[Person]: ...
        def person_file(self, person_id: str) -> Path: ...
        def _writing(self) -> contextlib.AbstractContextManager[None]: ...
        def _person_change(self, person_id: str) -> contextlib.AbstractContextManager[TinyDB]:
            ...

    def to_settle(self) -> list[Unsettled]:
        """Every text changed differently on two machines, people's first, then by name."""
        seen: dict[str, tuple[Any, list[Unsettled]]] = self.__dict__.setdefault(
            "_unsettled_seen", {}
        )
        found = unsettled_in("", self._index.shard.peek() or {}, only=(INDEX_PEOPLE,))
        for person in self.people(include_archived=True):
            path = self.person_file(person.id)
            now = signature(path)
            known = seen.get(person.id)
            if known is None or known[0] != now or now is None:
                known = seen[person.id] = (now, _read_unsettled(person.id, path))
            found.extend(known[1])
        return found

    def to_settle_named(self) -> list[tuple[Unsettled, str]]:
        """`to_settle`, each with the name of the person it is about."""
        names = {p.id: p.name for p in self.people(include_archived=True)}
        return [(item, names.get(item.person_id, "")) for item in self.to_settle()]

    def settle(self, item: Unsettled, text: str) -> None:
        """Keep `text` (one of the texts, or them joined) and forget the others."""

        def keep(row: MutableMapping[Any, Any]) -> None:
            row[item.field] = text
            conflict = row.get(CONFLICT)
            if isinstance(conflict, dict):
                conflict.pop(item.field, None)
                if not conflict:
                    del row[CONFLICT]

        if item.table == INDEX_PEOPLE:
            with self._writing():
                person = self._index.people.get(item.record_id)
                if person is None:
                    raise ValidationError("That person is no longer here.")
                with self._index.change() as db:
                    db.table(INDEX_PEOPLE).update(keep, by_id == item.record_id)
                setattr(person, item.field, text)
            return
        with self._person_change(item.person_id) as db:
            if not db.table(item.table).update(keep, by_id == item.record_id):
                raise ValidationError(f"That {item.kind} is no longer there; perhaps it was "
                                      "removed.")


def joined(texts: tuple[str, ...], field: str = "") -> str:
    """Several texts kept as one: a blank line between them, or " / " for a one-line field."""
    between = " / " if field in ONE_LINE_FIELDS else "\n\n"
    return between.join(t.strip() for t in texts)


def _read_unsettled(person_id: str, path: Path) -> list[Unsettled]:
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    if f'"{CONFLICT}"'.encode() not in raw:
        return []  # the usual case: no parsing at all
    try:
        tables = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return []  # a damaged file is reported when it is opened
    return unsettled_in(person_id, tables) if isinstance(tables, dict) else []
