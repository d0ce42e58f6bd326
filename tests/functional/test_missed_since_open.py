""""Missed while kindcheck was closed" means since it was last open, not the last 14 days."""

from __future__ import annotations

import pytest
from pendulum import DateTime

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, Person
from kindcheck.store.store import Store

MISSED_TITLE = "Missed while kindcheck was closed"


def _recording(app: KindcheckApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every (title, message) the App notifies, as the App says it."""
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(app, "notify", lambda message, title="", **_: said.append((title, message)))
    return said


def _plan_old_follow_ups(store: Store, clock: ManualClock, team: dict[str, Person]) -> DateTime:
    """Sam's follow-up four days ago and Mika's yesterday, both still planned; returns the
    moment in between when kindcheck was last open."""
    now = clock()
    store.add_followup(FollowUp(team["sam"].id, now.subtract(days=4).at(11, 0), "Onboarding"))
    store.add_followup(FollowUp(team["mika"].id, now.subtract(days=1).at(15, 0), "Course"))
    return now.subtract(days=2).at(18, 0)


async def _missed_said(app: KindcheckApp, said: list[tuple[str, str]]) -> str:
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    return "\n".join(message for title, message in said if title == MISSED_TITLE)


async def test_only_follow_ups_missed_since_kindcheck_was_last_open_are_named(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    last_open = _plan_old_follow_ups(store, clock, team)
    store.mark_open(last_open)
    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    said = _recording(app, monkeypatch)
    missed = await _missed_said(app, said)
    assert "Mika" in missed and "Course" in missed
    assert "Sam" not in missed  # it was missed before, while kindcheck was open


async def test_a_first_run_looks_back_two_weeks(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    _plan_old_follow_ups(store, clock, team)
    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    said = _recording(app, monkeypatch)
    missed = await _missed_said(app, said)
    assert "Sam" in missed and "Mika" in missed


async def test_closing_keeps_the_moment_for_the_next_start(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    _plan_old_follow_ups(store, clock, team)
    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    _recording(app, monkeypatch)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        clock.advance(minutes=20)
        assert app.reminders.note_open()  # what the App's timer does every few minutes
        assert store.last_open() == clock()
        clock.advance(hours=1)
    assert store.last_open() == clock()  # written again as the App closed
    # The next start: what was missed before it closed is not named again.
    again = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    said = _recording(again, monkeypatch)
    assert await _missed_said(again, said) == ""
