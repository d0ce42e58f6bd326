"""Conflict copies of the drafts and of when kindcheck was last open, in the shapes sync apps
make them: merged when the store opens, and kept among the backups (real files, a real store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Person
from kindcheck.store.conflict_copies import KEPT_FOLDER
from kindcheck.store.store import Store
from tests.conftest import NOW

SHAPES = [
    "{stem}.sync-conflict-20261201-101112-ABCDEFG.json",  # Syncthing
    "{stem} (conflicted copy 2026-12-01).json",  # Dropbox
    "{stem} (Ada's conflicted copy 2026-12-01).json",  # Dropbox, naming the owner
    "{stem} (conflicted copy ada 2026-12-01 101112).json",  # Nextcloud
    "{stem} 2.json",  # iCloud
]


def _copy_of(path: Path, shape: str) -> Path:
    return path.parent / shape.format(stem=path.stem)


def _reopened(store: Store, clock: ManualClock) -> Store:
    return Store.open(store.path, clock=clock)


@pytest.fixture
def people(store: Store) -> dict[str, Person]:
    return {name: store.add_person(Person(name)) for name in ("Ada", "Grace", "Sam")}


def _drafts_copy(store: Store, clock: ManualClock, write: dict[str, str]) -> bytes:
    """The drafts file as another machine left it: `write` saved there (person id → text);
    this machine's drafts file is left as it was."""
    original = store.drafts_path.read_bytes() if store.drafts_path.exists() else None
    for person_id, text in write.items():
        store.save_draft(person_id, {"talked_about": text})
    copied = store.drafts_path.read_bytes()
    if original is None:
        store.drafts_path.unlink()
    else:
        store.drafts_path.write_bytes(original)
    return copied


def _draft(store: Store, person: Person) -> str | None:
    fields = store.load_draft(person.id)
    return None if fields is None else fields["talked_about"]


@pytest.mark.parametrize("shape", SHAPES)
def test_drafts_merge_person_by_person_and_the_newer_wins(
    store: Store, clock: ManualClock, people: dict[str, Person], shape: str
) -> None:
    ada, grace, sam = people["Ada"], people["Grace"], people["Sam"]
    store.save_draft(ada.id, {"talked_about": "older, here"})
    store.save_draft(sam.id, {"talked_about": "only here"})
    clock.advance(minutes=5)
    copy = _copy_of(store.drafts_path, shape)
    copy.write_bytes(_drafts_copy(store, clock, {ada.id: "newer, there", grace.id: "only there"}))
    opened = _reopened(store, clock)
    assert _draft(opened, ada) == "newer, there"
    assert _draft(opened, grace) == "only there"
    assert _draft(opened, sam) == "only here"
    assert not copy.exists()
    assert (store.backups_folder / KEPT_FOLDER / copy.name).is_file()
    assert any(copy.name in line for line in opened.notices())


def test_an_older_draft_here_wins_over_an_older_one_there_too(
    store: Store, clock: ManualClock, people: dict[str, Person]
) -> None:
    ada = people["Ada"]
    copy = _copy_of(store.drafts_path, SHAPES[1])
    copy.write_bytes(_drafts_copy(store, clock, {ada.id: "older, there"}))
    clock.advance(minutes=5)
    store.save_draft(ada.id, {"talked_about": "newer, here"})
    assert _draft(_reopened(store, clock), ada) == "newer, here"


def test_a_draft_a_check_in_already_used_never_hides_one_still_waiting(
    store: Store, clock: ManualClock, people: dict[str, Person]
) -> None:
    ada = people["Ada"]
    store.save_checkin(CheckIn(ada.id, clock(), no_follow_up=True))
    store.save_draft(ada.id, {"talked_about": "the next talk"})  # counts that check-in
    clock.advance(minutes=5)
    # Saved later elsewhere, but typed before that check-in was saved: it was used.
    copied = _drafts_copy(store, clock, {ada.id: "the talk already saved"})
    assert b'"checkins_seen":1' in copied
    copy = _copy_of(store.drafts_path, SHAPES[0])
    copy.write_bytes(copied.replace(b'"checkins_seen":1', b'"checkins_seen":0'))
    assert _draft(_reopened(store, clock), ada) == "the next talk"


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("later", ["here", "there"])
def test_last_open_takes_the_later_moment(
    store: Store, clock: ManualClock, people: dict[str, Person], shape: str, later: str
) -> None:
    early, late = NOW.subtract(hours=3), NOW.subtract(hours=1)
    store.mark_open(early)
    copy = _copy_of(store.layout.seen_path, shape)
    copy.write_bytes(store.layout.seen_path.read_bytes())
    store.mark_open(late)
    if later == "there":  # swap them
        here, there = store.layout.seen_path.read_bytes(), copy.read_bytes()
        store.layout.seen_path.write_bytes(there)
        copy.write_bytes(here)
    opened = _reopened(store, clock)
    assert opened.last_open() == late
    assert not copy.exists()
    assert (store.backups_folder / KEPT_FOLDER / copy.name).is_file()


def test_a_damaged_drafts_copy_is_left_where_it_is_and_named(
    store: Store, clock: ManualClock, people: dict[str, Person]
) -> None:
    store.save_draft(people["Ada"].id, {"talked_about": "kept"})
    before = store.drafts_path.read_bytes()
    copy = _copy_of(store.drafts_path, SHAPES[0])
    copy.write_bytes(b'{"_meta": {"1": {"kind": "drafts", "sch')
    opened = _reopened(store, clock)
    assert copy.exists() and store.drafts_path.read_bytes() == before
    assert any("could not be merged" in line and copy.name in line
               for line in opened.notices())
    assert _draft(opened, people["Ada"]) == "kept"


def test_a_draft_about_someone_deleted_for_good_does_not_come_back(
    store: Store, clock: ManualClock, people: dict[str, Person]
) -> None:
    ada, sam = people["Ada"], people["Sam"]
    copied = _drafts_copy(store, clock, {ada.id: "about Ada", sam.id: "about Sam"})
    store.delete_person(ada.id)
    copy = _copy_of(store.drafts_path, SHAPES[0])
    copy.write_bytes(copied)
    opened = _reopened(store, clock)
    assert b"about Ada" not in store.drafts_path.read_bytes()
    assert _draft(opened, sam) == "about Sam"
