"""The open app reads the leader's calendar back: an event moved there moves the follow-up
(said literally), and one deleted there shows in Today, brought back with `r`."""

from __future__ import annotations

import re
from pathlib import Path

import pendulum
import pytest

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, FollowUpStatus, Person
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.vdir.events import file_name, read_event
from kindcheck.widgets.today import TodayPane
from tests.functional.conftest import SIZE, screen_text, wait_until
from tests.functional.harness import NoticingApp

THURSDAY = pendulum.datetime(2026, 11, 26, 10, 0, tz="Europe/Berlin")


@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    return tmp_path / "calendars" / "kindcheck"


@pytest.fixture
def planned(store: Store) -> tuple[Person, FollowUp]:
    ada = store.add_person(Person("Ada Lovelace"))
    return ada, store.add_followup(FollowUp(ada.id, THURSDAY, "Growth goals"))


def make(store: Store, clock: ManualClock, vdir: Path) -> NoticingApp:
    settings = Settings(calendar=CalendarSettings(vdir=vdir))
    return NoticingApp(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)


def status_of(store: Store, person: Person, followup: FollowUp) -> tuple[FollowUpStatus, str]:
    [found] = [f for f in store.history(person.id).followups if f.id == followup.id]
    return found.status, found.at.format("ddd D MMM HH:mm")


async def test_an_event_moved_in_the_calendar_moves_the_followup(
    store: Store, clock: ManualClock, vdir: Path, planned: tuple[Person, FollowUp]
) -> None:
    ada, followup = planned
    path = vdir / file_name(followup.id)
    app = make(store, clock, vdir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, path.exists, "the event written on start")
        assert app.check_calendar() is False  # nothing changed there yet
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"TZID=Europe/Berlin:20261126T100000",
                               "TZID=Europe/Berlin:20261203T100000", text), encoding="utf-8")
        assert app.check_calendar() is True
        assert "Moved in your calendar: Ada Lovelace to Thu 3 Dec 10:00" in app.notice_texts()
        assert status_of(store, ada, followup) == (FollowUpStatus.PLANNED, "Thu 3 Dec 10:00")
        assert read_event(path.read_bytes()).sequence == 1  # kindcheck's event again
        assert app.check_calendar() is False  # said once


async def test_a_followup_deleted_in_the_calendar_is_restored_from_today(
    store: Store, clock: ManualClock, vdir: Path, planned: tuple[Person, FollowUp]
) -> None:
    ada, followup = planned
    path = vdir / file_name(followup.id)
    app = make(store, clock, vdir)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, path.exists, "the event written on start")
        path.unlink()
        assert app.check_calendar() is True
        assert ("Cancelled in your calendar: Ada Lovelace, Thu 26 Nov 10:00 "
                "(Today can bring it back).") in app.notice_texts()
        assert status_of(store, ada, followup)[0] is FollowUpStatus.CANCELLED
        today = app.screen.query_one(TodayPane)
        row = f"cancelled:{ada.id}:{followup.id}"
        await wait_until(pilot, lambda: row in [o.id for o in today.options],
                         "the cancelled follow-up in Today")
        assert "Cancelled in your calendar" in screen_text(app)
        today.focus()
        today.highlighted = [o.id for o in today.options].index(row)
        await wait_until(pilot, lambda: "Bring back" in screen_text(app), "r in the footer")
        await pilot.press("r")
        await wait_until(pilot, path.exists, "the event written again")
        assert status_of(store, ada, followup) == (FollowUpStatus.PLANNED, "Thu 26 Nov 10:00")
        assert read_event(path.read_bytes()).start == THURSDAY
        await wait_until(pilot, lambda: row not in [o.id for o in today.options],
                         "the row gone from Today")
        assert "Brought back, and back in your calendar." in app.notice_texts()
