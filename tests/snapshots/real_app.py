"""Snapshots are taken of the real App (its global.tcss, its footer, its keys), opened on a
store under tmp_path with a fixed clock and no blinking, and driven by the keys a leader
would press. Every wait has a deadline that fails the test.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.store.store import Store

SIZE = (120, 34)
DEADLINE = 10.0

Snap = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def real_app(store: Store, clock: ManualClock) -> KindcheckApp:
    """The App as `kindcheck` opens it, minus the polling timer and the blinking cursor."""
    return KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let the app run until `condition` holds; fail the test if it does not in time."""
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what} never happened within {DEADLINE:g} s")
        await pilot.pause(0.02)


async def settled(pilot: Pilot[None]) -> None:
    """Workers done and their results drawn."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def open_screen(screen: type, *keys: str, then: tuple[str, ...] = ()) -> RunBefore:
    """Press `keys` on the dashboard, wait until `screen` is on top and settled, press `then`."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settled(pilot)
        await pilot.press(*keys)
        await until(pilot, lambda: isinstance(pilot.app.screen, screen), f"{screen.__name__}")
        await settled(pilot)
        if then:
            await pilot.press(*then)
            await settled(pilot)

    return run_before
