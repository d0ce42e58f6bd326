"""Pilot tests: a reminder reaches the desktop as an OSC 9 / 777 notification (#13).

The Pilot runs headless, so what the App writes to its terminal is caught where it goes out:
the driver's `write` (the same place Textual's own bell goes)."""

from __future__ import annotations

import pytest

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from tests.functional.harness import NoticingApp


async def written_by_reminders(
    store: Store, clock: ManualClock, notify: str, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    monkeypatch.delenv("TMUX", raising=False)  # the tests may run inside tmux
    settings = Settings(calendar=CalendarSettings(notify=notify))
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)
    written: list[str] = []
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        driver = app._driver
        assert driver is not None
        monkeypatch.setattr(driver, "write", written.append)
        clock.advance(hours=4, minutes=26)  # 13:56: Ada's follow-up is at 14:00
        assert app.check_reminders() == 1
        clock.advance(minutes=4)
        assert app.check_reminders() == 1
        await pilot.pause()
    return [data for data in written if data.startswith("\x1b]")]


async def test_osc9_names_the_person_and_nothing_more(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = await written_by_reminders(store, clock, "osc9", monkeypatch)
    assert sent == [
        "\x1b]9;kindcheck: Check-in with Ada Lovelace in 5 minutes\x07",
        "\x1b]9;kindcheck: Check-in with Ada Lovelace now\x07",
    ]
    assert not any("Staging" in data for data in sent)  # the topic stays in kindcheck


async def test_osc777_has_a_title_and_a_body(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = await written_by_reminders(store, clock, "osc777", monkeypatch)
    assert sent[-1] == "\x1b]777;notify;kindcheck;Check-in with Ada Lovelace now\x07"


async def test_off_sends_no_notification(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert await written_by_reminders(store, clock, "off", monkeypatch) == []
