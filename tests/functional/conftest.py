"""Fixtures for Pilot tests: the App on a store under tmp_path, a fixed clock, no blinking."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
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


# The calendar's CLI tests: a vdir under tmp_path, turned on in the settings file.
@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    return tmp_path / "calendars" / "kindcheck"


@pytest.fixture
def calendar_on(vdir: Path) -> Path:
    settings = Path(os.environ["KINDCHECK_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f'[calendar]\nvdir = "{vdir}"\n', encoding="utf-8")
    return settings


@pytest.fixture
def ada(store: Store) -> Person:
    """Ada, in the store the CLI tests open."""
    return store.add_person(Person("Ada Lovelace"))
