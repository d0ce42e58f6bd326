"""The open app reminds the leader of follow-ups, and names ones missed while it was closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, Person
from kindcheck.settings import Settings, load_settings
from kindcheck.store.store import Store
from tests.functional.harness import NoticingApp


def _messages(app: NoticingApp) -> list[str]:
    return app.notice_texts()


async def test_a_follow_up_rings_five_minutes_before_and_when_it_starts(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False)
    bells: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: bells.append(1))
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        await pilot.pause()
        assert app.check_reminders() == 0
        clock.advance(hours=4, minutes=26)  # 13:56, Ada's follow-up is at 14:00
        assert app.check_reminders() == 1
        await pilot.pause()
        assert any("In 5 minutes, 14:00: Ada Lovelace" in m for m in _messages(app))
        assert app.check_reminders() == 0  # said once only
        clock.advance(minutes=4)
        assert app.check_reminders() == 1
        await pilot.pause()
        assert any("Now: time to check in with Ada Lovelace" in m for m in _messages(app))
        assert len(bells) == 2


async def test_follow_ups_missed_on_earlier_days_are_named_at_start(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    sam = team["sam"]
    two_days_ago = clock().subtract(days=2).replace(hour=11, minute=0)
    store.add_followup(FollowUp(sam.id, two_days_ago, "Onboarding"))
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        await pilot.pause()
        await pilot.pause()
        messages = _messages(app)
        assert any("Missed Sat 21 Nov 11:00: Sam Okafor · Onboarding" in m for m in messages)
        # Ada's follow-up later today is not "missed".
        assert not any("Ada" in m for m in messages)


async def test_bad_settings_are_named_and_defaults_used(
    store: Store, clock: ManualClock, team: dict[str, Person], tmp_path: Path
) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('week_start = "someday"\n', encoding="utf-8")
    settings = load_settings(settings_file)
    assert settings.problems
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        await pilot.pause()
        assert any(str(settings_file) in m for m in _messages(app))
        assert app.settings.week_start == Settings().week_start
