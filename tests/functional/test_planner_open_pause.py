"""Pilot tests: opening the follow-up planner never waits on reading the leader's calendars.

The week view reads the meetings in a thread; here that read is held back (as a big calendar
would hold it) until the test lets it go. The planner must open at once with the plain first
free time, never ask the reader from the event loop, and move its proposal once the meetings
are known, unless the leader has typed a time of their own.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pendulum import DateTime
from textual.widgets import Input

from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from kindcheck.vdir.busy import BusyCalendars
from tests.functional.harness import wait_until
from tests.functional.test_planner_busy import SIZE, hint, host_for, work_calendar

# Long enough that a planner waiting on the read would plainly be caught waiting.
HELD_SECONDS = 5.0


class HeldReads:
    """Holds every full read of the calendars until let go; notes which thread asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.gate = threading.Event()
        self.from_the_loop = 0
        real = BusyCalendars.between

        def held(reader: BusyCalendars, start: DateTime, end: DateTime) -> list:
            if threading.current_thread() is threading.main_thread():
                self.from_the_loop += 1
            self.gate.wait(HELD_SECONDS)
            return real(reader, start, end)

        monkeypatch.setattr(BusyCalendars, "between", held)


def when(app: object) -> str:
    return app.screen.query_one("#plan-when", Input).value  # type: ignore[attr-defined]


async def test_the_planner_opens_at_once_and_moves_past_the_meetings_once_read(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = HeldReads(monkeypatch)
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "f")  # Tuesday, while the week's meetings are still read
        await pilot.pause()
        assert isinstance(app.screen, PlanFollowUpDialog)
        assert when(app) == "2026-11-24 10:00"  # the plain first free time
        assert reads.from_the_loop == 0
        reads.gate.set()
        # 09:00-10:00, 10:00-11:15 and the daily 11:15-12:00 are taken: noon is free.
        await wait_until(pilot, lambda: when(app) == "2026-11-24 12:00", "the proposal moved")
        assert "Moved to Tue 12:00, clear of your meetings." in app.notice_texts()
        assert reads.from_the_loop == 0


async def test_a_time_typed_before_the_meetings_are_read_stays(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = HeldReads(monkeypatch)
    app = host_for(store, clock, work_calendar(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "f")
        await pilot.pause()
        assert isinstance(app.screen, PlanFollowUpDialog)
        app.screen.query_one("#plan-when", Input).value = "tue 10:30"
        await pilot.pause()
        assert hint(app) == "Tue 24 Nov 10:30, tomorrow"  # nothing known to clash yet
        reads.gate.set()
        await wait_until(pilot, lambda: "Clashes" in hint(app), "the clash said")
        assert hint(app) == "Tue 24 Nov 10:30, tomorrow · Clashes with a busy time 10:00–11:15"
        assert when(app) == "tue 10:30"
        assert not any(text.startswith("Moved to") for text in app.notice_texts())
        assert reads.from_the_loop == 0
