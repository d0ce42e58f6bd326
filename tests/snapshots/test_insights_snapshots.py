"""The insights screen in the real App at 120x34, with a fixed clock and a fixed team."""

from __future__ import annotations

from pathlib import Path

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.screens.insights import InsightsScreen
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.test_insights_screen import build_insight_team
from tests.snapshots.real_app import SIZE, Snap, open_screen, real_app


def insights_app(store_path: Path) -> KindcheckApp:
    clock = ManualClock(NOW)
    store = Store.open(store_path, clock=clock)
    build_insight_team(store, NOW)
    return real_app(store, clock)


def test_insights_screen(snap_compare: Snap, store_path: Path) -> None:
    opened = open_screen(InsightsScreen, "i")
    assert snap_compare(insights_app(store_path), terminal_size=SIZE, run_before=opened)


def test_insights_all_nudges_and_a_long_gap(snap_compare: Snap, store_path: Path) -> None:
    opened = open_screen(InsightsScreen, "i", then=("j", "j", "n"))
    assert snap_compare(insights_app(store_path), terminal_size=SIZE, run_before=opened)
