"""Search: results as you type, highlighted snippets, and enter going to the person."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from kindcheck.app import KindcheckApp
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.screens.search import SearchScreen
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster
from tests.conftest import NOW
from tests.functional.conftest import SIZE, screen_text, settle, wait_until

AppFactory = Callable[[], KindcheckApp]


def result_count(app: KindcheckApp) -> int:
    return app.screen.query_one("#search-results", OptionList).option_count


async def test_typing_shows_matches_and_enter_selects_the_person(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    mika = team["mika"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await settle(pilot)
        await pilot.press(*"onboarding")
        await wait_until(pilot, lambda: result_count(app) == 1)
        text = screen_text(app)
        assert "Mika Tanaka · Fri 20 Nov 2026 · progress" in text
        assert "New onboarding flow" in text
        assert "1 match" in text

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        roster = app.screen.query_one(Roster)
        assert roster.has_focus
        assert roster.highlighted_person_id == mika.id
        assert app.screen.selected_person_id == mika.id
        assert "Progress vs. missing — Mika Tanaka" in screen_text(app)


async def test_search_covers_checkins_commitments_and_followups(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"the move")
        await wait_until(pilot, lambda: "how they are" in screen_text(app))
        assert "Tired, the move is hard" in screen_text(app)

        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#search-input").value = ""  # type: ignore[attr-defined]
        await pilot.press(*"staging")
        await wait_until(pilot, lambda: result_count(app) == 2)
        text = screen_text(app)
        assert "follow-up" in text
        assert "missing" in text
        assert "2 matches" in text


async def test_arrows_move_through_results_while_typing(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"a")
        await wait_until(pilot, lambda: result_count(app) > 2)
        results = app.screen.query_one("#search-results", OptionList)
        assert results.highlighted == 0
        await pilot.press("down", "down", "up")
        assert results.highlighted == 1


async def test_nothing_found_says_so_and_escape_goes_back(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"zebra")
        await wait_until(pilot, lambda: "Nothing found" in screen_text(app))
        await pilot.press("enter")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_the_index_is_reused_until_the_store_changes(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        first = app.screen.entries  # type: ignore[attr-defined]
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.screen.entries is first  # type: ignore[attr-defined]
        await pilot.press("escape")

        store.add_note(Note(team["sam"].id, NoteKind.PROGRESS, "Calmed an angry customer", NOW))
        await pilot.press("slash")
        await settle(pilot)
        assert app.screen.entries is not first  # type: ignore[attr-defined]
        await pilot.press(*"customer")
        await wait_until(pilot, lambda: "Calmed an angry customer" in screen_text(app))
