"""What the store makes of a merged file: the `conflict` field survives its writes, and an
index merged without summaries opens cleanly, its summaries rebuilt from the person files."""

from __future__ import annotations

import json
from pathlib import Path

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.store.files import write_atomic
from kindcheck.store.merge import merge_index, merge_person_file
from kindcheck.store.store import Store
from tests.conftest import NOW


def test_conflict_field_survives_the_stores_own_writes(store: Store) -> None:
    ada = store.add_person(Person("Ada Lovelace", what_matters="family"))
    note = store.add_note(Note(ada.id, NoteKind.MISSING, "No laptop", NOW))
    path = store.person_file(ada.id)
    base = json.loads(path.read_text())

    def edited(text: str) -> dict[str, object]:
        document = json.loads(path.read_text())
        document["notes"]["1"]["text"] = text
        return document

    merged = merge_person_file(base, edited("No laptop yet"), edited("Laptop is slow"))
    write_atomic(path, json.dumps(merged.document).encode())
    store.set_note_resolved(ada.id, note.id)  # a write to another field of the same record
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Shipped", NOW))  # and to the file
    row = next(r for r in json.loads(path.read_text())["notes"].values() if r["id"] == note.id)
    assert row["resolved_at"] is not None
    assert {row["text"], *row["conflict"]["text"]} == {"No laptop yet", "Laptop is slow"}
    [unsettled] = store.to_settle()
    assert unsettled.record_id == note.id and set(unsettled.texts) == {"No laptop yet",
                                                                      "Laptop is slow"}


def test_index_merged_without_summaries_opens_and_rebuilds_them(
    store: Store, store_path: Path
) -> None:
    ada = store.add_person(Person("Ada Lovelace"))
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Shipped", NOW))
    base = json.loads(store_path.read_text())
    theirs = json.loads(store_path.read_text())
    theirs["people"]["9"] = {**theirs["people"]["1"], "id": "bo1", "name": "Bo Berg"}
    merged = merge_index(base, json.loads(store_path.read_text()), theirs)
    assert "summaries" not in merged.document
    write_atomic(store_path, json.dumps(merged.document).encode())
    opened = Store.open(store_path, clock=ManualClock(NOW))
    assert [p.name for p in opened.people()] == ["Ada Lovelace", "Bo Berg"]
    assert opened.summary(ada.id).progress_count == 1
    assert opened.notices() == [] and opened.missing_files() == []
    opened.add_note(Note("bo1", NoteKind.PROGRESS, "First week", NOW))  # writes work on it
    assert Store.open(store_path).summary("bo1").progress_count == 1
