"""The quick path for searching years of notes: texts read straight from the files, kept flat,
with exactly the results of the careful path (every record built, then `entries_of`)."""

from __future__ import annotations

import gc
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindcheck.demo import load_demo
from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    PersonHistory,
)
from kindcheck.domain.search import SearchCorpus, search
from kindcheck.store import codec
from kindcheck.store.errors import CorruptStore
from kindcheck.store.shard import garbage_collection_paused
from kindcheck.store.store import Store
from tests.conftest import NOW, build_small_team
from tests.unit.search_oracle import entries_of


def _history(person: Person) -> PersonHistory:
    old = NOW.subtract(days=20)
    checkin = CheckIn(person.id, old, how_they_are="Tired after the move", their_words="  ")
    return PersonHistory(
        person.id,
        checkins=[checkin],
        notes=[
            Note(person.id, NoteKind.MISSING, "No staging logs", NOW, checkin.id),
            Note(person.id, NoteKind.PROGRESS, "Shipped export", old, checkin.id),
        ],
        commitments=[Commitment(person.id, "Ask ops for access", old)],
        followups=[
            FollowUp(person.id, NOW.add(days=3), "Staging access"),
            FollowUp(person.id, NOW),  # no topic: nothing to search
        ],
    )


def test_written_texts_are_every_non_blank_text_in_file_order() -> None:
    ada = Person("Ada Lovelace")
    texts = codec.written_texts(codec.dump_history(_history(ada)))
    assert [(t.field, t.text) for t in texts] == [
        ("how_they_are", "Tired after the move"),
        ("missing", "No staging logs"),
        ("progress", "Shipped export"),
        ("commitment", "Ask ops for access"),
        ("topic", "Staging access"),
    ]
    assert texts[1].order == NOW.timestamp()
    assert codec.load_moment(texts[1].stored) == NOW


@pytest.mark.parametrize(
    ("table", "change"),
    [
        ("notes", {"text": None}),
        ("notes", {"kind": "gossip"}),
        ("notes", {"at": ["2026-11-23T09:30:00", "UTC"]}),  # no UTC offset
        ("notes", {"at": "yesterday"}),
        ("commitments", {"created_at": None}),
    ],
)
def test_a_record_kindcheck_did_not_write_is_a_shape_error(
    table: str, change: dict[str, object]
) -> None:
    tables = codec.dump_history(_history(Person("Ada Lovelace")))
    first = next(iter(tables[table].values()))
    first.update(change)
    with pytest.raises(codec.ShapeError):
        codec.written_texts(tables)


def test_the_store_reads_texts_without_building_records(store: Store) -> None:
    team = build_small_team(store)
    ada = team["ada"]
    fresh = Store.open(store.path)
    texts = fresh.texts(ada.id)
    assert "No access to the staging logs" in [t.text for t in texts]
    shard = fresh._files.shard(ada.id)
    assert shard.loads == 0  # peeked at, not loaded and checked record by record
    assert texts == codec.written_texts(codec.dump_history(fresh.history(ada.id)))
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Fixed the flaky test", NOW))
    assert "Fixed the flaky test" in [t.text for t in fresh.texts(ada.id)]
    assert fresh.moment(texts[0].stored) == fresh.history(ada.id).checkins[0].at


def test_a_damaged_record_is_reported_as_a_damaged_file(store: Store) -> None:
    ada = build_small_team(store)["ada"]
    path = store.people_folder / f"{ada.id}.json"
    tables = orjson.loads(path.read_bytes())
    next(iter(tables["notes"].values()))["text"] = 42
    path.write_bytes(orjson.dumps(tables))
    with pytest.raises(CorruptStore) as raised:
        Store.open(store.path).texts(ada.id)
    assert str(path) in str(raised.value)


def _same_results(store: Store, queries: list[str]) -> None:
    people = store.people(include_archived=True)
    careful = entries_of(people, store.histories())
    corpus = SearchCorpus(((p, store.texts(p.id)) for p in people), store.moment)
    assert len(corpus) == len(careful)
    for query in queries:
        assert search(corpus, query, limit=50) == search(careful, query, limit=50), query


def test_the_corpus_finds_what_the_entries_find_on_the_sample_team(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kindcheck.json")
    load_demo(store, NOW, people=6, weeks=30, seed=3)
    store.set_archived(store.people()[0].id)
    _same_results(store, ["laptop", "the", "THE TEAM", "mentor rosa", "e", "zzz", "  ", "demo"])


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(alphabet="aeinorst ÄéTS", max_size=8))
def test_the_corpus_agrees_with_the_entries_on_any_query(store: Store, query: str) -> None:
    if not store.people():
        build_small_team(store)
    _same_results(store, [query])


def test_collection_is_paused_only_inside_and_only_when_it_was_on() -> None:
    assert gc.isenabled()
    with garbage_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with garbage_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # left off, as it was
    finally:
        gc.enable()
