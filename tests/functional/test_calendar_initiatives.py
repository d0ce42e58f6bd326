"""Pilot tests: initiatives in the month view, and the planner proposing follow-ups for them.

The shared team on Monday 23 Nov 2026, 09:30: Ada has a follow-up today at 14:00, Mika on
Friday 27 at 10:00, Sam none. "Q1 launch" (all three) is due Thursday 26: Ada is covered,
Mika's follow-up comes too late, Sam has nothing.
"""

from __future__ import annotations

import pendulum
import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.dialogs.plan_initiative import PlanInitiativeDialog
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.store.store import Store
from kindcheck.widgets.initiative_list import InitiativeList
from kindcheck.widgets.month_view import MonthCell
from kindcheck.widgets.privacy import MASK
from tests.functional.harness import wait_until
from tests.functional.test_calendar import SIZE, CalendarHost, settle

TARGET = pendulum.date(2026, 11, 26)
UNCOVERED = "◆ Q1 launch (Thu 26 Nov): Mika and Sam have nothing planned before it"
COVERED = "◆ Q1 launch (Thu 26 Nov): everyone has a follow-up planned before it"


@pytest.fixture
def host(store: Store, team: dict[str, Person], clock: ManualClock) -> CalendarHost:
    people = [team["ada"].id, team["mika"].id, team["sam"].id]
    store.initiatives.add(Initiative("Q1 launch", people, TARGET))
    return CalendarHost(store, clock)


async def month(pilot: Pilot[object]) -> None:
    await settle(pilot)
    await pilot.press("m")
    await pilot.pause()


def initiatives_line(host: CalendarHost) -> str:
    return str(host.screen.query_one(InitiativeList).render())


def cell(host: CalendarHost, day: pendulum.Date) -> str:
    cells = {c.plan.day: c for c in host.screen.query(MonthCell)}
    return str(cells[day].render())


def topics(store: Store, person: Person) -> list[tuple[str, str]]:
    return [(f.topic, f"{f.at:%a %H:%M}") for f in store.summary(person.id).planned_followups]


async def test_the_month_marks_the_target_and_says_who_is_uncovered(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        assert "◆ Q1 launch" in cell(host, TARGET)
        assert "Q1 launch" not in cell(host, pendulum.date(2026, 11, 25))
        assert initiatives_line(host) == UNCOVERED
        detail = str(host.screen.query_one("#calendar-detail", Static).render())
        assert detail == "Mon 23. enter opens its week · f plans for Q1 launch."
        assert isinstance(host.screen, CalendarScreen)
        assert host.screen.check_action("plan_initiative", ())


async def test_the_privacy_mask_hides_the_initiative_not_the_names(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: MASK in initiatives_line(host), "the mask")
        assert "Q1 launch" not in initiatives_line(host) + cell(host, TARGET)
        assert "Mika and Sam have nothing planned" in initiatives_line(host)


async def test_f_near_the_target_plans_everyone_at_once(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        await pilot.press("f")  # today, three days before the target
        await pilot.pause()
        dialog = host.screen
        assert isinstance(dialog, PlanInitiativeDialog)
        assert [p.person.name for p in dialog.proposals] == ["Mika Tanaka", "Sam Okafor"]
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(host.screen, CalendarScreen), "the calendar")
        assert topics(store, team["sam"]) == [("Q1 launch", "Mon 10:30")]
        assert ("Q1 launch", "Mon 10:00") in topics(store, team["mika"])
        await wait_until(pilot, lambda: initiatives_line(host) == COVERED, "covered")
        assert not host.screen.check_action("plan_initiative", ())


async def test_one_by_one_with_a_skip(
    host: CalendarHost, store: Store, team: dict[str, Person]
) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        await pilot.press("i", "o")
        await wait_until(pilot, lambda: isinstance(host.screen, PlanFollowUpDialog), "planner")
        first = host.screen
        assert first.query_one("#plan-person", Input).value == "Mika Tanaka"
        assert first.query_one("#plan-topic", Input).value == "Q1 launch"
        assert first.query_one("#plan-when", Input).value == "2026-11-23 10:00"
        await pilot.press("escape")  # skip Mika
        await wait_until(pilot, lambda: host.screen is not first
                         and isinstance(host.screen, PlanFollowUpDialog), "the next planner")
        assert host.screen.query_one("#plan-person", Input).value == "Sam Okafor"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(host.screen, CalendarScreen), "the calendar")
        assert topics(store, team["sam"]) == [("Q1 launch", "Mon 10:30")]
        assert topics(store, team["mika"]) == [("Design review", "Fri 10:00")]
        await wait_until(
            pilot,
            lambda: initiatives_line(host)
            == "◆ Q1 launch (Thu 26 Nov): Mika has nothing planned before it",
            "Mika still uncovered",
        )


async def test_the_planners_topic_suggests_open_initiatives(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(host.screen, PlanFollowUpDialog), "planner")
        await pilot.press("tab", *"q1")
        topic = host.screen.query_one("#plan-topic", Input)
        # The suggester answers in its own time; then → takes the suggestion.
        await wait_until(pilot, lambda: topic._suggestion.casefold() == "q1 launch", "suggested")
        await pilot.press("right")
        await wait_until(pilot, lambda: topic.value.casefold() == "q1 launch", "taken")


def first_hit(host: CalendarHost) -> str:
    """The command palette's first hit, or "" while it has none."""
    lists = host.screen.query("OptionList")
    if not lists or not lists.first().option_count:
        return ""
    return str(lists.first().get_option_at_index(0).prompt)


async def test_the_command_palette_plans_for_an_initiative(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await month(pilot)
        await pilot.press("ctrl+p", *"initiative")
        await wait_until(pilot, lambda: "Plan follow-ups for an initiative" in first_hit(host),
                         "the palette's hit")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(host.screen, PlanInitiativeDialog), "dialog")


async def test_plan_for_initiative_is_a_month_key(host: CalendarHost) -> None:
    async with host.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = host.screen
        assert isinstance(screen, CalendarScreen)
        assert not screen.check_action("plan_initiative", ())  # the week's footer is full
        await pilot.press("i")
        await pilot.pause()
        assert host.screen is screen
        await pilot.press("m", "i")
        await wait_until(pilot, lambda: isinstance(host.screen, PlanInitiativeDialog), "dialog")
