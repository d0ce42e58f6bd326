"""Damaged, foreign and newer files are refused with a message naming the file, never written
over, and the last good backup is offered. Older files are migrated after a backup copy."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime

from kindcheck.domain.model import Note, Person
from kindcheck.store import shard
from kindcheck.store.errors import CorruptStore, NewerStore, StoreError
from kindcheck.store.store import Store
from tests.conftest import NOW, build_small_team
from tests.faults.records import file_bytes, store_view, temp_files


def _replace(path: Path, data: bytes) -> None:
    """Put `data` at `path` as a new file, the way another program saving it would."""
    temp = path.with_name("replacement")
    temp.write_bytes(data)
    os.replace(temp, path)


def _meta(kind: str = "index", schema: Any = 1) -> dict[str, Any]:
    return {"1": {"kind": kind, "schema": schema, "rev": 1}}


DAMAGE: dict[str, bytes] = {
    "empty": b"",
    "only whitespace": b" \n\t ",
    "truncated": b'{"meta": {"1": {"kind": "index", "sch',
    "not JSON": b"Dear diary, today",
    "binary": bytes(range(256)),
    "a list": b"[1, 2, 3]",
    "a string": b'"kindcheck"',
    "a table that is a list": orjson.dumps({"meta": _meta(), "people": [1, 2]}),
    "a record that is a string": orjson.dumps({"meta": _meta(), "people": {"1": "Ada"}}),
    "a doc id that is not a number": orjson.dumps({"meta": _meta(), "people": {"x": {}}}),
    "a doc id in other digits": orjson.dumps({"meta": _meta(), "people": {"²": {}}}),
    "no meta": orjson.dumps({"people": {}}),
    "meta of the wrong kind": orjson.dumps({"meta": _meta("person")}),
    "meta without a kind": orjson.dumps({"meta": {"1": {"schema": 1}}}),
    "a schema that is text": orjson.dumps({"meta": _meta(schema="1")}),
    "a schema that is true": orjson.dumps({"meta": _meta(schema=True)}),
    "a negative schema": orjson.dumps({"meta": _meta(schema=-1)}),
    "a person without a name": orjson.dumps({"meta": _meta(), "people": {"1": {"id": "a"}}}),
    "a person with an unsafe id": orjson.dumps(
        {"meta": _meta(), "people": {"1": {"id": "../x", "name": "Ada"}}}
    ),
    "a summary that is half there": orjson.dumps(
        {"meta": _meta(), "summaries": {"1": {"person_id": "a", "checkin_count": 1}}}
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_is_refused_and_left_alone(store_path: Path, damage: str) -> None:
    store_path.parent.mkdir(parents=True)
    store_path.write_bytes(DAMAGE[damage])
    with pytest.raises(CorruptStore) as caught:
        Store.open(store_path)
    message = str(caught.value)
    assert caught.value.path == store_path
    assert message.startswith(f"{store_path} is damaged (") and "left it untouched" in message
    assert "\n" not in message and len(message) < 400
    assert caught.value.backup is None
    assert store_path.read_bytes() == DAMAGE[damage]


def test_a_newer_index_is_refused_and_left_alone(store_path: Path) -> None:
    store_path.parent.mkdir(parents=True)
    data = orjson.dumps({"meta": _meta(schema=7), "people": {"1": {"anything": "new"}}})
    store_path.write_bytes(data)
    with pytest.raises(NewerStore) as caught:
        Store.open(store_path)
    assert caught.value.path == store_path
    assert str(store_path) in str(caught.value) and "schema 7" in str(caught.value)
    assert store_path.read_bytes() == data


def test_a_damaged_person_file_is_refused_and_never_written_over(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    ada = team["ada"].id
    person_file = store.people_folder / f"{ada}.json"
    damaged = person_file.read_bytes()[:-20]
    _replace(person_file, damaged)

    again = Store.open(store.path)  # the index is fine, so the store opens
    assert [p.name for p in again.people()] == ["Ada Lovelace", "Mika Tanaka", "Sam Okafor"]
    for attempt in range(2):  # a second try must not write over it either
        with pytest.raises(CorruptStore) as caught:
            again.history(ada)
        assert caught.value.path == person_file, attempt
        with pytest.raises(CorruptStore):
            again.add_note(Note(ada, "progress", "new", now))
    assert person_file.read_bytes() == damaged
    again.add_note(Note(team["sam"].id, "progress", "others are fine", now))
    assert person_file.read_bytes() == damaged


def test_a_person_file_with_a_bad_record_is_refused(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    ada = team["ada"].id
    person_file = store.people_folder / f"{ada}.json"
    tables = orjson.loads(person_file.read_bytes())
    tables["notes"]["1"]["at"] = ["yesterday-ish", "Mars/Olympus"]
    damaged = orjson.dumps(tables)
    _replace(person_file, damaged)
    with pytest.raises(CorruptStore, match="not a moment"):
        store.add_note(Note(ada, "progress", "new", now))
    with pytest.raises(CorruptStore):
        store.set_note_resolved(ada, "anything")
    assert person_file.read_bytes() == damaged


def test_a_newer_person_file_is_refused(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    ada = team["ada"].id
    person_file = store.people_folder / f"{ada}.json"
    tables = orjson.loads(person_file.read_bytes())
    tables["meta"]["1"]["schema"] = 2
    newer = orjson.dumps(tables)
    _replace(person_file, newer)
    with pytest.raises(NewerStore, match="newer kindcheck"):
        store.add_note(Note(ada, "progress", "new", now))
    assert person_file.read_bytes() == newer


def test_damaged_drafts_are_refused(store: Store, team: dict[str, Person]) -> None:
    drafts = store.folder / "kindcheck.drafts.json"
    store.save_draft(team["ada"].id, {"how_they_are": "ok"})
    bad = orjson.dumps({"meta": _meta("drafts"), "drafts": {"1": {"person_id": 3}}})
    _replace(drafts, bad)
    with pytest.raises(CorruptStore):
        store.load_draft(team["ada"].id)
    with pytest.raises(CorruptStore):
        store.save_draft(team["ada"].id, {"how_they_are": "again"})
    assert drafts.read_bytes() == bad


def test_the_last_good_backup_is_offered(store: Store, team: dict[str, Person]) -> None:
    day = store.daily_backup()
    assert day is not None
    store.clock.advance(days=1)  # type: ignore[attr-defined]
    store.add_person(Person("Grace"))  # replaces the index: the backup is now a true copy
    store.daily_backup()
    store.add_person(Person("Linus"))
    _replace(store.path, b"{trunc")
    with pytest.raises(CorruptStore) as caught:
        Store.open(store.path)
    newest = store.backups_folder / NOW.add(days=1).to_date_string() / store.path.name
    assert caught.value.backup == newest
    assert f"The last good backup is {newest}." in str(caught.value)

    ada_file = store.people_folder / f"{team['ada'].id}.json"
    _replace(ada_file, b"")
    with pytest.raises(CorruptStore) as caught:
        store.history(team["ada"].id)
    assert caught.value.backup is not None and caught.value.backup.name == ada_file.name


def test_a_backup_that_is_the_damaged_file_itself_is_not_offered(
    store: Store, team: dict[str, Person]
) -> None:
    """A backup made as a hard link (as older kindchecks did) is damaged with the file; a
    real copy is not, and is offered."""
    day = store.daily_backup()
    assert day is not None
    (day / store.path.name).unlink()
    os.link(store.path, day / store.path.name)  # the old way: the same inode
    with store.path.open("r+b") as file:  # in place: damages that link too
        file.truncate(10)
    with pytest.raises(CorruptStore) as caught:
        Store.open(store.path)
    assert caught.value.backup is None

    store.path.unlink()
    (day / store.path.name).unlink()
    build_small_team(Store.open(store.path, clock=store.clock))
    store.clock.advance(days=1)  # type: ignore[attr-defined]
    day = Store.open(store.path, clock=store.clock).daily_backup()
    assert day is not None
    with store.path.open("r+b") as file:
        file.truncate(10)
    with pytest.raises(CorruptStore) as caught:
        Store.open(store.path)
    assert caught.value.backup == day / store.path.name


# -- damage generated by hypothesis ------------------------------------------------------------


def _valid_store(folder: Path) -> Store:
    store = Store.open(folder / "kindcheck.json", clock=lambda: NOW)
    build_small_team(store)
    return store


_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)  # what JSON files written by kindcheck can hold
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=4),
    max_leaves=12,
)


def _assert_refused_or_fine(path: Path, data: bytes) -> None:
    """Opening and using the store either works or fails with a StoreError; never otherwise,
    and a refused file is never changed."""
    _replace(path, data)
    try:
        store = Store.open(path.parent / "kindcheck.json")
        store_view(store)
        person = store.add_person(Person("Hypothesis Probe"))
        store.add_note(Note(person.id, "progress", "probe", NOW))
    except StoreError as error:
        assert error.path is not None and "\n" not in str(error)
        assert path.read_bytes() == data
    assert temp_files(path.parent) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=10**6))
def test_a_truncated_index_is_always_refused(cut: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _valid_store(Path(folder))
        whole = store.path.read_bytes()
        cut = cut % len(whole)
        _replace(store.path, whole[:cut])
        with pytest.raises(CorruptStore):
            Store.open(store.path)
        assert store.path.read_bytes() == whole[:cut]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.sampled_from(["index", "person"]),
    flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=4),
)
def test_flipped_bytes_are_refused_or_harmless(which: str, flips: list[tuple[int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _valid_store(Path(folder))
        ada = store.find_person("Ada").id
        path = store.path if which == "index" else store.people_folder / f"{ada}.json"
        damaged = bytearray(path.read_bytes())
        for at, byte in flips:
            damaged[at % len(damaged)] = byte
        _assert_refused_or_fine(path, bytes(damaged))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    which=st.sampled_from(["index", "person", "drafts"]),
    tables=st.dictionaries(st.sampled_from(["meta", "people", "summaries", "notes", "drafts"]),
                           _json, max_size=4),
)
def test_random_json_is_refused_or_harmless(which: str, tables: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = _valid_store(Path(folder))
        store.save_draft(store.people()[0].id, {"how_they_are": "ok"})
        path = {
            "index": store.path,
            "person": store.people_folder / f"{store.find_person('Ada').id}.json",
            "drafts": store.folder / "kindcheck.drafts.json",
        }[which]
        _assert_refused_or_fine(path, orjson.dumps(tables))


# -- migrations --------------------------------------------------------------------------------


def _add_pinned(tables: shard.Tables) -> shard.Tables:
    for note in tables.get("notes", {}).values():
        note["pinned"] = False
    tables.get("meta", {}).get("1", {})["migrated_by"] = "test"
    return tables


def test_older_files_are_migrated_after_a_backup_copy(
    store: Store, team: dict[str, Person], now: DateTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_draft(team["ada"].id, {"how_they_are": "ok"})
    ada = team["ada"].id
    ada_file = store.people_folder / f"{ada}.json"
    old = file_bytes(store.folder)
    view = store_view(store)
    monkeypatch.setattr(shard, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(shard.MIGRATIONS, 1, _add_pinned)

    again = Store.open(store.path)
    assert orjson.loads(store.path.read_bytes())["meta"]["1"]["schema"] == 2
    assert store_view(again) == view
    assert again.load_draft(ada) == {"how_they_are": "ok"}
    again.history(ada)  # person files migrate as they are read

    backups = store.backups_folder
    assert (backups / "kindcheck.schema1.json").read_bytes() == old["kindcheck.json"]
    assert (backups / f"{ada}.schema1.json").read_bytes() == old[f"kindcheck.people/{ada}.json"]
    assert (backups / "kindcheck.drafts.schema1.json").exists()
    migrated = orjson.loads(ada_file.read_bytes())
    assert migrated["meta"]["1"]["schema"] == 2
    assert migrated["meta"]["1"]["migrated_by"] == "test"
    assert all(note["pinned"] is False for note in migrated["notes"].values())

    again.add_note(Note(ada, "progress", "after the upgrade", now))
    assert len(Store.open(store.path).history(ada).notes) == 3
    assert orjson.loads(ada_file.read_bytes())["meta"]["1"]["schema"] == 2
    assert temp_files(store.folder) == []

    monkeypatch.setattr(shard, "SCHEMA_VERSION", 1)  # the older kindcheck now refuses
    with pytest.raises(NewerStore):
        Store.open(store.path)
