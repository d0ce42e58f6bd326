"""Pilot tests: planning for an initiative never waits on reading the leader's calendars.

Every full read of the calendars is held back (as a big calendar would hold it) until the
test lets it go. `f` near the target in the month view (and `i`) must not read from the
event loop: the calendar says it is looking, and the proposals open once the meetings up to
the target are known, clear of them. The shared team on Mon 23 Nov 2026, 09:30: "Q1 launch"
(due Thu 26) leaves Mika and Sam uncovered.
"""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from kindcheck.dialogs.plan_initiative import PlanInitiativeDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.store.store import Store
from tests.functional.harness import wait_until
from tests.functional.test_planner_busy import SIZE, host_for, meeting, work_calendar
from tests.functional.test_planner_open_pause import HeldReads


@pytest.fixture
def folder(store: Store, team: dict[str, Person], tmp_path: Path) -> Path:
    people = [team["ada"].id, team["mika"].id, team["sam"].id]
    store.initiatives.add(Initiative("Q1 launch", people, pendulum.date(2026, 11, 26)))
    work = work_calendar(tmp_path)  # and a daily 11:15-12:00
    (work / "m.ics").write_text(meeting("m", "Planning", "20261123T100000",
                                        "20261123T110000"), newline="")
    return work


def proposals(app: object) -> list[str]:
    dialog = app.screen  # type: ignore[attr-defined]
    assert isinstance(dialog, PlanInitiativeDialog)
    return [f"{p.person.name} {p.at:%a %H:%M}" for p in dialog.proposals]


async def test_f_in_the_month_reads_the_meetings_in_a_thread_then_proposes(
    store: Store, clock: ManualClock, folder: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = HeldReads(monkeypatch)
    app = host_for(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("f")  # today, three days before the target
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)  # nothing proposed before it is known
        assert "Looking at your calendar…" in app.notice_texts()
        assert reads.from_the_loop == 0
        reads.gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, PlanInitiativeDialog),
                         "the proposals")
        # Monday 10:00-11:00 and 11:15-12:00 are taken: the morning's first free times go.
        assert proposals(app) == ["Mika Tanaka Mon 12:00", "Sam Okafor Mon 12:30"]
        assert reads.from_the_loop == 0


async def test_i_twice_while_reading_opens_the_proposals_once(
    store: Store, clock: ManualClock, folder: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = HeldReads(monkeypatch)
    app = host_for(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("i", "i")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        reads.gate.set()
        await wait_until(pilot, lambda: isinstance(app.screen, PlanInitiativeDialog),
                         "the proposals")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sum(isinstance(s, PlanInitiativeDialog) for s in app.screen_stack) == 1
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar")
        assert reads.from_the_loop == 0


async def test_leaving_the_calendar_while_reading_opens_no_proposals(
    store: Store, clock: ManualClock, folder: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = HeldReads(monkeypatch)
    app = host_for(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        calendar = app.screen
        assert isinstance(calendar, CalendarScreen)
        await pilot.press("escape")  # back to the dashboard before the meetings are known
        await wait_until(pilot, lambda: not isinstance(app.screen, CalendarScreen), "left")
        reads.gate.set()
        # The read's answer reached the calendar it was read for (it says so first of all).
        await wait_until(pilot, lambda: not calendar._reading_meetings, "the read answered")
        await pilot.pause()
        assert not any(isinstance(s, PlanInitiativeDialog) for s in app.screen_stack)
        assert reads.from_the_loop == 0
