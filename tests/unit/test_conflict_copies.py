"""Conflict copies made by Syncthing, Dropbox, Nextcloud and iCloud, merged when the store
opens (real files under tmp_path, a real store)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.store.conflict_copies import KEPT_FOLDER
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.store_state import digest

SHAPES = [
    "{stem}.sync-conflict-20261201-101112-ABCDEFG.json",
    "{stem} (conflicted copy 2026-12-01).json",
    "{stem} (Ada's conflicted copy 2026-12-01).json",
    "{stem} (conflicted copy 2026-12-01 101112).json",
    "{stem} (conflicted copy ada 2026-12-01 101112).json",
    "{stem} (Ada’s conflicted copy 2026-12-01).json",
    "{stem} 2.json",
]


@pytest.fixture
def ada(store: Store) -> Person:
    person = store.add_person(Person("Ada Lovelace", what_matters="her daughter"))
    store.add_note(Note(person.id, NoteKind.PROGRESS, "Shipped the export", NOW))
    return person


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def save(path: Path, document: dict[str, Any]) -> None:
    path.write_text(json.dumps(document))


def note_row(person_id: str, note_id: str, text: str) -> dict[str, Any]:
    return {"id": note_id, "person_id": person_id, "kind": "progress", "text": text,
            "at": [NOW.isoformat(), "Europe/Berlin"], "checkin_id": None, "resolved_at": None}


def person_copy(store: Store, person: Person, shape: str, *rows: dict[str, Any]) -> Path:
    """A copy of the person's file, as another machine changed it, under a sync app's name."""
    original = store.person_file(person.id)
    document = load(original)
    document["notes"] = {str(n): r for n, r in enumerate(
        [*rows, *document["notes"].values()], start=1)}  # numbered its own way
    document["meta"]["1"]["write"] = "elsewhere"
    copy = original.with_name(shape.format(stem=person.id))
    save(copy, document)
    return copy


def reopen(store_path: Path) -> Store:
    return Store.open(store_path, clock=ManualClock(NOW))


@pytest.mark.parametrize("shape", SHAPES)
def test_person_file_copy_is_merged_and_kept_among_backups(
    store: Store, store_path: Path, ada: Person, shape: str
) -> None:
    copy = person_copy(store, ada, shape, note_row(ada.id, "elsewhere-1", "Took a course"))
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Mentored Sam", NOW))  # here, meanwhile
    opened = reopen(store_path)
    texts = sorted(n.text for n in opened.history(ada.id).notes)
    assert texts == ["Mentored Sam", "Shipped the export", "Took a course"]
    assert opened.summary(ada.id).progress_count == 3  # rebuilt from the merged file
    assert not copy.exists()
    kept = store_path.parent / "kindcheck.backups" / KEPT_FOLDER
    assert [p.name for p in kept.iterdir()] == [f"kindcheck.people-{copy.name}"]
    [notice] = opened.notices()
    assert "conflict copy" in notice and copy.name in notice and "settle" not in notice
    again = reopen(store_path)  # merged once, said once
    assert again.notices() == []
    assert sorted(n.text for n in again.history(ada.id).notes) == texts


@pytest.mark.parametrize("shape", SHAPES)
def test_index_copy_brings_in_a_person(store: Store, store_path: Path, ada: Person,
                                       shape: str) -> None:
    document = load(store_path)
    document["people"]["9"] = {**document["people"]["1"], "id": "bo1", "name": "Bo Berg"}
    document["meta"]["1"]["write"] = "elsewhere"
    document.pop("summaries", None)
    copy = store_path.with_name(shape.format(stem="kindcheck"))
    save(copy, document)
    opened = reopen(store_path)
    assert [p.name for p in opened.people()] == ["Ada Lovelace", "Bo Berg"]
    assert opened.summary(ada.id).progress_count == 1
    assert not copy.exists() and opened.notices() and opened.missing_files() == []


def test_same_text_changed_on_both_machines_is_flagged(
    store: Store, store_path: Path, ada: Person
) -> None:
    note = store.history(ada.id).notes[0]
    # The day's backup is the version both machines started from.
    store.daily_backup()
    changed = {**note_row(ada.id, note.id, "Shipped the export, at last")}
    copy = person_copy(store, ada, SHAPES[0])
    document = load(copy)
    document["notes"] = {"1": changed}
    save(copy, document)
    original = load(store.person_file(ada.id))
    original["notes"] = {"1": {**original["notes"]["1"], "text": "Shipped the CSV export"}}
    original["meta"]["1"]["write"] = "here"
    save(store.person_file(ada.id), original)
    opened = reopen(store_path)
    [merged] = [n for n in opened.history(ada.id).notes]
    stored = next(iter(load(opened.person_file(ada.id))["notes"].values()))
    assert {stored["text"], *stored["conflict"]["text"]} == {
        "Shipped the export, at last", "Shipped the CSV export"}
    assert merged.text == stored["text"]
    assert "settle them from Today" in opened.notices()[0]


def test_damaged_copy_is_left_where_it_is_and_named(
    store: Store, store_path: Path, ada: Person
) -> None:
    copy = store.person_file(ada.id).with_name(SHAPES[0].format(stem=ada.id))
    copy.write_text('{"meta": {"1": {"kind": "person", "sch')
    copy.chmod(0o600)  # only the damage to hear about
    before = digest(store_path.parent)
    opened = reopen(store_path)
    assert copy.exists() and digest(store_path.parent) == before
    [notice] = opened.notices()
    assert copy.name in notice and "could not be merged" in notice
    assert [n.text for n in opened.history(ada.id).notes] == ["Shipped the export"]


def test_icloud_name_of_a_store_of_its_own_is_left_alone(
    store: Store, store_path: Path, ada: Person
) -> None:
    other = Store.open(store_path.with_name("kindcheck 2.json"), clock=ManualClock(NOW))
    other.add_person(Person("Someone Else"))
    before = digest(store_path.parent)
    opened = reopen(store_path)
    assert [p.name for p in opened.people()] == ["Ada Lovelace"]
    assert opened.notices() == [] and digest(store_path.parent) == before


def test_icloud_name_holding_something_else_is_left_alone(
    store: Store, store_path: Path, ada: Person
) -> None:
    stranger = store_path.with_name("kindcheck 2.json")
    stranger.write_text('{"not": "ours"}')
    opened = reopen(store_path)
    assert stranger.read_text() == '{"not": "ours"}' and opened.notices() == []


def test_copy_of_a_person_deleted_for_good_is_kept_but_not_merged(
    store: Store, store_path: Path, ada: Person
) -> None:
    copy = person_copy(store, ada, SHAPES[1], note_row(ada.id, "late", "Late note"))
    saved = copy.read_bytes()
    copy.unlink()
    store.delete_person(ada.id)
    copy.write_bytes(saved)
    reopen(store_path)
    assert not copy.exists() and not store.person_file(ada.id).exists()
    kept = store_path.parent / "kindcheck.backups" / KEPT_FOLDER
    assert len(list(kept.iterdir())) == 1


def test_no_copies_writes_nothing(store: Store, store_path: Path, ada: Person) -> None:
    shutil.rmtree(store_path.parent / "kindcheck.backups", ignore_errors=True)
    before = digest(store_path.parent)
    reopen(store_path)
    assert digest(store_path.parent) == before


def test_names_that_only_look_alike_are_left_alone(
    store: Store, store_path: Path, ada: Person
) -> None:
    # (Copies of the drafts are merged now, see test_sync_edges_copies.py; an iCloud-shaped
    # one holding no drafts is not taken for one.)
    for name in ("kindcheck (old).json", "kindcheck 1.json", "kindcheck.drafts 2.json",
                 "kindcheck.drafts.sync-conflict-2026-ABCDEFG.json",
                 "kindcheck.sync-conflict-2026-ABCDEFG.json", "notes (conflicted copy).json"):
        path = store_path.with_name(name)
        path.write_bytes(store_path.read_bytes())
        path.chmod(0o600)
    before = digest(store_path.parent)
    opened = reopen(store_path)
    assert opened.notices() == [] and digest(store_path.parent) == before


def test_a_copy_merged_twice_changes_nothing_more(
    store: Store, store_path: Path, ada: Person
) -> None:
    # As if kindcheck stopped after writing the merged file, before moving the copy away.
    copy = person_copy(store, ada, SHAPES[0], note_row(ada.id, "elsewhere-1", "Took a course"))
    saved = copy.read_bytes()
    reopen(store_path)
    once = load(store.person_file(ada.id))
    copy.write_bytes(saved)
    reopen(store_path)
    twice = load(store.person_file(ada.id))
    assert twice["notes"] == once["notes"] and len(twice["notes"]) == 2
    assert not copy.exists()
    kept = store_path.parent / "kindcheck.backups" / KEPT_FOLDER
    assert len(list(kept.iterdir())) == 2  # both kept, under two names
