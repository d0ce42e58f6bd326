"""Search is ready before it is asked for: the dashboard reads the notes in a thread once it
has settled, and again (only what changed) after a change, so the first query waits for no
file."""

from __future__ import annotations

from collections.abc import Callable

from kindcheck.app import KindcheckApp
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.screens.search import SearchScreen
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.conftest import SIZE, screen_text, wait_until

AppFactory = Callable[[], KindcheckApp]


def _index_ready(app: KindcheckApp) -> bool:
    dashboard = next((s for s in app.screen_stack if isinstance(s, DashboardScreen)), None)
    if dashboard is None:
        return False
    index = getattr(dashboard, "_search_index", None)
    return index is not None and index.current() is not None


async def test_the_notes_are_read_for_search_before_it_opens(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: _index_ready(app), "the search index built at start")
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.entries is not None  # nothing left to read
        assert "Reading your notes" not in screen_text(app)

        await pilot.press("escape")
        store.add_note(Note(team["sam"].id, NoteKind.PROGRESS, "Calmed an angry customer", NOW))
        app.screen.reload()  # type: ignore[attr-defined]  # as after a save or an outside change
        await wait_until(pilot, lambda: _index_ready(app), "the search index brought up to date")
        await pilot.press("slash", *"customer")
        await wait_until(pilot, lambda: "Calmed an angry customer" in screen_text(app))
