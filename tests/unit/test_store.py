"""The store's records and rules: round trips, finding people, check-ins, drafts, file modes."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import (
    Cadence,
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    NoteKind,
    Person,
    PersonHistory,
    ValidationError,
)
from kindcheck.domain.summary import summarize
from kindcheck.store.errors import AmbiguousPerson, PersonNotFound
from kindcheck.store.store import Store
from tests.faults.records import exact, exact_history, file_bytes, store_view


def reopen(store: Store) -> Store:
    return Store.open(store.path, clock=store.clock)


# -- round trips -------------------------------------------------------------------------------


def test_a_new_store_is_empty_and_creates_nothing(store_path: Path) -> None:
    store = Store.open(store_path)
    assert store.is_empty
    assert store.people() == []
    assert not store_path.parent.exists()


def test_person_round_trips_with_every_field(store: Store) -> None:
    person = store.add_person(
        Person(
            "  Zoë   Ångström ",
            role=" Staff engineer ",
            cadence=Cadence.parse("10d"),
            timezone="America/Sao_Paulo",
            what_matters="Her 🐕 Bruno\nand climbing",
            birthday=pendulum.date(1990, 2, 28),
        )
    )
    assert person.name == "Zoë Ångström"
    again = reopen(store).person(person.id)
    assert exact(again) == exact(person)
    assert again.cadence == Cadence("days", 10)


@pytest.mark.parametrize("cadence", ["weekly", "biweekly", "monthly", "1d", "366d"])
def test_every_cadence_round_trips(store: Store, cadence: str) -> None:
    person = store.add_person(Person("Ada", cadence=Cadence.parse(cadence)))
    assert reopen(store).person(person.id).cadence == Cadence.parse(cadence)


def test_every_record_type_round_trips(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    berlin = now
    tokyo = now.in_timezone("Asia/Tokyo").add(days=2)
    fixed = pendulum.parse("2026-12-01T14:30:00+05:30")  # a fixed offset, no zone name
    checkin = CheckIn(ada.id, berlin, mood=4, how_they_are="Good", their_words="I own the docs")
    notes = [
        Note(ada.id, NoteKind.PROGRESS, "Shipped it", berlin, checkin.id),
        Note(ada.id, NoteKind.MISSING, "No laptop", berlin, checkin.id, resolved_at=tokyo),
    ]
    commitments = [
        Commitment(ada.id, "Order a laptop", berlin, Category.TOOLS, due=now.date().add(days=3),
                   checkin_id=checkin.id),
        Commitment(ada.id, "Intro to mentor", berlin, "training", done_at=fixed),
    ]
    followup = FollowUp(ada.id, tokyo, "Laptop", checkin_id=checkin.id)
    store.save_checkin(checkin, notes=notes, commitments=commitments, followup=followup)
    extra_note = store.add_note(Note(ada.id, "missing", "Parking", fixed))
    extra_commitment = store.add_commitment(Commitment(ada.id, "Ask HR", tokyo))
    extra_followup = store.add_followup(
        FollowUp(ada.id, fixed, status=FollowUpStatus.CANCELLED)
    )

    history = reopen(store).history(ada.id)
    assert exact_history(history) == exact_history(
        PersonHistory(
            ada.id,
            checkins=[checkin],
            notes=[*notes, extra_note],
            commitments=[*commitments, extra_commitment],
            followups=[followup, extra_followup],
        )
    )
    assert exact_history(history) == exact_history(store.history(ada.id))


def test_a_check_in_without_a_mood_or_follow_up_round_trips(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    checkin = store.save_checkin(CheckIn(ada.id, now, no_follow_up=True))
    [again] = reopen(store).history(ada.id).checkins
    assert exact(again) == exact(checkin)
    assert again.mood is None and again.no_follow_up


def test_summaries_round_trip_and_match_the_history(store: Store, team: dict[str, Person]) -> None:
    again = reopen(store)
    for person in team.values():
        expected = exact(summarize(store.history(person.id)))
        assert exact(store.summary(person.id)) == expected
        assert exact(again.summary(person.id)) == expected
    assert again.summary(team["ada"].id).checkin_count == 1
    assert len(again.summary(team["ada"].id).open_missing) == 1


def test_a_history_added_in_one_write_round_trips(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    history = PersonHistory(
        ada.id,
        checkins=[CheckIn(ada.id, now.subtract(weeks=w), mood=3) for w in range(3)],
        notes=[Note(ada.id, "progress", f"note {n}", now) for n in range(5)],
        commitments=[Commitment(ada.id, "help", now)],
        followups=[FollowUp(ada.id, now.add(days=1))],
    )
    store.add_history(history)
    assert exact_history(reopen(store).history(ada.id)) == exact_history(history)


def test_people_handed_out_are_copies(store: Store) -> None:
    ada = store.add_person(Person("Ada", role="Engineer"))
    ada.role = "changed by the caller"
    store.person(ada.id).role = "changed again"
    store.people()[0].role = "and again"
    assert store.person(ada.id).role == "Engineer"
    assert reopen(store).person(ada.id).role == "Engineer"


def test_update_and_archive_a_person(store: Store) -> None:
    ada = store.add_person(Person("Ada"))
    ada.role = "Lead"
    store.update_person(ada)
    store.set_archived(ada.id)
    again = reopen(store)
    assert again.person(ada.id).role == "Lead"
    assert again.person(ada.id).archived
    assert again.people() == []
    assert [p.id for p in again.people(include_archived=True)] == [ada.id]
    store.set_archived(ada.id, False)
    assert not reopen(store).person(ada.id).archived


def test_unsafe_person_ids_are_refused(store: Store) -> None:
    for bad in ("../index", "a/b", "", "x" * 65):
        with pytest.raises(ValidationError):
            store.add_person(Person("Ada", id=bad))
    assert store.is_empty


# -- finding people ----------------------------------------------------------------------------


@pytest.fixture
def crowd(store: Store) -> Store:
    for name in ("Ann", "Anna Berg", "Mika Tanaka", "Sam Okafor", "Samira Haddad"):
        store.add_person(Person(name))
    old = store.add_person(Person("Zed Old"))
    store.set_archived(old.id)
    return store


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Ann", "Ann"),  # exact wins over the prefix shared with Anna
        ("ann", "Ann"),
        ("  MIKA   tanaka ", "Mika Tanaka"),
        ("mi", "Mika Tanaka"),
        ("MIK", "Mika Tanaka"),
        ("anna", "Anna Berg"),
        ("tan", "Mika Tanaka"),  # a later word of the name
        ("sami", "Samira Haddad"),
        ("zed old", "Zed Old"),  # archived people are still found by their exact name
    ],
)
def test_find_person(crowd: Store, query: str, name: str) -> None:
    assert crowd.find_person(query).name == name


def test_an_ambiguous_prefix_lists_the_candidates(crowd: Store) -> None:
    with pytest.raises(AmbiguousPerson) as caught:
        crowd.find_person("sa")
    assert caught.value.candidates == ["Sam Okafor", "Samira Haddad"]
    assert "Sam Okafor" in str(caught.value) and "Samira Haddad" in str(caught.value)


@pytest.mark.parametrize("query", ["Zoe", "", "   ", "zed"])
def test_an_unknown_name_lists_the_active_people(crowd: Store, query: str) -> None:
    with pytest.raises(PersonNotFound) as caught:
        crowd.find_person(query)
    assert caught.value.candidates == [
        "Ann", "Anna Berg", "Mika Tanaka", "Sam Okafor", "Samira Haddad"
    ]
    assert "Zed Old" not in str(caught.value)


def test_nobody_to_find_in_an_empty_store(store: Store) -> None:
    with pytest.raises(PersonNotFound, match="nobody here yet"):
        store.find_person("Ann")


def test_duplicate_names_are_refused_in_any_case(store: Store) -> None:
    ada = store.add_person(Person("Ada Lovelace"))
    grace = store.add_person(Person("Grace Hopper"))
    before = file_bytes(store.folder)
    with pytest.raises(ValidationError, match="already someone called Ada Lovelace"):
        store.add_person(Person("ADA   lovelace"))
    grace.name = "ada lovelace"
    with pytest.raises(ValidationError):
        store.update_person(grace)
    with pytest.raises(ValidationError):
        store.add_person(ada)  # the same person twice
    assert file_bytes(store.folder) == before
    assert [p.name for p in reopen(store).people()] == ["Ada Lovelace", "Grace Hopper"]


# -- check-ins and what they change ------------------------------------------------------------


def test_a_check_in_needs_a_follow_up_or_an_explicit_none(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    before = file_bytes(store.folder)
    with pytest.raises(ValidationError, match="next follow-up"):
        store.save_checkin(CheckIn(ada.id, now))
    assert file_bytes(store.folder) == before
    store.save_checkin(CheckIn(ada.id, now, no_follow_up=True))
    assert store.summary(ada.id).checkin_count == 1


def test_a_check_in_refuses_records_of_someone_else(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    bob = store.add_person(Person("Bob"))
    with pytest.raises(ValidationError):
        store.save_checkin(
            CheckIn(ada.id, now), followup=FollowUp(bob.id, now.add(days=7))
        )
    assert store.history(ada.id).checkins == []


def test_planned_follow_ups_up_to_the_check_in_day_are_done(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    earlier = store.add_followup(FollowUp(ada.id, now.subtract(days=3), "old"))
    later_today = store.add_followup(FollowUp(ada.id, now.replace(hour=23, minute=59), "tonight"))
    tomorrow = store.add_followup(FollowUp(ada.id, now.add(days=1).start_of("day"), "next"))
    cancelled = store.add_followup(
        FollowUp(ada.id, now.subtract(days=1), status=FollowUpStatus.CANCELLED)
    )
    new = FollowUp(ada.id, now.replace(hour=16), "this afternoon")
    store.save_checkin(CheckIn(ada.id, now), followup=new)

    status = {f.id: f.status for f in reopen(store).history(ada.id).followups}
    assert status == {
        earlier.id: FollowUpStatus.DONE,
        later_today.id: FollowUpStatus.DONE,
        tomorrow.id: FollowUpStatus.PLANNED,
        cancelled.id: FollowUpStatus.CANCELLED,
        new.id: FollowUpStatus.PLANNED,  # planned by this very check-in
    }
    assert [f.id for f in store.summary(ada.id).planned_followups] == [new.id, tomorrow.id]


def test_a_check_in_resolves_missing_items(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    old = store.add_note(Note(ada.id, "missing", "No laptop", now.subtract(days=7)))
    other = store.add_note(Note(ada.id, "missing", "No desk", now.subtract(days=7)))
    store.save_checkin(CheckIn(ada.id, now, no_follow_up=True), resolve_note_ids=[old.id])
    notes = {n.id: n for n in reopen(store).history(ada.id).notes}
    assert exact(notes[old.id].resolved_at) == exact(now)
    assert notes[other.id].resolved_at is None
    assert [n.id for n in store.summary(ada.id).open_missing] == [other.id]


def test_resolving_an_unknown_note_changes_nothing(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    store.add_note(Note(ada.id, "missing", "No laptop", now))
    before = file_bytes(store.folder)
    with pytest.raises(ValidationError, match="no longer there"):
        store.save_checkin(
            CheckIn(ada.id, now, no_follow_up=True), resolve_note_ids=["nope"]
        )
    with pytest.raises(ValidationError):
        store.set_note_resolved(ada.id, "nope")
    assert file_bytes(store.folder) == before
    assert exact_history(store.history(ada.id)) == exact_history(reopen(store).history(ada.id))


def test_notes_resolve_and_reopen(store: Store, clock: ManualClock) -> None:
    ada = store.add_person(Person("Ada"))
    note = store.add_note(Note(ada.id, "missing", "No laptop", clock()))
    clock.advance(days=2)
    store.set_note_resolved(ada.id, note.id)
    [again] = reopen(store).history(ada.id).notes
    assert exact(again.resolved_at) == exact(clock())
    assert store.summary(ada.id).open_missing == []
    store.set_note_resolved(ada.id, note.id, False)
    assert reopen(store).history(ada.id).notes[0].resolved_at is None
    assert len(store.summary(ada.id).open_missing) == 1


def test_commitments_are_done_on_time_or_late(store: Store, clock: ManualClock) -> None:
    ada = store.add_person(Person("Ada"))
    on_time = store.add_commitment(
        Commitment(ada.id, "Laptop", clock(), due=clock().date().add(days=1))
    )
    late = store.add_commitment(
        Commitment(ada.id, "Mentor", clock(), due=clock().date().subtract(days=1))
    )
    store.set_commitment_done(ada.id, on_time.id)
    store.set_commitment_done(ada.id, late.id)
    again = reopen(store)
    assert all(exact(c.done_at) == exact(clock()) for c in again.history(ada.id).commitments)
    summary = again.summary(ada.id)
    assert (summary.kept_on_time, summary.kept_late, summary.open_commitments) == (1, 1, [])
    store.set_commitment_done(ada.id, late.id, False)
    assert [c.id for c in reopen(store).summary(ada.id).open_commitments] == [late.id]


def test_follow_ups_reschedule_and_change_status(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    followup = store.add_followup(FollowUp(ada.id, now.add(days=1)))
    moved = now.add(days=3).in_timezone("Asia/Tokyo")
    store.reschedule_followup(ada.id, followup.id, moved)
    [again] = reopen(store).history(ada.id).followups
    assert exact(again.at) == exact(moved)
    store.set_followup_status(ada.id, followup.id, FollowUpStatus.CANCELLED)
    assert reopen(store).history(ada.id).followups[0].status is FollowUpStatus.CANCELLED
    assert store.summary(ada.id).planned_followups == []


def test_records_for_someone_unknown_are_refused(store: Store, now: DateTime) -> None:
    with pytest.raises(PersonNotFound):
        store.add_note(Note("nobody", "progress", "hi", now))
    assert not store.folder.exists() or not store.people_folder.exists()


# -- drafts ------------------------------------------------------------------------------------


def test_drafts_save_load_and_discard(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    bob = store.add_person(Person("Bob"))
    assert store.load_draft(ada.id) is None
    store.save_draft(ada.id, {"how_they_are": "tired 😴", "progress": ["a", "b"]})
    store.save_draft(ada.id, {"how_they_are": "better"})
    store.save_draft(bob.id, {"their_words": "\u202eRTL\u202c"})
    again = reopen(store)
    assert again.load_draft(ada.id) == {"how_they_are": "better"}
    assert sorted(again.draft_people()) == sorted([ada.id, bob.id])
    again.discard_draft(bob.id)
    again.discard_draft(bob.id)  # nothing left to discard is fine
    assert reopen(store).draft_people() == [ada.id]


def test_saving_a_check_in_discards_its_draft(store: Store, now: DateTime) -> None:
    ada = store.add_person(Person("Ada"))
    bob = store.add_person(Person("Bob"))
    store.save_draft(ada.id, {"how_they_are": "ok"})
    store.save_draft(bob.id, {"how_they_are": "ok"})
    store.save_checkin(CheckIn(ada.id, now, no_follow_up=True))
    assert reopen(store).draft_people() == [bob.id]


def test_a_draft_is_a_copy(store: Store) -> None:
    ada = store.add_person(Person("Ada"))
    store.save_draft(ada.id, {"how_they_are": "ok"})
    store.load_draft(ada.id)["how_they_are"] = "changed"  # type: ignore[index]
    assert store.load_draft(ada.id) == {"how_they_are": "ok"}


# -- file modes --------------------------------------------------------------------------------


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A permissive umask, so the modes seen are the store's own doing."""
    old = os.umask(0o002)
    try:
        yield
    finally:
        os.umask(old)


def test_files_are_private_to_the_user(
    loose_umask: None, store: Store, team: dict[str, Person]
) -> None:
    store.save_draft(team["ada"].id, {"how_they_are": "ok"})
    store.daily_backup()
    folders = [store.folder, *(p for p in store.folder.rglob("*") if p.is_dir())]
    files = [p for p in store.folder.rglob("*") if p.is_file()]
    assert {store.people_folder, store.backups_folder} <= set(folders)
    assert store.lock_path in files and store.path in files
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_the_view_survives_a_reopen(store: Store, team: dict[str, Person]) -> None:
    store.save_draft(team["sam"].id, {"how_they_are": "new"})
    assert store_view(reopen(store)) == store_view(store)
