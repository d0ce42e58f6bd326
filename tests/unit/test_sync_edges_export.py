"""The JSON export carries the texts still to settle, and the people who share a name, and
`import json` brings both back: a restored store is the store that was exported."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.export import export
from kindcheck.export.json_import import ImportProblem, read_document, restore
from kindcheck.store.store import Store
from tests.conftest import NOW

SYNCTHING = ".sync-conflict-20261201-101112-ABCDEFG"


def _copy_beside(path: Path, change: dict[str, dict[str, dict[str, str]]]) -> None:
    """A Syncthing conflict copy of `path` in which rows' fields say something else
    (table → record id → field → text)."""
    tables = json.loads(path.read_text())
    for table, rows in change.items():
        for row in tables[table].values():
            row.update(rows.get(row.get("id"), {}))
    path.with_name(f"{path.stem}{SYNCTHING}.json").write_text(json.dumps(tables))


@pytest.fixture
def unsettled(store: Store, clock: ManualClock) -> Store:
    """A store holding three texts to settle: a note's, a check-in's and what matters."""
    ada = store.add_person(Person("Ada Lovelace", what_matters="her daughter"))
    store.add_person(Person("Grace Hopper"))
    note = store.add_note(Note(ada.id, NoteKind.PROGRESS, "Shipped the export", NOW))
    checkin = store.save_checkin(CheckIn(ada.id, NOW, how_they_are="Tired", no_follow_up=True))
    _copy_beside(store.person_file(ada.id), {
        "notes": {note.id: {"text": "Shipped the export on Friday"}},
        "checkins": {checkin.id: {"how_they_are": "Rested"}},
    })
    _copy_beside(store.path, {"people": {ada.id: {"what_matters": "her garden"}}})
    opened = Store.open(store.path, clock=clock)
    assert len(opened.to_settle()) == 3
    return opened


def _restored(data: bytes, where: Path, clock: ManualClock) -> Store:
    fresh = Store.open(where, clock=clock)
    found = read_document(data, "export.json")
    restore(fresh, found.people, found.initiatives, found.unsettled)
    return Store.open(where, clock=clock)


def test_the_export_carries_each_texts_to_settle(unsettled: Store) -> None:
    document = orjson.loads(export(unsettled, "json", NOW))
    assert document["version"] == 5
    ada = next(p for p in document["people"] if p["name"] == "Ada Lovelace")
    assert ada["conflict"] == {"what_matters": ["her garden"]}
    assert [n["conflict"] for n in ada["notes"]] == [{"text": ["Shipped the export on Friday"]}]
    assert [c["conflict"] for c in ada["checkins"]] == [{"how_they_are": ["Tired"]}]
    grace = next(p for p in document["people"] if p["name"] == "Grace Hopper")
    assert grace["conflict"] is None


def test_a_restored_store_has_the_same_texts_to_settle(
    unsettled: Store, clock: ManualClock, tmp_path: Path
) -> None:
    data = export(unsettled, "json", NOW)
    fresh = _restored(data, tmp_path / "new" / "kindcheck.json", clock)
    assert sorted(fresh.to_settle(), key=repr) == sorted(unsettled.to_settle(), key=repr)
    assert export(fresh, "json", NOW) == data
    item = next(i for i in fresh.to_settle() if i.table == "notes")
    fresh.settle(item, item.texts[1])
    assert len(fresh.to_settle()) == 2


def test_people_who_share_a_name_come_back_as_they_were(
    store: Store, clock: ManualClock, tmp_path: Path
) -> None:
    store.add_person(Person("Ada Lovelace", id="ada0000one01"))
    tables = json.loads(store.path.read_text())
    tables["people"]["2"] = {**tables["people"]["1"], "id": "ada0000two02"}
    store.path.with_name(f"kindcheck{SYNCTHING}.json").write_text(json.dumps(tables))
    both = Store.open(store.path, clock=clock)
    both.add_note(Note("ada0000two02", NoteKind.PROGRESS, "From the laptop", NOW))
    data = export(both, "json", NOW)
    fresh = _restored(data, tmp_path / "new" / "kindcheck.json", clock)
    assert sorted(p.id for p in fresh.people()) == ["ada0000one01", "ada0000two02"]
    assert export(fresh, "json", NOW) == data
    assert any("Two people called Ada Lovelace" in line for line in fresh.notices())


@pytest.mark.parametrize("conflict", [
    {"mood": ["3"]},  # no text the leader wrote
    {"text": "not a list"},
    {"text": [1]},
    ["text"],
])
def test_a_conflict_that_is_not_texts_to_settle_is_refused_before_writing(
    unsettled: Store, conflict: object
) -> None:
    document = orjson.loads(export(unsettled, "json", NOW))
    ada = next(p for p in document["people"] if p["name"] == "Ada Lovelace")
    ada["notes"][0]["conflict"] = conflict
    with pytest.raises(ImportProblem, match=r"notes\[0\]: \"conflict\" should be null"):
        read_document(orjson.dumps(document), "export.json")
