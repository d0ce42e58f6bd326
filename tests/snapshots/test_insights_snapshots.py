"""Snapshots of the insights screen at 120x34, with a fixed clock and a fixed team."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from kindcheck.domain.clock import ManualClock
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.test_insights_screen import InsightsHost, build_insight_team

SIZE = (120, 34)


def insights_app(store_path: Path) -> InsightsHost:
    clock = ManualClock(NOW)
    store = Store.open(store_path, clock=clock)
    build_insight_team(store, NOW)
    return InsightsHost(store, clock)


async def histories_loaded(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_insights_screen(snap_compare: Callable[..., bool], store_path: Path) -> None:
    app = insights_app(store_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=histories_loaded)


def test_insights_all_nudges_and_a_long_gap(
    snap_compare: Callable[..., bool], store_path: Path
) -> None:
    app = insights_app(store_path)
    assert snap_compare(app, press=["j", "j", "n"], terminal_size=SIZE, run_before=histories_loaded)
