"""Reading a JSON export back (`kindcheck import json FILE`) into an empty store.

Everything is read and checked before anything is written, so a file with a mistake anywhere
leaves the store as it was; the first mistake is named with where it is
("people[2] (Ada Lovelace), notes[0]: ..."). Version 5 exports (see jsonfile.py), and the
older versions earlier kindchecks wrote, are all read; a record's texts still to settle
(version 5's "conflict") come back to be settled, and people who share a name (two machines
each added one) come back as they were. Records are built the way stored ones
are (`stored_records()`), so text an old store held comes back exactly as it was exported.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import PersonHistory, ValidationError
from kindcheck.domain.org import check_no_cycle
from kindcheck.export.jsonfile import EXPORT_VERSION, MOMENT_FIELDS, SCHEMA
from kindcheck.export.records import PersonRecord
from kindcheck.store import codec, people_codec
from kindcheck.store.index import is_person_id
from kindcheck.store.merge_fields import TEXT_FIELDS
from kindcheck.store.settle import Unsettled
from kindcheck.store.store import Store

# From version 4 (the sync's), two people may share a name: two machines each added one (see
# domain/namesakes.py). They are two people, kept apart by their ids; older files cannot hold
# them, so there it is a mistake.
NAMESAKES_SINCE = 4
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
    initiatives: int = 0

    def describe(self) -> str:
        counts = (
            (self.checkins, "check-in"), (self.notes, "note"),
            (self.commitments, "commitment"), (self.followups, "follow-up"),
        )  # fmt: skip
        parts = ", ".join(_count(n, word) for n, word in counts)
        more = f", {_count(self.initiatives, 'initiative')}" if self.initiatives else ""
        return f"{_count(self.people, 'person', 'people')} with {parts}{more}"


@dataclass(frozen=True, slots=True)
class ExportFile:
    """What an export file holds, read and checked."""

    people: list[PersonRecord]
    initiatives: list[Initiative]
    unsettled: list[Unsettled] = field(default_factory=list)  # texts still to settle


def read_export(data: bytes, source: str) -> list[PersonRecord]:
    """The people and histories in an export file's bytes; ImportProblem naming `source`."""
    return read_document(data, source).people


def read_document(data: bytes, source: str) -> ExportFile:
    """Everything in an export file's bytes (people, initiatives); ImportProblem naming
    `source` at its first mistake."""
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
    _check_unique(records, source, namesakes_ok=version >= NAMESAKES_SINCE)
    check_managers(records, source)
    unsettled = [item for index, (entry, record) in enumerate(zip(people, records, strict=True))
                 for item in read_conflicts(entry, record, f"{source}: people[{index}]")]
    return ExportFile(records, read_initiatives(document, {r.person.id for r in records}, source),
                      unsettled)


