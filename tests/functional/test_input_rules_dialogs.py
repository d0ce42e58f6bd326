"""The input rules reach the dialogs: text one rule refuses is named in a kind message, the
dialog stays open with every typed letter, and nothing is saved or crashed."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

import pytest
from textual.widgets import Input, TextArea

from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.dialogs.person_editor import PersonEditor, zone_names
from kindcheck.domain.model import Person, stored_records
from kindcheck.store.store import Store
from tests.functional.conftest import SIZE
from tests.functional.harness import NoticingApp

AppFactory = Callable[[], NoticingApp]


async def test_a_role_over_its_limit_is_refused_and_the_editor_stays_open(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, PersonEditor)
        editor.query_one("#name", Input).value = "Nina Simone"
        editor.query_one("#role", Input).value = "r" * 201  # a runaway paste
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor  # still open, nothing lost
        assert editor.query_one("#role", Input).value == "r" * 201
        assert any("The role is too long" in text for text in app.notice_texts())
        assert store.people() == []


async def test_what_matters_over_its_limit_is_refused(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        editor = app.screen
        editor.query_one("#name", Input).value = "Nina Simone"
        editor.query_one("#what-matters", TextArea).text = "x" * 20_001
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert store.people() == []


def test_the_editor_offers_only_zones_every_machine_has(monkeypatch: pytest.MonkeyPatch) -> None:
    # A machine whose system zone folder has extra names (right/..., posix/...).
    system = {"Europe/Berlin", "right/UTC", "posix/Europe/Berlin", "right/Asia/Tokyo"}
    monkeypatch.setattr(zoneinfo, "available_timezones", lambda: set(system))
    zone_names.cache_clear()
    try:
        names = zone_names()
    finally:
        zone_names.cache_clear()
    assert {"Europe/Berlin", "Asia/Tokyo", "America/New_York"} <= set(names)
    assert not [n for n in names if n.startswith(("right/", "posix/"))]


async def test_someone_with_an_old_odd_name_can_still_be_archived(
    make_app: AppFactory, store: Store
) -> None:
    with stored_records():  # an older store could hold this name
        eve = store.add_person(Person("Eve\x1b]52;c;aGk=\x07"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert store.person(eve.id).archived
        assert store.person(eve.id).name == "Eve\x1b]52;c;aGk=\x07"  # kept as it was


async def test_the_dashboard_archives_an_old_odd_name_too(
    make_app: AppFactory, store: Store
) -> None:
    with stored_records():
        eve = store.add_person(Person("Eve\u202eevil"))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.action_archive_person()  # from the command palette
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert store.person(eve.id).archived
