"""Planning an initiative one by one can be stopped as a whole: ctrl+g (or "Stop here") ends
the run, what was planned stays, nobody after is asked about. The footer shows the keys."""

from __future__ import annotations

import pendulum
import pytest
from textual.widgets import Button, Input

from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.store.store import Store
from tests.functional.conftest import screen_text
from tests.functional.harness import wait_until
from tests.functional.test_calendar import SIZE, CalendarHost
from tests.functional.test_calendar_initiatives import month, topics


@pytest.fixture
def host(store: Store, team: dict[str, Person], clock: ManualClock) -> CalendarHost:
    people = [team["ada"].id, team["mika"].id, team["sam"].id]
    store.initiatives.add(Initiative("Q1 launch", people, pendulum.date(2026, 11, 26)))
    return CalendarHost(store, clock)


def planner(host: CalendarHost) -> bool:
    return isinstance(host.screen, PlanFollowUpDialog)


async def test_ctrl_g_stops_the_run_and_keeps_what_was_planned(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    mika_before = topics(store, team["mika"])
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        await pilot.press("i", "o")
        await wait_until(pilot, lambda: planner(host), "the planner")
        first = host.screen
        assert first.query_one("#plan-person", Input).value == "Mika Tanaka"
        text = screen_text(host)
        assert "1 of 2" in text and "Stop here" in text and "Skip" in text
        assert "^g" in text  # the footer names the key
        await pilot.press("ctrl+s")  # plan Mika
        await wait_until(pilot, lambda: planner(host) and host.screen is not first, "Sam next")
        await pilot.press("ctrl+g")  # stop: Sam is not asked about
        await wait_until(pilot, lambda: isinstance(host.screen, CalendarScreen), "the calendar")
    assert topics(store, team["sam"]) == []
    assert len(topics(store, team["mika"])) == len(mika_before) + 1


async def test_the_stop_button_ends_the_run_at_once(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        await pilot.press("i", "o")
        await wait_until(pilot, lambda: planner(host), "the planner")
        host.screen.query_one("#plan-stop", Button).press()
        await wait_until(pilot, lambda: isinstance(host.screen, CalendarScreen), "the calendar")
        await pilot.pause()
        assert isinstance(host.screen, CalendarScreen)  # no second planner came up
    assert topics(store, team["sam"]) == []
