"""Pilot tests: "Plan follow-ups for an initiative…" in the command palette on the dashboard
opens the calendar in its month view and proposes follow-ups for the initiative's people
(the shared team on Mon 23 Nov 2026; "Q1 launch" due Thu 26 leaves Mika and Sam uncovered)."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from kindcheck.dialogs.plan_initiative import PlanInitiativeDialog
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from tests.functional.conftest import SIZE
from tests.functional.harness import NoticingApp, wait_until

AppFactory = Callable[[], NoticingApp]
pytestmark = pytest.mark.slow  # the palette's search answers in its own time: seconds


def first_hit(app: NoticingApp) -> str:
    lists = app.screen.query("OptionList")
    if not lists or not lists.first().option_count:
        return ""
    return str(lists.first().get_option_at_index(0).prompt)


async def palette(pilot, app: NoticingApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p", *"plan follow-ups for an initiative")
    await wait_until(pilot, lambda: "Plan follow-ups for an initiative" in first_hit(app),
                     "the palette's hit")
    await pilot.press("enter")


async def test_from_the_dashboard_the_palette_plans_for_an_initiative(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    people = [team["ada"].id, team["mika"].id, team["sam"].id]
    store.initiatives.add(Initiative("Q1 launch", people, pendulum.date(2026, 11, 26)))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await palette(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, PlanInitiativeDialog), "dialog")
        dialog = app.screen
        assert isinstance(dialog, PlanInitiativeDialog)
        assert [p.person.name for p in dialog.proposals] == ["Mika Tanaka", "Sam Okafor"]
        calendar = app.screen_stack[-2]
        assert isinstance(calendar, CalendarScreen) and calendar.view == "month"
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar")
    assert [f.topic for f in store.summary(team["sam"].id).planned_followups] == ["Q1 launch"]


async def test_with_nothing_to_plan_the_month_opens_and_says_so(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await palette(pilot, app)
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen), "the calendar")
        screen = app.screen
        assert isinstance(screen, CalendarScreen) and screen.view == "month"
        await wait_until(pilot, lambda: any("Every open initiative" in text
                                            for text in app.notice_texts()), "the notice")
