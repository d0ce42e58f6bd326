"""Adding and editing people: typing, validation under the fields, archiving, failed saves."""

from __future__ import annotations

import errno
from collections.abc import Callable

import pendulum
import pytest
from textual.widgets import Input, Static, TextArea

from kindcheck.app import KindcheckApp
from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.dialogs.person_editor import PersonEditor, canonical_zone, parse_birthday
from kindcheck.domain.model import Cadence, Person, ValidationError
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.errors import StoreWriteFailed
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster
from tests.functional.conftest import SIZE, screen_text
from tests.functional.harness import NoticingApp

AppFactory = Callable[[], NoticingApp]


def error_under(app: KindcheckApp, field: str) -> str:
    return str(app.screen.query_one(f"#{field}-error", Static).render())


async def fill(pilot, field: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replace a field's text by typing, as a leader would."""
    widget = pilot.app.screen.query_one(f"#{field}", Input)
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


async def test_a_adds_a_person_who_then_shows_on_the_roster(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, PersonEditor)
        await pilot.press(*"Nina Simone", "tab")
        await pilot.press(*"Product manager", "tab")
        await fill(pilot, "cadence", "biweekly")
        await fill(pilot, "timezone", "America/New_York")
        await fill(pilot, "birthday", "1990-02-21")
        app.screen.query_one("#what-matters", TextArea).focus()
        await pilot.press(*"Her choir", "ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, DashboardScreen)
        [nina] = store.people()
        assert nina.name == "Nina Simone"
        assert nina.role == "Product manager"
        assert nina.cadence == Cadence("biweekly", 14)
        assert nina.timezone == "America/New_York"
        assert nina.birthday == pendulum.date(1990, 2, 21)
        assert nina.what_matters == "Her choir"
        roster = app.screen.query_one(Roster)
        assert roster.person_ids == [nina.id]
        assert "Nina Simone" in screen_text(app)
        assert app.screen.selected_person_id == nina.id


async def test_enter_in_a_field_saves_too(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Omar", "enter")
        await pilot.pause()
        assert [p.name for p in store.people()] == ["Omar"]
        assert store.people()[0].cadence == Cadence("weekly", 7)


async def test_e_edits_the_selected_person(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert isinstance(app.screen, PersonEditor)
        assert app.screen.query_one("#name", Input).value == "Ada Lovelace"
        assert "Her daughter's first school year" in app.screen.query_one(TextArea).text
        await fill(pilot, "role", "Staff engineer")
        await fill(pilot, "cadence", "10d")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, DashboardScreen)
        saved = store.person(ada.id)
        assert saved.role == "Staff engineer"
        assert saved.cadence == Cadence("days", 10)
        assert saved.what_matters == "Her daughter's first school year"
        # Ten-day cadence from a check-in ten days ago: due today rather than overdue.
        assert "due today" in screen_text(app)


async def test_an_empty_name_is_refused_under_the_field(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "space", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)
        assert "A name is needed" in error_under(app, "name")
        assert "A name is needed" in screen_text(app)
        assert store.people() == []
        assert not store.path.exists()
        # Typing again clears the message.
        await pilot.press("N")
        assert error_under(app, "name") == ""


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("cadence", "sometimes", "I can't read the cadence"),
        ("timezone", "Mars/Olympus", "I don't know the timezone"),
        ("birthday", "21/02/1990", "I can't read the birthday"),
        ("birthday", "2030-01-01", "in the future"),
    ],
)
async def test_bad_fields_are_explained_and_nothing_is_saved(
    make_app: AppFactory, store: Store, field: str, typed: str, message: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Lee")
        await fill(pilot, field, typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)
        assert message in error_under(app, field)
        assert app.focused is app.screen.query_one(f"#{field}", Input)
        assert store.people() == []


async def test_a_duplicate_name_is_refused_with_the_stores_words(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"ada lovelace", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)
        assert "There is already someone called Ada Lovelace" in error_under(app, "name")
        assert len(store.people()) == 3


async def test_escape_cancels_without_saving(make_app: AppFactory, store: Store) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Someone", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert store.people() == []


async def test_a_failed_save_says_why_and_keeps_every_typed_letter(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(person: Person) -> Person:
        raise StoreWriteFailed(store.path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(store, "add_person", disk_full)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a", *"Priya", "tab", *"Researcher", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PersonEditor)
        assert app.screen.query_one("#name", Input).value == "Priya"
        assert app.screen.query_one("#role", Input).value == "Researcher"
        messages = app.notice_texts()
        assert any(
            "No space left on device" in m and "Nothing already saved" in m for m in messages
        )
        assert "No space left on device" in screen_text(app)

        # Once the disk has room again, the same text saves.
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [p.name for p in store.people()] == ["Priya"]


async def test_archive_asks_first_then_hides_the_person(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    sam = team["sam"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "e", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Archive Sam Okafor?" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, PersonEditor)
        assert not store.person(sam.id).archived

        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert store.person(sam.id).archived
        assert sam.id not in app.screen.query_one(Roster).person_ids
        assert "Sam Okafor" not in screen_text(app)
        # Archived, not deleted: still findable by name.
        assert store.find_person("Sam Okafor").id == sam.id


def test_zone_names_are_put_in_their_proper_case() -> None:
    assert canonical_zone("europe/berlin") == "Europe/Berlin"
    assert canonical_zone("") == ""
    with pytest.raises(ValidationError):
        canonical_zone("Atlantis/Capital")


def test_birthdays_are_read_as_iso_days() -> None:
    today = pendulum.date(2026, 11, 23)
    assert parse_birthday("  ", today) is None
    assert parse_birthday("1988-07-04", today) == pendulum.date(1988, 7, 4)
    with pytest.raises(ValidationError):
        parse_birthday("1988-02-30", today)
