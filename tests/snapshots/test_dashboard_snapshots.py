"""Snapshots of the dashboard and its screens at 120x34, on fixed data and a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kindcheck.demo import load_demo
from kindcheck.domain.clock import ManualClock
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.snapshots.real_app import SIZE, Snap, real_app, until

SEED = 7


@pytest.fixture
def demo_store(store_path: Path, clock: ManualClock) -> Store:
    store = Store.open(store_path, clock=clock)
    load_demo(store, NOW, seed=SEED)
    return store


make_app = real_app


def test_welcome_on_an_empty_store(snap_compare: Snap, store: Store, clock: ManualClock) -> None:
    assert snap_compare(make_app(store, clock), terminal_size=SIZE)


def test_dashboard_on_the_sample_team(
    snap_compare: Snap, demo_store: Store, clock: ManualClock
) -> None:
    assert snap_compare(make_app(demo_store, clock), terminal_size=SIZE)


def test_dashboard_with_today_focused(
    snap_compare: Snap, demo_store: Store, clock: ManualClock
) -> None:
    assert snap_compare(make_app(demo_store, clock), press=["tab", "down"], terminal_size=SIZE)


def test_help(snap_compare: Snap, demo_store: Store, clock: ManualClock) -> None:
    assert snap_compare(make_app(demo_store, clock), press=["question_mark"], terminal_size=SIZE)


def test_search_results(snap_compare: Snap, demo_store: Store, clock: ManualClock) -> None:
    async def search_for_docs(pilot: Pilot[object]) -> None:
        await pilot.press("slash")
        await pilot.app.workers.wait_for_complete()
        await pilot.press(*"clear docs")
        await until(
            pilot,
            lambda: "match" in str(pilot.app.screen.query_one("#search-status").render()),
            "the search status naming its matches",
        )

    app = make_app(demo_store, clock)
    assert snap_compare(app, run_before=search_for_docs, terminal_size=SIZE)


def test_privacy_mask(snap_compare: Snap, demo_store: Store, clock: ManualClock) -> None:
    assert snap_compare(make_app(demo_store, clock), press=["p"], terminal_size=SIZE)


def test_person_editor(snap_compare: Snap, demo_store: Store, clock: ManualClock) -> None:
    assert snap_compare(make_app(demo_store, clock), press=["e"], terminal_size=SIZE)


def test_quick_note(snap_compare: Snap, demo_store: Store, clock: ManualClock) -> None:
    app = make_app(demo_store, clock)
    assert snap_compare(app, press=["n", *"Fixed the flaky test"], terminal_size=SIZE)
