"""Search draws its results a page at a time: with years of notes a common word matches
thousands of texts, and drawing them all is what made each keystroke slow."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import OptionList

from kindcheck.app import KindcheckApp
from kindcheck.demo import load_demo
from kindcheck.screens.search import PAGE, SearchScreen
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.conftest import SIZE, screen_text, settle, wait_until

AppFactory = Callable[[], KindcheckApp]


async def test_results_come_a_page_at_a_time_and_moving_down_brings_more(
    make_app: AppFactory, store: Store
) -> None:
    load_demo(store, NOW, people=4, weeks=40, seed=5)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press("e")
        await wait_until(pilot, lambda: "match" in screen_text(app))
        results = screen.query_one("#search-results", OptionList)
        total = screen.result.total
        assert total > 2 * PAGE
        assert results.option_count == PAGE
        assert f"showing the newest {PAGE}" in screen_text(app)

        results.focus()
        for _ in range(PAGE):
            await pilot.press("down")
        await wait_until(pilot, lambda: results.option_count == 2 * PAGE)
        assert results.highlighted == PAGE
        # The page added is exactly what a search for that many would have shown.
        assert [h.entry for h in screen.result.hits] == sorted(
            (h.entry for h in screen.result.hits), key=lambda e: e.at, reverse=True
        )
        assert f"showing the newest {2 * PAGE}" in screen_text(app)
