"""Deleting someone for good from the app: the person editor's ctrl+g opens a dialog that
names what goes and deletes only once their name is typed back."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button, Static

from kindcheck.dialogs.delete_person import DeletePersonDialog
from kindcheck.dialogs.person_editor import PersonEditor
from kindcheck.domain.model import Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster
from tests.functional.conftest import SIZE, screen_text
from tests.functional.harness import NoticingApp
from tests.store_state import digest

AppFactory = Callable[[], NoticingApp]


async def test_deleting_from_the_person_editor(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    mika = store.person(team["mika"].id)
    mika.manager_id = ada.id
    store.update_person(mika)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, PersonEditor)
        before = digest(store.folder)  # after the app's start (its daily backup)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, DeletePersonDialog)
        assert "Delete Ada Lovelace for good?" in screen_text(app)
        said = str(app.screen.query_one("#delete-what", Static).render())
        assert "Ada Lovelace: 1 check-in, 2 notes, 1 commitment, 1 follow-up" in said
        assert "Mika Tanaka no longer reports to anyone." in said
        assert "Backups keep a copy for 7 days." in said
        delete = app.screen.query_one("#delete", Button)

        await pilot.press(*"Ada", "enter")  # not their whole name: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, DeletePersonDialog) and delete.disabled
        assert "Type Ada Lovelace exactly" in screen_text(app)
        await pilot.press("escape")  # kept: back in the editor, nothing changed
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)
        assert digest(store.folder) == before

        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press(*"ada lovelace")
        await pilot.pause()
        assert not app.screen.query_one("#delete", Button).disabled
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert ada.id not in app.screen.query_one(Roster).person_ids
        assert "Ada Lovelace" not in screen_text(app)
    assert [p.name for p in store.people(include_archived=True)] == ["Mika Tanaka",
                                                                     "Sam Okafor"]
    assert store.person(mika.id).manager_id is None
    assert store.tombstoned() == {ada.id}
    assert not store.person_file(ada.id).exists()


async def test_a_new_person_has_nothing_to_delete(make_app: AppFactory, store: Store,
                                                  team: dict[str, Person]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, PersonEditor)
        assert not app.screen.query("#delete")
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)
