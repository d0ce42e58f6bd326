"""The test harness itself: waits fail at their deadline, the screen reads back as drawn, and
notifications are kept. A harness that passes silently hides the bugs it was built to catch.
"""

from __future__ import annotations

import time

import pytest
from textual.app import ComposeResult
from textual.widgets import Static

from kindcheck.domain.model import Person
from kindcheck.screens.help import HelpScreen
from tests.functional.conftest import OpenApp
from tests.functional.harness import KeepsNotices, NoticingApp, screen_text, wait_until
from tests.snapshots import real_app


class Words(KeepsNotices):
    def compose(self) -> ComposeResult:
        yield Static("plain words")
        yield Static("日本語 then ascii · ✓")
        yield Static("   indented [not markup]", markup=False)


async def test_wait_until_fails_the_test_at_its_deadline() -> None:
    async with Words().run_test() as pilot:
        started = time.monotonic()
        with pytest.raises(AssertionError, match=r"the moon never held within 0\.2 s"):
            await wait_until(pilot, lambda: False, "the moon", deadline=0.2)
        assert time.monotonic() - started < 5


async def test_wait_until_returns_as_soon_as_the_condition_holds() -> None:
    async with Words().run_test() as pilot:
        await wait_until(pilot, lambda: True, deadline=0.0)


async def test_the_snapshot_wait_fails_too_instead_of_giving_up_silently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(real_app, "DEADLINE", 0.2)
    async with Words().run_test() as pilot:
        with pytest.raises(AssertionError, match="the moon never happened"):
            await real_app.until(pilot, lambda: False, "the moon")  # type: ignore[arg-type]


async def test_screen_text_reads_back_what_is_drawn_where_it_is_drawn() -> None:
    async with Words().run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        lines = screen_text(pilot.app).split("\n")
        assert len(lines) == 6 and all(len(line) <= 40 for line in lines)
        assert lines[0].rstrip() == "plain words"
        # Wide characters take two cells each; what follows them stays in its place.
        assert lines[1].rstrip() == "日本語 then ascii · ✓"
        assert lines[2].rstrip() == "   indented [not markup]"


async def test_notifications_are_kept_even_after_they_time_out() -> None:
    app = Words()
    async with app.run_test(notifications=True) as pilot:
        app.notify("first", timeout=0.01)
        app.notify("second [b]not bold[/b]", markup=False)
        await wait_until(pilot, lambda: len(app.notices) == 2, "two notifications")
        await pilot.pause(0.05)
        assert app.notice_texts() == ["first", "second [b]not bold[/b]"]


async def test_open_app_runs_the_real_app_settled_with_keys_pressed(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    async with open_app("question_mark") as pilot:
        assert isinstance(pilot.app, NoticingApp)
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "The four follow-up tips" in screen_text(pilot.app)
