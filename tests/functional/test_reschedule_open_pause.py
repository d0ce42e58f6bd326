"""Pilot tests: the reschedule dialog never waits on reading the leader's calendars.

Every full read of the calendars is held back (as a big calendar would hold it) until the
test lets it go. A day typed in a week the week view has not read must not be read from the
event loop: the clash line says it is looking, the leader can save, and once the week is
read the line says what the time clashes with.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input, Static

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.dialogs.reschedule import RescheduleDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.vdir.busy import BusyCalendars
from tests.functional.harness import OpenedOnto, wait_until
from tests.functional.test_planner_busy import meeting
from tests.functional.test_planner_open_pause import HeldReads

SIZE = (120, 34)


def next_week_calendar(tmp_path: Path) -> Path:
    """Tue 1 Dec (the week after the one shown): a meeting 10:00-11:15; Tue 8 Dec too."""
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    (folder / "a.ics").write_text(meeting("a", "Board prep", "20261201T100000",
                                          "20261201T111500"), newline="")
    (folder / "b.ics").write_text(meeting("b", "Offsite", "20261208T100000",
                                          "20261208T120000"), newline="")
    return folder


def hint(app: OpenedOnto) -> str:
    return str(app.screen.query_one("#reschedule-hint", Static).render())


def host(store: Store, clock: ManualClock, folder: Path) -> OpenedOnto:
    settings = Settings(calendar=CalendarSettings(read=(folder,)))
    return OpenedOnto(store, clock, lambda app: CalendarScreen(store, clock, app.settings),
                      settings)


async def test_a_day_in_an_unread_week_is_read_in_a_thread_then_its_clash_said(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = host(store, clock, next_week_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # this week read: next week is not
        await pilot.pause()
        reads = HeldReads(monkeypatch)
        await pilot.press("r")  # Ada's follow-up today at 14:00
        await pilot.pause()
        assert isinstance(app.screen, RescheduleDialog)
        app.screen.query_one("#reschedule-when", Input).value = "2026-12-01 10:30"
        await pilot.pause()
        assert hint(app) == "Tue 1 Dec 10:30, in 8 days · looking at your calendar…"
        assert reads.from_the_loop == 0
        reads.gate.set()
        await wait_until(pilot, lambda: "Clashes" in hint(app), "the clash said")
        assert hint(app) == "Tue 1 Dec 10:30, in 8 days · Clashes with a busy time 10:00–11:15"
        assert reads.from_the_loop == 0


async def test_the_leader_can_save_while_the_week_is_still_read(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = host(store, clock, next_week_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        reads = HeldReads(monkeypatch)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RescheduleDialog)
        app.screen.query_one("#reschedule-when", Input).value = "2026-12-01 10:30"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen), "saved")
        assert reads.from_the_loop == 0
        reads.gate.set()  # the read finishing after the dialog left changes nothing
        await app.workers.wait_for_complete()
        await pilot.pause()
    [moved] = store.summary(team["ada"].id).planned_followups
    assert moved.at == pendulum.datetime(2026, 12, 1, 10, 30, tz="Europe/Berlin")


async def test_typing_through_several_weeks_reads_one_at_a_time_and_ends_on_the_last(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = host(store, clock, next_week_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        reads = HeldReads(monkeypatch)
        weeks: list[str] = []
        held = BusyCalendars.between

        def noted(reader: BusyCalendars, start: pendulum.DateTime, end: pendulum.DateTime
                  ) -> list:
            weeks.append(f"{start:%d %b}")
            return held(reader, start, end)

        monkeypatch.setattr(BusyCalendars, "between", noted)
        await pilot.press("r")
        await pilot.pause()
        entry = app.screen.query_one("#reschedule-when", Input)
        entry.value = "2026-12-01 10:30"  # on the way to the 8th, as typing passes it
        await pilot.pause()
        entry.value = "2026-12-08 10:30"
        await pilot.pause()
        assert hint(app) == "Tue 8 Dec 10:30, in 15 days · looking at your calendar…"
        assert weeks == ["30 Nov"]  # one read at a time: the 8th waits for it
        reads.gate.set()
        await wait_until(pilot, lambda: "Clashes" in hint(app), "the clash said")
        assert hint(app) == "Tue 8 Dec 10:30, in 15 days · Clashes with a busy time 10:00–12:00"
        assert weeks == ["30 Nov", "07 Dec"]
        assert reads.from_the_loop == 0
