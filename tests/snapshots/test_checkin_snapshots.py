"""How the check-in form looks, on the small team at a fixed moment, with the cursor still."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.store import Store


class Host(App[None]):
    """Opens the form for one person, as the dashboard would."""

    TITLE = "kindcheck"

    def __init__(self, store: Store, clock: ManualClock, person_id: str) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.person_id = person_id

    def on_mount(self) -> None:
        self.push_screen(CheckInScreen(self.store, self.clock, self.person_id))


def still_cursor(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    """Wait for the form, stop every cursor blinking, then type `keys`."""

    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        for widget in pilot.app.screen.query("TextArea, Input").results((TextArea, Input)):
            widget.cursor_blink = False
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def typed(text: str) -> list[str]:
    return ["enter" if ch == "\n" else ch for ch in text]


@pytest.fixture
def ada_form(store: Store, clock: ManualClock, team: dict[str, Person]) -> Host:
    return Host(store, clock, team["ada"].id)


def test_the_form_with_its_header(snap_compare, ada_form: Host) -> None:
    assert snap_compare(ada_form, terminal_size=(120, 34), run_before=still_cursor())


def test_the_form_filled_in_down_to_the_follow_up(snap_compare, ada_form: Host) -> None:
    keys = [
        *typed("Rested, the move is done"), "tab", "4", "tab",
        *typed("Shipped the export"), "tab",
        *typed("No budget for the course"), "tab", "space", "tab",
        *typed("I will own the release checklist"), "tab",
        *typed("tools: new laptop by fri\n[training] testing course due 2026-12-10"), "tab",
        *typed("tue 14:30"), "tab",
        *typed("Release checklist"),
    ]  # fmt: skip
    assert snap_compare(ada_form, terminal_size=(120, 34), run_before=still_cursor(*keys))


def test_the_form_at_80_by_24(snap_compare, ada_form: Host) -> None:
    assert snap_compare(ada_form, terminal_size=(80, 24), run_before=still_cursor())
