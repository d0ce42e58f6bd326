"""Open commitments with a due day as all-day events (`commitments = true`,
kindcheck.vdir.promises): written, removed when kept, one way only."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pendulum

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Commitment, Person
from kindcheck.store.store import Store
from kindcheck.vdir.mirror import CalendarMirror
from kindcheck.vdir.promises import promise_file_name
from kindcheck.vdir.status import calendar_status


def mirrored(store: Store, clock: ManualClock, vdir: Path, **chosen: object) -> CalendarMirror:
    mirror = CalendarMirror(store, CalendarSettings(vdir=vdir, **chosen), clock)  # type: ignore[arg-type]
    store.add_followup_hook(mirror.person_changed)
    return mirror


def promise(store: Store, person: Person, now: pendulum.DateTime) -> Commitment:
    return store.add_commitment(Commitment(person.id, "Ask ops for log access", now,
                                           due=now.date().add(days=2)))


def the_event(path: Path) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    return event


def test_off_by_default(store: Store, clock: ManualClock, tmp_path: Path,
                        now: pendulum.DateTime) -> None:
    mirrored(store, clock, tmp_path / "cal")
    ada = store.add_person(Person("Ada Lovelace"))
    promise(store, ada, now)
    assert not (tmp_path / "cal").exists() or list((tmp_path / "cal").iterdir()) == []


def test_a_promise_is_an_all_day_event_removed_when_kept(
    store: Store, clock: ManualClock, tmp_path: Path, now: pendulum.DateTime
) -> None:
    vdir = tmp_path / "cal"
    mirror = mirrored(store, clock, vdir, commitments=True)
    ada = store.add_person(Person("Ada Lovelace"))
    kept = promise(store, ada, now)
    path = vdir / promise_file_name(kept.id)
    event = the_event(path)
    assert event["dtstart"].dt == kept.due and b"DTSTART;VALUE=DATE:20261125" in path.read_bytes()
    assert event["dtend"].dt == kept.due.add(days=1)  # type: ignore[union-attr]
    assert str(event["transp"]) == "TRANSPARENT"
    assert str(event["summary"]) == "Promise to Ada Lovelace"
    assert b"log access" not in path.read_bytes()  # names only by default
    assert event.walk("VALARM") == []
    assert calendar_status(mirror).own == 1
    store.set_commitment_done(ada.id, kept.id)
    assert not path.exists()


def test_topics_add_the_promise_and_sync_writes_it_back_as_kindcheck_has_it(
    store: Store, clock: ManualClock, tmp_path: Path, now: pendulum.DateTime
) -> None:
    vdir = tmp_path / "cal"
    ada = store.add_person(Person("Ada Lovelace"))
    kept = promise(store, ada, now)  # before the calendar was on
    mirror = mirrored(store, clock, vdir, commitments=True, details="topics")
    assert mirror.sync().written == 1
    path = vdir / promise_file_name(kept.id)
    assert str(the_event(path)["summary"]) == "Promise to Ada Lovelace: Ask ops for log access"
    path.write_bytes(path.read_bytes().replace(b"20261125", b"20261130"))
    report = mirror.sync()
    assert report.said == [] and report.written == 1
    assert the_event(path)["dtstart"].dt == kept.due
    path.unlink()
    assert mirror.sync().written == 1 and path.exists()
    assert [c.is_open for c in store.history(ada.id).commitments] == [True]
