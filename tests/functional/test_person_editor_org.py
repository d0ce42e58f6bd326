"""The person dialog has no team or manager fields yet: an edit there must keep both."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from kindcheck.dialogs.person_editor import PersonEditor
from kindcheck.domain.model import Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from tests.functional.conftest import SIZE
from tests.functional.harness import NoticingApp


async def test_editing_someone_keeps_their_team_and_manager(
    make_app: Callable[[], NoticingApp], store: Store
) -> None:
    boss = store.add_person(Person("Zed Boss"))  # after Ada by name: Ada is selected
    ada = store.add_person(Person("Ada Lovelace", team="Platform", manager_id=boss.id))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, PersonEditor)
        assert app.screen.query_one("#name", Input).value == "Ada Lovelace"
        role = app.screen.query_one("#role", Input)
        role.focus()
        await pilot.press(*"Engineer", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    saved = store.person(ada.id)
    assert (saved.role, saved.team, saved.manager_id) == ("Engineer", "Platform", boss.id)
