"""How the check-in form looks for a manager: "How are your people doing?" under the mood,
one line per person who reports to them, one of them filled in."""

from __future__ import annotations

from textual.pilot import Pilot

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from tests.snapshots.real_app import SIZE, Snap, real_app, settled, until


def org_app(store: Store, clock: ManualClock) -> KindcheckApp:
    store.add_person(Person("Grace Hopper", role="Engineering manager", id="grace",
                            what_matters="Growing two new leads"))
    store.add_person(Person("Sam Okafor", role="Engineer", manager_id="grace", id="sam"))
    store.add_person(Person("Lee [b]Chen[/b]", role="Engineer", manager_id="grace", id="lee"))
    return real_app(store, clock)


async def graces_form(pilot: Pilot[None]) -> None:
    await settled(pilot)
    dashboard = pilot.app.screen
    assert isinstance(dashboard, DashboardScreen)
    dashboard.select_person("grace")
    await pilot.press("c")
    await until(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen), "the form")
    await settled(pilot)
    await pilot.press(*"Busy, happy with the team", "tab", "4", "tab")
    await pilot.press(*"Settling in well, asks good questions", "tab")
    await settled(pilot)


def test_the_managers_section(snap_compare: Snap, store: Store, clock: ManualClock) -> None:
    assert snap_compare(org_app(store, clock), terminal_size=SIZE, run_before=graces_form)

