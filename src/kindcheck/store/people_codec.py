"""The index's own records as plain JSON-able dicts and back: people and initiatives.

Fields added later (a person's team and manager) are read with defaults, so an index an older
kindcheck wrote opens unchanged; an older kindcheck reading ours ignores the keys it does not
know, and keeps them when it updates a person (TinyDB updates records field by field).
"""

from __future__ import annotations

from typing import Any

from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Cadence, Person
from kindcheck.store.codec import (
    Record,
    ShapeError,
    dump_day,
    dump_moment,
    load_checked,
    load_day,
    load_moment,
)


def dump_person(person: Person) -> Record:
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "cadence": str(person.cadence),
        "timezone": person.timezone,
        "what_matters": person.what_matters,
        "birthday": dump_day(person.birthday),
        "archived": person.archived,
        "team": person.team,
        "manager_id": person.manager_id,
    }


def load_person(raw: Record) -> Person:
    return load_checked(
        raw,
        lambda r: Person(
            id=r["id"],
            name=r["name"],
            role=r.get("role", ""),
            cadence=Cadence.parse(r.get("cadence", "weekly")),
            timezone=r.get("timezone", ""),
            what_matters=r.get("what_matters", ""),
            birthday=load_day(r.get("birthday")),
            archived=bool(r.get("archived", False)),
            team=_text(r.get("team", ""), "team"),
            manager_id=_optional_id(r.get("manager_id"), "manager_id"),
        ),
    )


def dump_initiative(initiative: Initiative) -> Record:
    return {
        "id": initiative.id,
        "name": initiative.name,
        "person_ids": list(initiative.person_ids),
        "target": dump_day(initiative.target),
        "done_at": dump_moment(initiative.done_at),
    }


def load_initiative(raw: Record) -> Initiative:
    return load_checked(
        raw,
        lambda r: Initiative(
            id=_text(r["id"], "id"),
            name=_text(r["name"], "name"),
            person_ids=_ids(r.get("person_ids", [])),
            target=load_day(r.get("target")),
            done_at=load_moment(r.get("done_at")),
        ),
    )


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise ShapeError(f"{key} should be text, not {value!r}")
    return value


def _optional_id(value: Any, key: str) -> str | None:
    return None if value is None else _text(value, key)


def _ids(value: Any) -> list[str]:
    if not isinstance(value, list):
        raise ShapeError(f"person_ids should be a list, not {value!r}")
    return [_text(v, "person_ids") for v in value]
