"""The leader's own keys from settings.toml, in the running App: the new key works, the old one
no longer does, and the footer, the help page and the palette show the new one."""

from __future__ import annotations

from typing import Any

from textual.message import Message
from textual.notifications import Notify

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.screens.help import HelpScreen
from kindcheck.settings import KeyChoice, Settings
from kindcheck.store.store import Store
from tests.functional.conftest import screen_text, wait_until

SIZE = (120, 34)


class KeysApp(KindcheckApp):
    """The real App, keeping the notifications it is asked to show (public API only)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.notices: list[str] = []
        super().__init__(*args, **kwargs)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, Notify):
            self.notices.append(str(message.notification.message))
        return super().post_message(message)


def app_with(store: Store, clock: ManualClock, *lines: tuple[str, str]) -> KeysApp:
    keys = tuple(KeyChoice(i, k, f"settings.toml, line {n}")
                 for n, (i, k) in enumerate(lines, start=2))
    return KeysApp(store, clock, poll_seconds=0, cursor_blink=False, settings=Settings(keys=keys))


def footer_line(app: KindcheckApp) -> str:
    return screen_text(app).splitlines()[-1]


async def test_a_remapped_key_works_and_the_old_one_does_not(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    app = app_with(store, clock, ("dashboard.calendar", "v"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "Calendar" in footer_line(app))
        assert " v Calendar" in footer_line(app)
        assert " w Calendar" not in footer_line(app)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen))
    assert app.notices == []


async def test_help_lists_the_leaders_keys(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    app = app_with(store, clock, ("app.help", "f1"), ("checkin.save", "ctrl+s,f2"))
    async with app.run_test(size=(160, 80)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)  # ? is no longer help
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = screen_text(app)
        lines = {" ".join(line.split()) for line in text.splitlines()}
        assert any("f1 Every key on one page" in line for line in lines), text
        assert any("^s / f2 Save check-in" in line for line in lines), text
        assert any("w Calendar: follow-ups by week or month" in line for line in lines), text


async def test_the_palette_shows_the_leaders_key(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    app = app_with(store, clock, ("dashboard.calendar", "v"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("ctrl+p")
        await pilot.press(*"calendar")
        await wait_until(pilot, lambda: "Follow-ups, check-ins and commitments by week · v"
                         in screen_text(app))


async def test_a_clash_or_an_unknown_id_is_named_and_the_usual_key_kept(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    app = app_with(store, clock, ("dashboard.add_person", "c"), ("dashbord.calendar", "v"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_until(pilot, lambda: len(app.notices) == 2 and "Add" in footer_line(app))
        assert app.notices[0].startswith("settings.toml, line 2: 'c' for dashboard.add_person "
                                         "is already dashboard.check_in")
        assert app.notices[1].startswith("settings.toml, line 3: kindcheck has no key called "
                                         "'dashbord.calendar' (did you mean dashboard.calendar?)")
        assert " a Add" in footer_line(app) and footer_line(app).startswith("c Check in")
        await pilot.press("w")  # the usual key still opens the calendar
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen))
