"""Pilot tests: the follow-up planner offers a time around the leader's meetings (#13)."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime
from textual.widgets import Input, Static

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from tests.functional.harness import OpenedOnto, wait_until

SIZE = (120, 34)


def meeting(uid: str, summary: str, start: str, end: str, *extra: str) -> str:
    lines = "\r\n".join(extra)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//planner//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{end}\r\n"
        + (lines + "\r\n" if lines else "") + "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def work_calendar(tmp_path: Path) -> Path:
    """Tuesday 24 Nov: meetings 09:00-10:00, 10:00-11:15 and a daily one 11:15-12:00."""
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    (folder / "a.ics").write_text(meeting("a", "Hiring loop", "20261124T090000",
                                          "20261124T100000"), newline="")
    (folder / "b.ics").write_text(meeting("b", "Board prep", "20261124T100000",
                                          "20261124T111500"), newline="")
    (folder / "c.ics").write_text(meeting("c", "Daily", "20261116T111500", "20261116T120000",
                                          "RRULE:FREQ=DAILY"), newline="")
    return folder


def host_for(store: Store, clock: ManualClock, folder: Path) -> OpenedOnto:
    settings = Settings(calendar=CalendarSettings(read=(folder,)))
    return OpenedOnto(store, clock, lambda app: CalendarScreen(store, clock, app.settings),
                      settings)


def when(app: OpenedOnto) -> str:
    return app.screen.query_one("#plan-when", Input).value


def hint(app: OpenedOnto) -> str:
    return str(app.screen.query_one("#plan-when-hint", Static).render())


async def test_the_planner_offers_the_first_time_after_the_meetings(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    # Sam already has 12:00 on Tuesday: the first free half hour is 12:30.
    store.add_followup(FollowUp(team["sam"].id,
                                pendulum.datetime(2026, 11, 24, 12, tz="Europe/Berlin")))
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("right", "f")  # Tuesday
        await pilot.pause()
        assert isinstance(app.screen, PlanFollowUpDialog)
        # The meetings are read in a thread: the proposal moves past them once they are known.
        await wait_until(pilot, lambda: when(app) == "2026-11-24 12:30", "the proposal")
        assert hint(app) == "Tue 24 Nov 12:30, tomorrow"
        # A clashing time may be typed: the line says so, quietly, and names no title.
        app.screen.query_one("#plan-when", Input).value = "tue 10:30"
        await pilot.pause()
        assert hint(app) == "Tue 24 Nov 10:30, tomorrow · Clashes with a busy time 10:00–11:15"
        assert "Board" not in hint(app)
        app.screen.query_one("#plan-when", Input).value = "tue 12:15"
        await pilot.pause()
        assert hint(app) == (
            "Tue 24 Nov 12:15, tomorrow · Clashes with the follow-up with Sam Okafor 12:00–12:30"
        )
        app.screen.query_one("#plan-person", Input).value = "Ada"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    [planned] = store.summary(team["ada"].id).planned_followups[-1:]
    assert planned.at == pendulum.datetime(2026, 11, 24, 12, 15, tz="Europe/Berlin")


async def test_a_day_full_of_meetings_offers_the_next_day(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    folder = work_calendar(tmp_path)
    (folder / "offsite.ics").write_text(
        meeting("o", "Offsite", "20261124T083000", "20261124T180000"), newline="")
    app = host_for(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("right", "f")
        await pilot.pause()
        # Wednesday: the daily 11:15 meeting is the only thing in the way of 10:00-10:30.
        await wait_until(pilot, lambda: when(app) == "2026-11-25 10:00", "the proposal")


async def test_without_calendars_the_planner_offers_ten_as_before(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    app = host_for(store, clock, tmp_path / "no-such-calendar")
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("right", "f")
        await pilot.pause()
        assert app.screen.query_one("#plan-when", Input).value == "2026-11-24 10:00"


async def test_proposals_for_an_initiative_keep_clear_of_meetings(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    from kindcheck.dialogs.plan_initiative import PlanInitiativeDialog
    from kindcheck.domain.initiatives import Initiative

    store.initiatives.add(Initiative("Q1 launch", [team["sam"].id], pendulum.date(2026, 11, 25)))
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    # Monday from 10:00 to 13:00 is taken; Sam's proposal moves past it.
    (folder / "m.ics").write_text(meeting("m", "Offsite prep", "20261123T100000",
                                          "20261123T130000"), newline="")
    app = host_for(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("m", "i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PlanInitiativeDialog)
        assert [f"{p.at:%a %H:%M}" for p in dialog.proposals] == ["Mon 13:00"]


async def test_typing_times_reads_the_meetings_once(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kindcheck.vdir.busy import BusyCalendars

    asked: list[tuple[DateTime, DateTime]] = []
    real = BusyCalendars.between

    def counted(self: BusyCalendars, start: DateTime, end: DateTime) -> list:
        asked.append((start, end))
        return real(self, start, end)

    monkeypatch.setattr(BusyCalendars, "between", counted)
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("right", "f")
        await pilot.pause()
        asked.clear()
        for typed in ("tue 10:30", "wed 9:00", "fri 15:00", "+3d", "tomorrow 12:15"):
            app.screen.query_one("#plan-when", Input).value = typed
            await pilot.pause()
        assert "Clashes with the follow-up" not in hint(app)
        assert asked == []  # all within the two weeks read for the first proposal
