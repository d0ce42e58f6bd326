"""Responsive during a call: the footer is changed in place as focus moves, both ways of
starting kindcheck start alike, and a full garbage collection waits for a pause in typing."""

from __future__ import annotations

import gc
import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Footer

from kindcheck import cli, garbage
from kindcheck.app import KindcheckApp
from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.search import SearchScreen
from kindcheck.widgets.key_footer import KeyFooter
from tests.functional.conftest import SIZE

AppFactory = Callable[[], KindcheckApp]


def footer_text(footer: Footer) -> list[str]:
    """The keys a footer shows, left to right (the command palette's is docked right)."""
    return [str(key.render()) for key in footer.children if key.display]


async def open_form(pilot, app: KindcheckApp) -> CheckInScreen:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, CheckInScreen)
    return form


async def test_tab_in_the_form_keeps_the_footer_keys_it_has_made(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        footer = form.query_one(Footer)
        assert isinstance(footer, KeyFooter)
        made = {id(key) for key in footer.children}
        for _ in range(10):  # every field, including the mood picker and the tick list
            await pilot.press("tab")
            await pilot.pause()
            made |= {id(key) for key in footer.children}
        # One widget per key ever shown (a text field hides p and ?): none thrown away.
        assert len(made) == len(list(footer.children)) <= 8


async def test_the_form_footer_shows_what_textuals_footer_would(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, app)
        ours = form.query_one(KeyFooter)
        theirs = Footer()
        await form.mount(theirs)
        for _ in range(3):  # text field, mood picker, text field
            theirs.call_later(theirs.bindings_changed, form)  # in its own context
            await pilot.pause()
            await pilot.pause()
            assert footer_text(ours) == footer_text(theirs)
            await pilot.press("tab")
            await pilot.pause()
        assert "Save check-in" in " ".join(footer_text(ours))


async def test_the_search_footer_is_a_key_footer_too(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        footer = app.screen.query_one(KeyFooter)
        await pilot.pause()
        assert "Back" in " ".join(footer_text(footer))


def test_python_m_kindcheck_is_the_console_script() -> None:
    # The installed `kindcheck` runs cli.main; `python -m kindcheck` must do only that.
    spec = importlib.util.find_spec("kindcheck.__main__")
    assert spec is not None and spec.origin is not None
    main = Path(spec.origin).read_text(encoding="utf-8")
    assert "import gc" not in main and "gc." not in main
    assert "from kindcheck.cli import main" in main


def test_cli_main_starts_without_garbage_collection_and_restores_it(
    monkeypatch: pytest.MonkeyPatch, store_path: Path
) -> None:
    seen: list[bool] = []

    def dashboard(args, store, clock) -> int:  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "run_dashboard", dashboard)
    assert cli.main(["--data", str(store_path)]) == 0
    assert seen == [False]  # as the dashboard starts, whichever way it was launched
    assert gc.isenabled()  # and the caller (here, pytest) gets it back


@pytest.fixture
def paced_start() -> Iterator[None]:
    """Start the app as cli.main does (collection off), and give the collector back."""
    with garbage.paused_for_start():
        yield


@pytest.fixture
def full(paced_start: None, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The generations of the collections the App asks for, each run as a young one."""
    asked: list[int] = []
    real_collect = gc.collect

    def collect(generation: int = 2) -> int:
        asked.append(generation)
        return real_collect(0)  # keep the test quick; what matters is when it is asked for

    monkeypatch.setattr(gc, "collect", collect)
    return asked


async def test_no_full_collection_while_typing_or_listening_in_the_form(
    make_app: AppFactory, team: dict[str, Person], full: list[int]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert app.pacer.active and gc.get_threshold()[2] == garbage.NEVER
        await open_form(pilot, app)
        await pilot.press(*"fine, thanks")
        await pilot.press("escape")  # the form closes: its leftovers want collecting...
        await pilot.pause()
        await pilot.press("j")  # ...but the leader is still busy
        app.forget_closed_screens()
        assert full == []
        app.pacer.last_key -= garbage.QUIET_SECONDS  # a pause
        app.forget_closed_screens()
        assert full == [2]
        # In a call the leader types, listens for a minute, types on: never a full
        # collection while the form is open, whatever has the focus in it.
        form = await open_form(pilot, app)
        await pilot.press(*"fine")
        app.pacer.screen_closed()
        app.pacer.last_key -= 60
        app.forget_closed_screens()
        await pilot.press("tab")  # the mood picker: still in the form
        app.pacer.last_key -= 60
        app.forget_closed_screens()
        assert full == [2] and app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        app.pacer.last_key -= 60  # back on the dashboard, and quiet
        app.forget_closed_screens()
        assert full == [2, 2]
    # A tidy-up due as the App closes finds no screen at all: nothing to do, and no crash.
    assert not app.screen_stack
    app.forget_closed_screens()
