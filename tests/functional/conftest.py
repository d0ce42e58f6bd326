"""Fixtures for Pilot tests: the App on a store under tmp_path, a fixed clock, no blinking."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.app import App
from textual.pilot import Pilot

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.store.store import Store

SIZE = (120, 34)


@pytest.fixture
def make_app(store: Store, clock: ManualClock) -> Callable[[], KindcheckApp]:
    """Build the App on the test store: no polling timer (tests call it), steady cursor."""

    def build() -> KindcheckApp:
        return KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)

    return build


def screen_text(app: App[object]) -> str:
    """Everything the current screen shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def settle(pilot: Pilot[object]) -> None:
    """Let workers finish and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until(pilot: Pilot[object], condition: Callable[[], bool], tries: int = 50) -> None:
    """Let the app run in short steps until `condition` holds (timers need real time)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "the screen never got there"
