"""One typed way for screens to follow the App: its `store_changed` and `privacy_changed`
signals, and `kindcheck_app` instead of asking the App what it has."""

from __future__ import annotations

import gc
import re
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

import kindcheck
from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsPersonalText, ShowsStore, kindcheck_app
from kindcheck.widgets.privacy import MASK
from tests.conftest import NOW
from tests.functional.conftest import screen_text

AppFactory = Callable[[], KindcheckApp]
SIZE = (120, 34)
SOURCE = Path(kindcheck.__file__).parent


class Follower(ShowsStore, ShowsPersonalText, Static):
    """Counts what reaches it."""

    def __init__(self) -> None:
        super().__init__("")
        self.reloads: list[None] = []
        self.masks: list[bool] = []

    def reload(self) -> None:
        self.reloads.append(None)

    def privacy_changed(self, masked: bool) -> None:
        self.masks.append(masked)


class FollowerScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Follower()


async def test_a_save_elsewhere_reaches_every_screen_that_follows_the_store(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        assert isinstance(app.screen, CalendarScreen)
        await app.push_screen(FollowerScreen())
        follower = app.screen.query_one(Follower)
        Store.open(store.path, clock=ManualClock(NOW)).add_note(
            Note(team["ada"].id, NoteKind.MISSING, "A desk by the window", NOW)
        )
        assert app.check_outside_changes()
        await pilot.pause()
        assert follower.reloads == [None]
        await pilot.press("p")
        await pilot.pause()
        assert follower.masks == [True]
        # The dashboard, two screens down, followed both.
        app.pop_screen()
        app.pop_screen()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        shown = screen_text(app)
        assert MASK in shown and "Engineer" not in shown


async def test_a_closed_form_is_no_longer_held_by_the_app(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    from kindcheck import garbage

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        form = weakref.ref(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        garbage.forget_closed_render_caches()
        gc.collect()
        assert form() is None, "the closed check-in form is still referenced"


async def test_screens_need_the_real_app() -> None:
    class Other(App[None]):
        pass

    app = Other()
    async with app.run_test():
        with pytest.raises(TypeError, match="KindcheckApp"):
            kindcheck_app(app.screen)


def test_nothing_asks_the_app_what_it_has() -> None:
    duck = re.compile(r"(hasattr|getattr)\((self\.)?app\b|getattr\(screen, \"reload\"")
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if duck.search(line) or ".watch(self.app" in line
    ]
    assert offenders == []


def test_dead_entry_points_are_gone() -> None:
    import kindcheck.app
    import kindcheck.messages

    assert not hasattr(kindcheck.app, "make_app")
    assert not hasattr(kindcheck.messages, "ShowPerson")
