"""The dashboard in a light theme: what needs attention is coloured by the theme, not by fixed
colour names that only read well on dark backgrounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.app import KindcheckApp
from kindcheck.demo import load_demo
from kindcheck.domain.clock import ManualClock
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.snapshots.real_app import SIZE, Snap


@pytest.fixture
def demo_store(store_path: Path, clock: ManualClock) -> Store:
    store = Store.open(store_path, clock=clock)
    load_demo(store, NOW, seed=7)
    return store


def test_dashboard_in_textual_light(
    snap_compare: Snap, demo_store: Store, clock: ManualClock
) -> None:
    light = Settings(theme="textual-light")
    app = KindcheckApp(demo_store, clock, poll_seconds=0, cursor_blink=False, settings=light)
    assert snap_compare(app, terminal_size=SIZE)
