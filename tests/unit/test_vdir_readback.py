"""The vdir kept in step with the store and read back (kindcheck.vdir.mirror, .readback):
written on every change, moved or deleted in the calendar, changed on both sides, foreign
events left alone byte for byte, broken files reported and skipped."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pendulum
import pytest

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, FollowUpStatus, Person
from kindcheck.store.store import Store
from kindcheck.vdir.events import file_name, read_event
from kindcheck.vdir.mirror import CalendarMirror
from kindcheck.vdir.state import load_state

FOREIGN = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//EN\r\nBEGIN:VEVENT\r\n"
           b"UID:team-standup@example.com\r\nDTSTAMP:20261101T080000Z\r\n"
           b"DTSTART:20261124T080000Z\r\nDTEND:20261124T083000Z\r\nSUMMARY:Standup\r\n"
           b"END:VEVENT\r\nEND:VCALENDAR\r\n")


@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    return tmp_path / "calendars" / "kindcheck"


@pytest.fixture
def mirror(store: Store, clock: ManualClock, vdir: Path) -> CalendarMirror:
    made = CalendarMirror(store, CalendarSettings(vdir=vdir), clock)
    store.add_followup_hook(made.person_changed)
    return made


@pytest.fixture
def ada(store: Store) -> Person:
    return store.add_person(Person("Ada Lovelace"))


def plan(store: Store, person: Person, at: pendulum.DateTime, topic: str = "") -> FollowUp:
    return store.add_followup(FollowUp(person.id, at, topic))


def move_event(path: Path, to: str, modified: str = "20261123T090000Z") -> None:
    """What a calendar app does when the leader drags the event: new times, new stamps."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"DTSTART;TZID=Europe/Berlin:\d{8}T\d{6}", f"DTSTART;TZID=Europe/Berlin:{to}",
                  text)
    text = re.sub(r"LAST-MODIFIED:\S+", f"LAST-MODIFIED:{modified}", text)
    path.write_text(text, encoding="utf-8")


def followup_of(store: Store, person: Person, followup_id: str) -> FollowUp:
    [found] = [f for f in store.history(person.id).followups if f.id == followup_id]
    return found


def test_planning_writes_the_event_and_done_removes_it(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, now.add(days=3))
    path = vdir / file_name(followup.id)
    assert read_event(path.read_bytes()).start == followup.at
    store.reschedule_followup(ada.id, followup.id, now.add(days=4))
    assert read_event(path.read_bytes()).start == now.add(days=4)
    assert read_event(path.read_bytes()).sequence == 1  # bumped on each change
    store.set_followup_status(ada.id, followup.id, FollowUpStatus.DONE)
    assert not path.exists()
    assert list(vdir.iterdir()) == []  # no temp file left behind


