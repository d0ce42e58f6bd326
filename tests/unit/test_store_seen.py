"""When kindcheck was last open (kindcheck.store.seen and the Store's two methods)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pendulum import DateTime

from kindcheck.domain.model import FollowUp, Person
from kindcheck.domain.reminders import missed_reminders
from kindcheck.domain.summary import PersonSummary
from kindcheck.store.files import TEMP_MARK
from kindcheck.store.seen import read_last_open, write_last_open
from kindcheck.store.store import Store


def test_the_moment_comes_back_as_written(tmp_path: Path, now: DateTime) -> None:
    path = tmp_path / "kindcheck.seen.json"
    write_last_open(path, now)
    assert read_last_open(path) == now
    later = now.add(minutes=5)
    write_last_open(path, later)
    assert read_last_open(path) == later
    assert orjson.loads(path.read_bytes())["last_open"] == "2026-11-23T08:35:00+00:00"
    assert [p.name for p in tmp_path.iterdir()] == ["kindcheck.seen.json"]  # no temp left
    assert path.stat().st_mode & 0o077 == 0  # private, like the notes


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"version": 1}',
        b'{"version": 2, "last_open": "2026-11-23T08:30:00+00:00"}',
        b'{"version": 1, "last_open": 5}',
        b'{"version": 1, "last_open": "yesterday"}',
        b'{"version": 1, "last_open": "2026-11-23T08:30:00"}',  # no offset: cannot be placed
    ],
)
def test_anything_but_a_moment_reads_as_not_known(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "kindcheck.seen.json"
    path.write_bytes(content)
    assert read_last_open(path) is None


def test_no_file_reads_as_not_known(tmp_path: Path) -> None:
    assert read_last_open(tmp_path / "kindcheck.seen.json") is None


def test_the_store_keeps_it_beside_its_main_file(store: Store, now: DateTime) -> None:
    assert store.last_open() is None
    assert store.mark_open(now) is False  # a store never written creates nothing
    assert not store.folder.exists() or not any(store.folder.iterdir())
    store.add_person(Person("Ada Lovelace"))
    assert store.mark_open(now) is True
    seen = store.folder / "kindcheck.seen.json"
    assert seen.is_file()
    assert store.layout.seen_path == seen and store.owns(seen)
    assert Store.open(store.path).last_open() == now


def test_a_failed_write_is_not_an_error(store: Store, now: DateTime) -> None:
    store.add_person(Person("Ada Lovelace"))
    store.layout.seen_path.mkdir()  # something in the way that cannot be replaced by a file
    assert store.mark_open(now) is False
    assert store.last_open() is None
    assert not [p for p in store.folder.iterdir() if TEMP_MARK in p.name]


def test_a_clock_set_back_does_not_hide_missed_follow_ups(now: DateTime) -> None:
    sam = Person("Sam Okafor")
    yesterday = FollowUp(sam.id, now.subtract(days=1), "Onboarding")
    summaries = {sam.id: PersonSummary(sam.id, planned_followups=(yesterday,))}
    ahead = now.add(days=3)
    assert [r.followup for r in missed_reminders([sam], summaries, now, ahead)] == [yesterday]
    since_then = now.subtract(hours=2)
    assert missed_reminders([sam], summaries, now, since_then) == []
