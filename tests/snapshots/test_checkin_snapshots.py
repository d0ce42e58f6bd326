"""How the check-in form looks in the real App, on the small team at a fixed moment, with the
cursor still. `c` on the dashboard opens it for the first person in the roster: Ada.
"""

from __future__ import annotations

import pytest

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.store import Store
from tests.snapshots.real_app import SIZE, RunBefore, Snap, open_screen, real_app


def typed(text: str) -> list[str]:
    return ["enter" if ch == "\n" else ch for ch in text]


def ada_form(*keys: str) -> RunBefore:
    return open_screen(CheckInScreen, "c", then=keys)


@pytest.fixture
def app(store: Store, clock: ManualClock, team: dict[str, Person]) -> KindcheckApp:
    return real_app(store, clock)


def test_the_form_with_its_header(snap_compare: Snap, app: KindcheckApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=ada_form())


def test_the_form_filled_in_down_to_the_follow_up(snap_compare: Snap, app: KindcheckApp) -> None:
    keys = [
        *typed("Rested, the move is done"), "tab", "4", "tab",
        *typed("Shipped the export"), "tab",
        *typed("No budget for the course"), "tab", "space", "tab",
        *typed("I will own the release checklist"), "tab",
        *typed("tools: new laptop by fri\n[training] testing course due 2026-12-10"), "tab",
        *typed("tue 14:30"), "tab",
        *typed("Release checklist"),
    ]  # fmt: skip
    assert snap_compare(app, terminal_size=SIZE, run_before=ada_form(*keys))


def test_the_form_at_80_by_24(snap_compare: Snap, app: KindcheckApp) -> None:
    # The smallest terminal the form is made for, on purpose not the usual 120x34.
    assert snap_compare(app, terminal_size=(80, 24), run_before=ada_form())