def test_sync_fills_the_vdir_of_an_existing_store(
    store: Store, clock: ManualClock, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    first = plan(store, ada, now.add(days=1))
    second = plan(store, ada, now.add(days=8))
    report = CalendarMirror(store, CalendarSettings(vdir=vdir), clock).sync()
    assert report.written == 2
    assert sorted(p.name for p in vdir.iterdir()) == sorted(
        [file_name(first.id), file_name(second.id)])


def test_an_event_moved_in_the_calendar_moves_the_followup(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, pendulum.datetime(2026, 11, 26, 10, tz="Europe/Berlin"))
    path = vdir / file_name(followup.id)
    move_event(path, "20261203T100000")
    report = mirror.sync()
    assert report.said == ["Moved in your calendar: Ada Lovelace to Thu 3 Dec 10:00"]
    moved = followup_of(store, ada, followup.id)
    assert moved.at == pendulum.datetime(2026, 12, 3, 10, tz="Europe/Berlin")
    assert moved.is_planned
    event = read_event(path.read_bytes())
    assert event.start == moved.at and event.sequence == 1  # kindcheck's again, bumped
    assert mirror.sync().said == []  # said once


def test_an_event_deleted_in_the_calendar_cancels_the_followup(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, pendulum.datetime(2026, 11, 26, 10, tz="Europe/Berlin"))
    (vdir / file_name(followup.id)).unlink()
    report = mirror.sync()
    assert report.said == ["Cancelled in your calendar: Ada Lovelace, Thu 26 Nov 10:00 "
                           "(Today can bring it back)."]
    assert followup_of(store, ada, followup.id).status is FollowUpStatus.CANCELLED
    assert mirror.cancelled_in_calendar() == {followup.id: ada.id}
    assert not (vdir / file_name(followup.id)).exists()
    mirror.restore(ada.id, followup.id)
    assert followup_of(store, ada, followup.id).is_planned
    assert read_event((vdir / file_name(followup.id)).read_bytes()).start == followup.at
    assert mirror.cancelled_in_calendar() == {}


def test_changed_on_both_sides_the_calendars_later_move_wins(
    store: Store, clock: ManualClock, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, pendulum.datetime(2026, 11, 26, 10, tz="Europe/Berlin"))
    CalendarMirror(store, CalendarSettings(vdir=vdir), clock).sync()
    clock.advance(minutes=5)  # moved here by a kindcheck that had no calendar turned on
    store.reschedule_followup(ada.id, followup.id, now.add(days=2).replace(hour=15, minute=0))
    move_event(vdir / file_name(followup.id), "20261127T110000", modified="20261123T084500Z")
    report = CalendarMirror(store, CalendarSettings(vdir=vdir), clock).sync()
    assert report.said == ["Moved in your calendar: Ada Lovelace to Fri 27 Nov 11:00 (later than "
                           "the change here to Wed 25 Nov 15:00)."]
    assert followup_of(store, ada, followup.id).at == pendulum.datetime(
        2026, 11, 27, 11, tz="Europe/Berlin")


def test_changed_on_both_sides_kindchecks_later_change_wins(
    store: Store, clock: ManualClock, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, pendulum.datetime(2026, 11, 26, 10, tz="Europe/Berlin"))
    CalendarMirror(store, CalendarSettings(vdir=vdir), clock).sync()
    path = vdir / file_name(followup.id)
    move_event(path, "20261127T110000", modified="20261123T083500Z")  # 09:35 in Berlin
    clock.advance(minutes=10)
    store.reschedule_followup(ada.id, followup.id, now.add(days=2).replace(hour=15, minute=0))
    report = CalendarMirror(store, CalendarSettings(vdir=vdir), clock).sync()
    assert report.said == ["Kept in kindcheck: Ada Lovelace at Wed 25 Nov 15:00 (the move to "
                           "Fri 27 Nov 11:00 in your calendar was earlier)."]
    kept = followup_of(store, ada, followup.id)
    assert kept.at == now.add(days=2).replace(hour=15, minute=0)
    assert read_event(path.read_bytes()).start == kept.at  # the calendar hears it


def test_foreign_events_are_never_touched(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    vdir.mkdir(parents=True)
    (vdir / "standup.ics").write_bytes(FOREIGN)
    # Even one that borrows kindcheck's file name without both marks is not ours.
    lookalike = FOREIGN.replace(b"team-standup@example.com", b"kindcheck-zzz@kindcheck")
    (vdir / file_name("zzz")).write_bytes(lookalike)
    plan(store, ada, now.add(days=1))
    report = mirror.sync()
    assert report.said == [] and report.unreadable == []
    assert (vdir / "standup.ics").read_bytes() == FOREIGN
    assert (vdir / file_name("zzz")).read_bytes() == lookalike
    assert set(load_state(store.layout.calendar_state_path).events) == {
        f.id for f in store.history(ada.id).followups}


def test_a_broken_file_is_reported_and_the_rest_still_read(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, pendulum.datetime(2026, 11, 26, 10, tz="Europe/Berlin"))
    (vdir / "broken.ics").write_bytes(b"BEGIN:VCALENDAR\r\nthis is not\r\n")
    (vdir / "empty.ics").write_bytes(b"")
    move_event(vdir / file_name(followup.id), "20261127T100000")
    report = mirror.sync()
    assert [name for name, _ in report.unreadable] == ["broken.ics", "empty.ics"]
    assert all(reason for _, reason in report.unreadable)
    assert report.said == ["Moved in your calendar: Ada Lovelace to Fri 27 Nov 10:00"]
    assert (vdir / "broken.ics").read_bytes() == b"BEGIN:VCALENDAR\r\nthis is not\r\n"


def test_a_lost_state_file_loses_nothing(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, now.add(days=1))
    store.layout.calendar_state_path.unlink()
    assert mirror.sync().said == []
    assert followup_of(store, ada, followup.id).is_planned
    assert read_event((vdir / file_name(followup.id)).read_bytes()).start == followup.at


def test_prep_puts_the_page_in_and_a_later_sync_leaves_it(
    store: Store, clock: ManualClock, vdir: Path, now: pendulum.DateTime
) -> None:
    ada = store.add_person(Person("Ada Lovelace", what_matters="Climbing on weekends"))
    followup = plan(store, ada, now.add(days=3), "Growth goals")
    mirror = CalendarMirror(store, CalendarSettings(vdir=vdir, details="prep"), clock)
    assert mirror.sync().written == 1
    data = (vdir / file_name(followup.id)).read_bytes()
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert "Climbing on weekends" in str(event["description"])
    assert "Growth goals" in str(event["summary"])
    clock.advance(minutes=7)
    assert mirror.sync().written == 0  # the page does not change with the clock
    assert (vdir / file_name(followup.id)).read_bytes() == data


def test_an_event_under_another_name_is_still_kindchecks(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    # vdirsyncer names the files it fetches after a random id ("@" is not safe in its names):
    # on a second machine kindcheck's event arrives as 3f2a....ics.
    followup = plan(store, ada, pendulum.datetime(2026, 11, 26, 10, tz="Europe/Berlin"))
    fetched = vdir / "3f2a9c1e-random.ics"
    (vdir / file_name(followup.id)).rename(fetched)
    store.layout.calendar_state_path.unlink()  # a new machine: no memory of writing it
    move_event(fetched, "20261203T100000", modified="20261123T090000Z")
    report = mirror.sync()
    assert report.said[0].startswith("Moved in your calendar: Ada Lovelace to Thu 3 Dec 10:00")
    assert [p.name for p in vdir.iterdir()] == [fetched.name]  # rewritten where it is
    assert read_event(fetched.read_bytes()).start == followup_of(store, ada, followup.id).at
    store.reschedule_followup(ada.id, followup.id, now.add(days=5))
    assert [p.name for p in vdir.iterdir()] == [fetched.name]
    assert read_event(fetched.read_bytes()).start == now.add(days=5)
    store.set_followup_status(ada.id, followup.id, FollowUpStatus.DONE)
    assert list(vdir.iterdir()) == []


def test_a_second_copy_of_kindchecks_event_is_removed(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    followup = plan(store, ada, now.add(days=1))
    ours = vdir / file_name(followup.id)
    fetched = vdir / "3f2a9c1e-random.ics"
    fetched.write_bytes(ours.read_bytes())
    store.layout.calendar_state_path.unlink()
    assert mirror.sync().said == []
    assert [p.name for p in vdir.iterdir()] == [fetched.name]


def test_a_wiped_folder_cancels_nothing(
    store: Store, mirror: CalendarMirror, ada: Person, vdir: Path, now: pendulum.DateTime
) -> None:
    first, second = plan(store, ada, now.add(days=1)), plan(store, ada, now.add(days=2))
    for path in vdir.iterdir():
        path.unlink()
    report = mirror.sync()
    assert report.said == ["None of kindcheck's events were in your calendar folder any more: "
                           "written again, nothing cancelled."]
    assert all(f.is_planned for f in store.history(ada.id).followups)
    assert {p.name for p in vdir.iterdir()} == {file_name(first.id), file_name(second.id)}


def test_a_new_folder_in_the_settings_cancels_nothing(
    store: Store, clock: ManualClock, mirror: CalendarMirror, ada: Person, tmp_path: Path,
    now: pendulum.DateTime,
) -> None:
    followup = plan(store, ada, now.add(days=1))
    elsewhere = tmp_path / "calendars" / "new"
    report = CalendarMirror(store, CalendarSettings(vdir=elsewhere), clock).sync()
    assert report.said == [] and report.written == 1
    assert followup_of(store, ada, followup.id).is_planned
    assert (elsewhere / file_name(followup.id)).exists()
