"""Pilot tests: the reschedule dialog says quietly what a new time clashes with (the leader's
meetings from `[calendar] read`, the other planned follow-ups), as the planner does; the
follow-up being moved never clashes with itself, and a clashing time can still be chosen."""

from __future__ import annotations

from pathlib import Path

import pendulum
from textual.widgets import Input, Static

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.dialogs.reschedule import RescheduleDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from tests.functional.harness import OpenedOnto
from tests.functional.test_planner_busy import work_calendar

SIZE = (120, 34)


def hint(app: OpenedOnto) -> str:
    return str(app.screen.query_one("#reschedule-hint", Static).render())


async def test_reschedule_says_what_a_new_time_clashes_with(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    settings = Settings(calendar=CalendarSettings(read=(work_calendar(tmp_path),)))
    app = OpenedOnto(store, clock, lambda app: CalendarScreen(store, clock, app.settings),
                     settings)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("r")  # Ada's follow-up today at 14:00
        await pilot.pause()
        assert isinstance(app.screen, RescheduleDialog)
        entry = app.screen.query_one("#reschedule-when", Input)
        entry.value = "tue 10:30"
        await pilot.pause()
        assert hint(app) == "Tue 24 Nov 10:30, tomorrow · Clashes with a busy time 10:00–11:15"
        assert "Board" not in hint(app)  # a meeting's title is never said
        entry.value = "fri 10:15"
        await pilot.pause()
        assert hint(app) == ("Fri 27 Nov 10:15, in 4 days · Clashes with the follow-up with "
                             "Mika Tanaka 10:00–10:30")
        entry.value = "today 14:00"  # where it is now: not a clash with itself
        await pilot.pause()
        assert hint(app) == "Mon 23 Nov 14:00, today"
        entry.value = "tue 12:00"
        await pilot.pause()
        assert hint(app) == "Tue 24 Nov 12:00, tomorrow"
        entry.value = "tue 10:30"  # a clash may still be chosen
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
    [moved] = store.summary(team["ada"].id).planned_followups
    assert moved.at == pendulum.datetime(2026, 11, 24, 10, 30, tz="Europe/Berlin")