def restore(
    store: Store, records: Iterable[PersonRecord], initiatives: Iterable[Initiative] = (),
    unsettled: Iterable[Unsettled] = (),
) -> Restored:
    """Add `records` to `store`, which must hold nobody yet (ImportProblem otherwise), then
    their texts still to settle."""
    records, initiatives = list(records), list(initiatives)
    check_empty(store)
    for record in records:  # everyone first: a manager may come later in the file
        person = copy.copy(record.person)
        person.manager_id = None
        store.add_person(person, namesake_ok=True)  # as the export had them (a sync's)
        store.add_history(record.history)
    for record in records:
        if record.person.manager_id is not None:
            store.update_person(record.person)
    for initiative in initiatives:
        store.initiatives.add(initiative)
    store.restore_unsettled(unsettled)
    histories = [r.history for r in records]
    return Restored(
        people=len(records),
        checkins=sum(len(h.checkins) for h in histories),
        notes=sum(len(h.notes) for h in histories),
        commitments=sum(len(h.commitments) for h in histories),
        followups=sum(len(h.followups) for h in histories),
        initiatives=len(initiatives),
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
    if not isinstance(person.id, str) or not is_person_id(person.id):
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
                record = loader(row if version == 1 else _stored_form(row, MOMENT_FIELDS[table]))
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


def _stored_form(row: Any, moments: tuple[str, ...]) -> Any:
    """A version 2 record as the store keeps it: each moment back as `[iso, zone]`."""
    if not isinstance(row, dict):
        return row  # the loader names it
    stored = {k: v for k, v in row.items() if not k.endswith("_zone")}
    for key in moments:
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


def check_managers(records: list[PersonRecord], source: str) -> None:
    """ImportProblem unless each manager is someone in the file, with no reports-to loop."""
    people = [r.person for r in records]
    ids = {p.id for p in people}
    for person in people:
        if person.manager_id is not None and person.manager_id not in ids:
            raise ImportProblem(f"{source}: {person.name}'s manager_id {person.manager_id!r} "
                                "is nobody in the file.")
        try:
            check_no_cycle(people, person.id, person.manager_id)
        except ValidationError as error:
            raise ImportProblem(f"{source}: {error}") from error


def read_initiatives(document: dict[str, Any], ids: set[str], source: str) -> list[Initiative]:
    """The initiatives of a version 3 export (none before), each naming people in the file."""
    rows = document.get("initiatives", [])
    if not isinstance(rows, list):
        raise ImportProblem(f"{source}: \"initiatives\" should be a list.")
    found: list[Initiative] = []
    for number, row in enumerate(rows):
        here = f"{source}: initiatives[{number}]"
        try:
            stored = _stored_form(row, ("done_at",))
            initiative = people_codec.load_initiative(stored)
        except (codec.ShapeError, ValidationError) as error:
            raise ImportProblem(f"{here}: {error}") from error
        if any(pid not in ids for pid in initiative.person_ids):
            raise ImportProblem(f"{here}: it names someone who is not in the file.")
        if initiative.id in {i.id for i in found}:
            raise ImportProblem(f"{here}: two initiatives have the id {initiative.id!r}.")
        if initiative.is_open and any(i.is_open and i.name.casefold() ==
                                      initiative.name.casefold() for i in found):
            raise ImportProblem(f"{here}: two open initiatives are called {initiative.name!r}.")
        found.append(initiative)
    return found


def read_conflicts(entry: dict[str, Any], record: PersonRecord, where: str
                   ) -> list[Unsettled]:
    """The texts still to settle in one person's entry (their `conflict` fields)."""
    found = _conflict(entry, "people", where, record.person.id, record.person.id)
    for table in MOMENT_FIELDS:
        for number, row in enumerate(entry.get(table, [])):
            found += _conflict(row, table, f"{where}, {table}[{number}]", record.person.id,
                               row.get("id"))
    return found


def _conflict(row: dict[str, Any], table: str, where: str, person_id: str,
              record_id: Any) -> list[Unsettled]:
    raw = row.get("conflict")
    if raw is None:
        return []
    wrong = ImportProblem(f"{where}: \"conflict\" should be null or name the texts still to "
                          "settle, such as {\"text\": [\"the other text\"]}.")
    if not isinstance(raw, dict) or not isinstance(record_id, str):
        raise wrong
    found = []
    for name, texts in sorted(raw.items()):
        current = row.get(name)
        if (name not in TEXT_FIELDS.get(table, ()) or not isinstance(current, str)
                or not isinstance(texts, list) or not all(isinstance(t, str) for t in texts)):
            raise wrong
        if texts:
            found.append(Unsettled(person_id, table, record_id, name, (current, *texts)))
    return found


def _check_unique(records: list[PersonRecord], source: str, namesakes_ok: bool) -> None:
    ids: set[str] = set()
    names: set[str] = set()
    for record in records:
        person = record.person
        if person.id in ids:
            raise ImportProblem(f"{source}: two people have the id {person.id!r}.")
        folded = person.name.casefold()
        if folded in names and not namesakes_ok:
            raise ImportProblem(f"{source}: two people are called {person.name!r}.")
        ids.add(person.id)
        names.add(folded)


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"
