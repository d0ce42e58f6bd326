"""Pilot tests: the person editor sets a team (completed from the teams already there) and a
manager (chosen from the people here; a loop refused in the domain's words). Someone added
with a manager and no cadence typed starts with the skip-level cadence, as
`kindcheck add-person` does; a cadence the leader typed is theirs."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, Static

from kindcheck.dialogs.person_editor import PersonEditor
from kindcheck.domain.model import Cadence, Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from tests.functional.conftest import SIZE
from tests.functional.harness import NoticingApp
from tests.store_state import digest

AppFactory = Callable[[], NoticingApp]
pytestmark = pytest.mark.slow  # many keys typed into the real App: a few seconds each


def value(app: NoticingApp, field: str) -> str:
    return app.screen.query_one(f"#{field}", Input).value


def error_under(app: NoticingApp, field: str) -> str:
    return str(app.screen.query_one(f"#{field}-error", Static).render())


async def type_into(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def test_adding_someone_with_a_team_and_a_manager(make_app: AppFactory,
                                                        store: Store) -> None:
    grace = store.add_person(Person("Grace Hopper", team="Platform"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Sam Okafor")
        assert isinstance(app.screen, PersonEditor)
        assert value(app, "cadence") == "weekly"
        await type_into(pilot, "team", "pla")
        await pilot.press("right")  # takes the suggestion
        assert value(app, "team") == "Platform"
        await type_into(pilot, "manager", "gra")
        await pilot.press("right")
        assert value(app, "manager") == "Grace Hopper"
        assert value(app, "cadence") == "monthly"  # a skip-level: said before saving
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    [sam] = [p for p in store.people() if p.name == "Sam Okafor"]
    assert (sam.team, sam.manager_id, sam.cadence) == ("Platform", grace.id, Cadence.parse(
        "monthly"))


async def test_a_cadence_typed_is_kept_and_no_manager_keeps_the_default(
    make_app: AppFactory, store: Store
) -> None:
    store.add_person(Person("Grace Hopper"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Sam Okafor")
        await type_into(pilot, "manager", "Grace")
        assert value(app, "cadence") == "monthly"
        await type_into(pilot, "manager", "")
        assert value(app, "cadence") == "weekly"  # no manager: back to the default
        await type_into(pilot, "cadence", "biweekly")
        await type_into(pilot, "manager", "Grace")
        assert value(app, "cadence") == "biweekly"  # typed by the leader: theirs
        await type_into(pilot, "team", "  support   crew ")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [sam] = [p for p in store.people() if p.name == "Sam Okafor"]
    assert (sam.cadence, sam.team) == (Cadence.parse("biweekly"), "support crew")


async def test_a_loop_is_refused_in_the_domains_words(make_app: AppFactory,
                                                      store: Store) -> None:
    ada = store.add_person(Person("Ada Lovelace", team="platform"))  # first: selected
    zed = store.add_person(Person("Zed Boss", manager_id=ada.id, team="platform"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, PersonEditor)
        before = digest(store.path.parent)  # after the day's backup, taken on opening
        assert value(app, "manager") == ""
        await type_into(pilot, "manager", "zed")
        await type_into(pilot, "team", "PLATFORM")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)  # still open, everything kept
        assert error_under(app, "manager") == (
            "Ada Lovelace can't report to Zed Boss: that would make a loop (Ada Lovelace "
            "reports to Zed Boss, who reports to Ada Lovelace).")
        assert app.screen.focused is app.screen.query_one("#manager", Input)
        await type_into(pilot, "manager", "nobody")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "nobody" in error_under(app, "manager")
        assert digest(store.path.parent) == before
        await type_into(pilot, "manager", "none")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    saved = store.person(ada.id)
    assert (saved.manager_id, saved.team) == (None, "platform")  # spelled as Zed's team is
    assert store.person(zed.id).manager_id == ada.id


async def test_editing_shows_the_manager_and_can_clear_it(make_app: AppFactory,
                                                          store: Store) -> None:
    boss = store.add_person(Person("Zed Boss"))
    ada = store.add_person(Person("Ada Lovelace", team="Platform", manager_id=boss.id,
                                  cadence=Cadence.parse("weekly")))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert (value(app, "team"), value(app, "manager")) == ("Platform", "Zed Boss")
        await type_into(pilot, "manager", "")
        assert value(app, "cadence") == "weekly"  # someone already here keeps theirs
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert store.person(ada.id).manager_id is None
