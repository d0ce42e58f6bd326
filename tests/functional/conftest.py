"""Fixtures for Pilot tests: the App on a store under tmp_path, a fixed clock, no blinking."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from textual.pilot import Pilot

from kindcheck.domain.clock import ManualClock
from kindcheck.store.store import Store
from tests.functional.harness import (
    SIZE,
    NoticingApp,
    opened,
    screen_text,
    settle,
    wait_until,
)

__all__ = ["SIZE", "NoticingApp", "screen_text", "settle", "wait_until"]

OpenApp = Callable[..., AbstractAsyncContextManager[Pilot[object]]]


@pytest.fixture
def make_app(store: Store, clock: ManualClock) -> Callable[[], NoticingApp]:
    """Build the App on the test store: no polling timer (tests call it), steady cursor."""

    def build() -> NoticingApp:
        return NoticingApp(store, clock, poll_seconds=0, cursor_blink=False)

    return build


@pytest.fixture
def open_app(make_app: Callable[[], NoticingApp]) -> OpenApp:
    """`async with open_app("c", "tab") as pilot:` the App on the test store, keys pressed."""

    def open_with(
        *keys: str, size: tuple[int, int] = SIZE, notifications: bool = False
    ) -> AbstractAsyncContextManager[Pilot[object]]:
        return opened(make_app(), *keys, size=size, notifications=notifications)

    return open_with
