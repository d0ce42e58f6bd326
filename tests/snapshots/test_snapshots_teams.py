"""Snapshots of the roster grouped by team at 120x34, on a store built here, fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.team_chooser import TeamChooser
from tests.conftest import NOW
from tests.snapshots.real_app import SIZE, Snap, real_app, settled, until

PEOPLE = (
    # name, role, team, days since the last check-in (None: never), moods
    ("Ada Lovelace", "Engineer", "Platform", 12, (3, 2, 2)),
    ("Bo Berg", "Engineer", "Platform", 2, (4, 4, 5)),
    ("Cleo Park", "SRE", "Platform", 5, (3, 4)),
    ("Cy Chen", "Designer", "Apps", None, ()),
    ("Dara Singh", "iOS", "Apps", 3, (5, 4, 4)),
    ("Eli Moreau", "Android", "Apps", 16, (2, 3)),
    ("Fen Li", "Analyst", "Data", 1, (4, 5)),
    ("Di Diaz", "Coach", "", 4, (5,)),
)


@pytest.fixture
def teams_store(store_path: Path, clock: ManualClock) -> Store:
    store = Store.open(store_path, clock=clock)
    for name, role, team, days, moods in PEOPLE:
        person = store.add_person(Person(name, role=role, team=team))
        if days is None:
            continue
        for step, mood in enumerate(moods):
            at = NOW.subtract(days=days + 7 * (len(moods) - 1 - step))
            store.save_checkin(CheckIn(person.id, at, mood=mood, no_follow_up=True))
        if name == "Bo Berg":
            store.add_note(Note(person.id, NoteKind.MISSING, "No test rig", NOW.subtract(days=2)))
    return store


def test_roster_grouped_by_team(snap_compare: Snap, teams_store: Store, clock: ManualClock) -> None:
    assert snap_compare(real_app(teams_store, clock), terminal_size=SIZE)


def test_a_team_folded(snap_compare: Snap, teams_store: Store, clock: ManualClock) -> None:
    # From Eli (Apps' first) down to Platform's header, past Data's one, then fold it.
    keys = ["down"] * 5 + ["space"]
    assert snap_compare(real_app(teams_store, clock), press=keys, terminal_size=SIZE)


def test_one_team_shown(snap_compare: Snap, teams_store: Store, clock: ManualClock) -> None:
    async def show_platform(pilot: Pilot[None]) -> None:
        await settled(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(pilot.app.screen, TeamChooser), "the chooser")
        await pilot.press(*"plat", "enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, DashboardScreen), "the roster")
        await settled(pilot)

    app = real_app(teams_store, clock)
    assert snap_compare(app, run_before=show_platform, terminal_size=SIZE)


def test_the_team_chooser(snap_compare: Snap, teams_store: Store, clock: ManualClock) -> None:
    assert snap_compare(real_app(teams_store, clock), press=["t", "a"], terminal_size=SIZE)
