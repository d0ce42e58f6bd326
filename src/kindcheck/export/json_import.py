"""Reading a JSON export back (`kindcheck import json FILE`) into an empty store.

Everything is read and checked before anything is written, so a file with a mistake anywhere
leaves the store as it was; the first mistake is named with where it is
("people[2] (Ada Lovelace), notes[0]: ..."). Version 2 exports (see jsonfile.py) and the
version 1 ones older kindchecks wrote are both read. Records are built the way stored ones
are (`stored_records()`), so text an old store held comes back exactly as it was exported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from kindcheck.domain.model import PersonHistory, ValidationError
from kindcheck.export.jsonfile import EXPORT_VERSION, MOMENT_FIELDS, SCHEMA
from kindcheck.export.records import PersonRecord
from kindcheck.store import codec, people_codec
from kindcheck.store.store import Store

# Person ids become file names; the store refuses anything else (checked here before writing).
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_LOADERS = {
    "checkins": codec.load_checkin,
    "notes": codec.load_note,
    "commitments": codec.load_commitment,
    "followups": codec.load_followup,
}


class ImportProblem(ValidationError):
    """The file is not an export kindcheck can restore; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class Restored:
    """What an import added, for the one line the command prints."""

    people: int
    checkins: int
    notes: int
    commitments: int
    followups: int

    def describe(self) -> str:
        counts = (
            (self.checkins, "check-in"), (self.notes, "note"),
            (self.commitments, "commitment"), (self.followups, "follow-up"),
        )  # fmt: skip
        parts = ", ".join(_count(n, word) for n, word in counts)
        return f"{_count(self.people, 'person', 'people')} with {parts}"


def read_export(data: bytes, source: str) -> list[PersonRecord]:
    """The people and histories in an export file's bytes; ImportProblem naming `source`."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise ImportProblem(f"{source} is not JSON ({error}).") from error
    if not isinstance(document, dict):
        raise ImportProblem(f"{source} is not a kindcheck export (it holds no JSON object).")
    version = _version(document, source)
    people = document.get("people")
    if not isinstance(people, list):
        raise ImportProblem(f"{source}: \"people\" should be a list of people.")
    records = [_person(entry, index, version, source) for index, entry in enumerate(people)]
    _check_unique(records, source)
    return records


def restore(store: Store, records: Iterable[PersonRecord]) -> Restored:
    """Add `records` to `store`, which must hold nobody yet (ImportProblem otherwise)."""
    records = list(records)
    check_empty(store)
    for record in records:
        store.add_person(record.person)
        store.add_history(record.history)
    histories = [r.history for r in records]
    return Restored(
        people=len(records),
        checkins=sum(len(h.checkins) for h in histories),
        notes=sum(len(h.notes) for h in histories),
        commitments=sum(len(h.commitments) for h in histories),
        followups=sum(len(h.followups) for h in histories),
    )


def check_empty(store: Store) -> None:
    """ImportProblem unless `store` holds nobody: an import never merges into a team."""
    if not store.is_empty:
        raise ImportProblem(
            f"{store.path} already holds people; import only restores into an empty store "
            "(choose a new file with --data)."
        )


def _version(document: dict[str, Any], source: str) -> int:
    if document.get("kindcheck_export") == 1 and "schema" not in document:
        return 1  # written by kindcheck before the schema was named
    if document.get("schema") != SCHEMA:
        raise ImportProblem(
            f"{source} is not a kindcheck export (it has no \"schema\": \"{SCHEMA}\")."
        )
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportProblem(f"{source}: \"version\" should be a whole number, not {version!r}.")
    if version > EXPORT_VERSION:
        raise ImportProblem(
            f"{source} is a version {version} export from a newer kindcheck; this one reads "
            f"versions 1 to {EXPORT_VERSION}: please update kindcheck."
        )
    return version


def _person(entry: Any, index: int, version: int, source: str) -> PersonRecord:
    where = f"{source}: people[{index}]"
    if not isinstance(entry, dict):
        raise ImportProblem(f"{where} should be a person (a JSON object).")
    if isinstance(entry.get("name"), str):
        where += f" ({' '.join(entry['name'].split())[:60]})"
    try:
        person = people_codec.load_person(
            {k: v for k, v in entry.items() if k not in MOMENT_FIELDS}
        )
    except (codec.ShapeError, ValidationError) as error:
        raise ImportProblem(f"{where}: {error}") from error
    if not isinstance(person.id, str) or not _SAFE_ID.fullmatch(person.id):
        raise ImportProblem(f"{where}: the id should be letters, digits, - and _ (at most 64).")
    history = PersonHistory(person.id)
    for table, loader in _LOADERS.items():
        rows = entry.get(table, [])
        if not isinstance(rows, list):
            raise ImportProblem(f"{where}: \"{table}\" should be a list.")
        loaded = getattr(history, table)
        for number, row in enumerate(rows):
            here = f"{where}, {table}[{number}]"
            try:
                record = loader(row if version == 1 else _stored_form(row, table))
            except (codec.ShapeError, ValidationError) as error:
                raise ImportProblem(f"{here}: {error}") from error
            if record.person_id != person.id:
                raise ImportProblem(f"{here}: it belongs to person {record.person_id!r}, not "
                                    f"{person.id!r}.")
            loaded.append(record)
        ids = [r.id for r in loaded]
        if len(set(ids)) != len(ids):
            raise ImportProblem(f"{where}: two of the {table} have the same id.")
    return PersonRecord(person, history)


def _stored_form(row: Any, table: str) -> Any:
    """A version 2 record as the store keeps it: each moment back as `[iso, zone]`."""
    if not isinstance(row, dict):
        return row  # the loader names it
    stored = {k: v for k, v in row.items() if not k.endswith("_zone")}
    for key in MOMENT_FIELDS[table]:
        text, zone = row.get(key), row.get(f"{key}_zone")
        if text is None:
            stored[key] = None
            continue
        if not isinstance(text, str) or not isinstance(zone, (str, type(None))):
            raise codec.ShapeError(f"{key} should be an ISO 8601 moment with its zone name, "
                                   f"not {text!r} and {zone!r}")
        # No zone name: the moment's own offset is exact (codec falls back to it).
        stored[key] = [text, zone or ""]
    return stored


def _check_unique(records: list[PersonRecord], source: str) -> None:
    ids: set[str] = set()
    names: set[str] = set()
    for record in records:
        person = record.person
        if person.id in ids:
            raise ImportProblem(f"{source}: two people have the id {person.id!r}.")
        folded = person.name.casefold()
        if folded in names:
            raise ImportProblem(f"{source}: two people are called {person.name!r}.")
        ids.add(person.id)
        names.add(folded)


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"
