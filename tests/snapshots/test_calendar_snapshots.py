"""Snapshots of the calendar's week and month views at 120x34, with a fixed clock and team."""

from __future__ import annotations

import pendulum
import pytest
from pendulum import DateTime
from textual.app import App
from textual.pilot import Pilot

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Category, CheckIn, Commitment, FollowUp, Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.store.store import Store

SIZE = (120, 34)


class CalendarHost(App[None]):
    def __init__(self, store: Store, clock: ManualClock) -> None:
        super().__init__()
        self.store = store
        self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(CalendarScreen(self.store, self.clock))


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


async def _settled(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_week_view(snap_compare, busy_week: Store, clock: ManualClock) -> None:
    assert snap_compare(CalendarHost(busy_week, clock), terminal_size=SIZE, run_before=_settled)


def test_month_view(snap_compare, busy_week: Store, clock: ManualClock) -> None:
    assert snap_compare(
        CalendarHost(busy_week, clock), press=["m"], terminal_size=SIZE, run_before=_settled
    )
