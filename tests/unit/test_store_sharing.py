"""Several writers on one store: nobody loses another's data, changes are noticed, crash
leftovers are cleaned up, and daily backups are cheap snapshots."""

from __future__ import annotations

import os
import random
from pathlib import Path

import orjson
import pytest
from pendulum import DateTime

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Note, Person, ValidationError
from kindcheck.domain.summary import summarize
from kindcheck.store.files import TEMP_MARK
from kindcheck.store.store import BACKUP_DAYS_KEPT, Store
from tests.faults.records import exact, store_view, temp_files


def test_two_stores_interleaving_writes_lose_nothing(
    store_path: Path, clock: ManualClock, now: DateTime
) -> None:
    first = Store.open(store_path, clock=clock)
    second = Store.open(store_path, clock=clock)
    ada = first.add_person(Person("Ada"))
    bob = second.add_person(Person("Bob"))  # second had not seen Ada; it must keep her
    rng = random.Random(7)
    expected: set[str] = set()
    for n in range(40):
        writer = rng.choice([first, second])
        who = rng.choice([ada, bob])
        expected.add(writer.add_note(Note(who.id, "progress", f"note {n}", now)).id)
        if n % 10 == 0:
            writer.save_checkin(CheckIn(who.id, now, mood=3, no_follow_up=True))
    ada.role = "Lead"
    first.update_person(ada)
    second.set_archived(bob.id)

    fresh = Store.open(store_path)
    notes = {n.id for p in (ada, bob) for n in fresh.history(p.id).notes}
    assert notes == expected
    assert fresh.person(ada.id).role == "Lead" and fresh.person(bob.id).archived
    for person in (ada, bob):
        assert exact(fresh.summary(person.id)) == exact(summarize(fresh.history(person.id)))
    first.refresh()
    second.refresh()
    assert store_view(first) == store_view(second) == store_view(fresh)


def test_a_name_taken_by_another_writer_is_refused(store_path: Path) -> None:
    first = Store.open(store_path)
    second = Store.open(store_path)
    first.add_person(Person("Ada"))
    with pytest.raises(ValidationError, match="already someone called Ada"):
        second.add_person(Person("ada"))
    assert [p.name for p in Store.open(store_path).people()] == ["Ada"]


def test_another_writers_change_is_noticed(store_path: Path, now: DateTime) -> None:
    mine = Store.open(store_path)
    other = Store.open(store_path)
    assert not mine.changed_on_disk()
    assert mine.refresh() is False

    ada = other.add_person(Person("Ada"))
    assert mine.changed_on_disk()
    assert mine.refresh() is True
    assert [p.name for p in mine.people()] == ["Ada"]
    assert not mine.changed_on_disk()

    other.add_note(Note(ada.id, "missing", "No laptop", now))
    assert mine.changed_on_disk()
    mine.refresh()
    assert [n.text for n in mine.summary(ada.id).open_missing] == ["No laptop"]
    assert [n.text for n in mine.history(ada.id).notes] == ["No laptop"]

    mine.add_note(Note(ada.id, "progress", "Mine", now))
    assert not mine.changed_on_disk()  # our own write is not news
    assert other.changed_on_disk()


def _rewrite_in_place(path: Path, data: bytes) -> None:
    """Change a file but keep its (inode, mtime, size), as two quick replacements can."""
    before = path.stat()
    assert len(data) == before.st_size
    with path.open("r+b") as file:
        file.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino, before.st_mtime_ns, before.st_size,
    )


def test_a_same_sized_rewrite_within_one_clock_tick_is_noticed(store_path: Path) -> None:
    """File times tick coarsely and inode numbers are reused, so two quick replacements can
    leave the same (inode, mtime, size). Recent files are compared by their write id too."""
    mine = Store.open(store_path)
    mine.add_person(Person("Ada", role="Engineer"))
    data = mine.path.read_bytes()
    meta = orjson.loads(data)["meta"]["1"]
    other_write = data.replace(meta["write"].encode(), b"f" * len(meta["write"]))
    _rewrite_in_place(mine.path, other_write.replace(b"Engineer", b"Engineex"))
    assert mine.changed_on_disk()
    mine.refresh()
    assert mine.people()[0].role == "Engineex"


