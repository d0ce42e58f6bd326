"""The month view with an initiative, in the real App at 120x34 (fixed clock, shared team):
"Q1 launch" due Thursday 26 Nov, Mika and Sam with nothing planned before it."""

from __future__ import annotations

import pendulum
import pytest

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.insights import InsightsScreen
from kindcheck.store.store import Store
from tests.snapshots.real_app import SIZE, Snap, open_screen, real_app


@pytest.fixture
def launch(store: Store, team: dict[str, Person]) -> Store:
    people = [team["ada"].id, team["mika"].id, team["sam"].id]
    store.initiatives.add(Initiative("Q1 launch", people, pendulum.date(2026, 11, 26)))
    store.initiatives.add(Initiative("Hiring plan", [team["sam"].id],
                                     pendulum.date(2026, 12, 18)))
    return store


def test_month_view_with_an_initiative(snap_compare: Snap, launch: Store,
                                       clock: ManualClock) -> None:
    opened = open_screen(CalendarScreen, "w", then=("m",))
    assert snap_compare(real_app(launch, clock), terminal_size=SIZE, run_before=opened)


def test_insights_per_initiative(snap_compare: Snap, launch: Store, clock: ManualClock) -> None:
    opened = open_screen(InsightsScreen, "i")
    assert snap_compare(real_app(launch, clock), terminal_size=SIZE, run_before=opened)
