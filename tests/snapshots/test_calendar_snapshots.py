"""The calendar's week and month views in the real App at 120x34, fixed clock and team."""

from __future__ import annotations

import pendulum
import pytest
from pendulum import DateTime

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Category, CheckIn, Commitment, FollowUp, Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.store.store import Store
from tests.snapshots.real_app import SIZE, Snap, open_screen, real_app


def berlin(day: int, hour: int, minute: int = 0) -> DateTime:
    return pendulum.datetime(2026, 11, day, hour, minute, tz="Europe/Berlin")


@pytest.fixture
def busy_week(store: Store, team: dict[str, Person], now: DateTime) -> Store:
    """The shared team plus a week with a bit of everything in it."""
    store.add_followup(FollowUp(team["sam"].id, berlin(25, 11, 30), "Support rota"))
    store.add_commitment(
        Commitment(team["mika"].id, "Share the research budget", now, Category.TOOLS,
                   due=pendulum.date(2026, 11, 26))
    )
    kiri = store.add_person(Person("Kiri Walker", role="Engineer", timezone="Pacific/Auckland"))
    store.add_followup(FollowUp(kiri.id, berlin(24, 21), "First month"))
    lee = store.add_person(Person("Lee Chen", role="Analyst"))
    store.save_checkin(CheckIn(lee.id, berlin(18, 15), mood=4, no_follow_up=True))
    return store


def test_week_view(snap_compare: Snap, busy_week: Store, clock: ManualClock) -> None:
    opened = open_screen(CalendarScreen, "w")
    assert snap_compare(real_app(busy_week, clock), terminal_size=SIZE, run_before=opened)


def test_month_view(snap_compare: Snap, busy_week: Store, clock: ManualClock) -> None:
    opened = open_screen(CalendarScreen, "w", then=("m",))
    assert snap_compare(real_app(busy_week, clock), terminal_size=SIZE, run_before=opened)