def test_a_same_sized_rewrite_of_a_file_without_a_write_id_is_noticed(store_path: Path) -> None:
    """Files another program wrote (or an older kindcheck) are compared by a hash of it all."""
    mine = Store.open(store_path)
    mine.add_person(Person("Ada", role="Engineer"))
    tables = orjson.loads(mine.path.read_bytes())
    del tables["meta"]["1"]["write"]
    legacy = orjson.dumps({**{k: v for k, v in tables.items() if k != "meta"}, **tables})
    (store_path.parent / "legacy").write_bytes(legacy)
    os.replace(store_path.parent / "legacy", store_path)
    assert mine.refresh()
    _rewrite_in_place(mine.path, legacy.replace(b"Engineer", b"Engineex"))
    assert mine.changed_on_disk()
    mine.refresh()
    assert mine.people()[0].role == "Engineex"


def test_temp_files_left_by_a_crash_are_removed_on_the_next_write(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    left = [
        store.folder / f".{store.path.name}{TEMP_MARK}4242-deadbeef",
        store.folder / f".kindcheck.drafts.json{TEMP_MARK}4242-deadbeef",
        store.people_folder / f".{team['ada'].id}.json{TEMP_MARK}4242-deadbeef",
    ]
    someone_elses = store.folder / f".notes.txt{TEMP_MARK}1"  # not ours: must stay
    for path in [*left, someone_elses]:
        path.write_bytes(b'{"half": ')
    store.add_note(Note(team["sam"].id, "progress", "any write", now))
    assert temp_files(store.folder) == [someone_elses]


def test_a_summary_is_rebuilt_after_a_crash_between_the_two_writes(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    """Simulate dying after the person's file was written but before the index was."""
    ada = team["ada"].id
    index_before = store.path.read_bytes()
    note = store.add_note(Note(ada, "missing", "No chair", now))
    (store.folder / "old-index").write_bytes(index_before)
    os.replace(store.folder / "old-index", store.path)

    again = Store.open(store.path)
    assert note.id in [n.id for n in again.summary(ada).open_missing]
    assert exact(again.summary(ada)) == exact(summarize(again.history(ada)))
    assert store.path.read_bytes() == index_before  # opening only reads
    again.add_note(Note(team["sam"].id, "progress", "any write", now))
    assert b"No chair" in store.path.read_bytes()  # the rebuilt summary is saved with it


def test_daily_backups_are_copies_kept_for_a_week(
    store: Store, team: dict[str, Person], clock: ManualClock, now: DateTime
) -> None:
    ada = team["ada"].id
    store.save_draft(ada, {"how_they_are": "ok"})
    day = store.daily_backup()
    assert day == store.backups_folder / now.to_date_string()
    names = {p.name for p in day.iterdir()}
    assert names == {"kindcheck.json", "kindcheck.drafts.json", *(
        p.name for p in store.people_folder.iterdir()
    )}
    for copy in day.iterdir():
        live = store.path if copy.name == "kindcheck.json" else (
            store.folder / copy.name if copy.name.startswith("kindcheck") else
            store.people_folder / copy.name
        )
        assert copy.stat().st_ino != live.stat().st_ino  # a copy: damage in place spares it
        assert copy.read_bytes() == live.read_bytes()
    snapshot = (day / "kindcheck.json").read_bytes()
    store.add_person(Person("Grace"))
    assert (day / "kindcheck.json").read_bytes() == snapshot  # replacing keeps the old one
    assert store.daily_backup() == day
    assert (day / "kindcheck.json").read_bytes() == snapshot  # once a day only

    for _ in range(BACKUP_DAYS_KEPT + 3):
        clock.advance(days=1)
        store.add_note(Note(ada, "progress", "daily", clock()))
        store.daily_backup()
    days = sorted(p.name for p in store.backups_folder.iterdir())
    assert days == [clock().subtract(days=n).to_date_string() for n in reversed(range(7))]


def test_a_half_made_backup_is_redone(store: Store, team: dict[str, Person], now: DateTime) -> None:
    partial = store.backups_folder / f".{now.to_date_string()}.partial"
    partial.mkdir(parents=True)
    (partial / "kindcheck.json").write_bytes(b"half")
    day = store.daily_backup()
    assert day is not None and not partial.exists()
    assert (day / "kindcheck.json").read_bytes() == store.path.read_bytes()


def test_no_backup_of_a_store_never_written(store: Store) -> None:
    assert store.daily_backup() is None
    assert not store.backups_folder.exists()
