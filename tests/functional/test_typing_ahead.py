"""Every key lands in the field it was typed for, at any speed (issue: typing ahead).

Each test sends a whole burst of keys before the app runs any of them (see bursts.py), then
checks both the screen's fields and what reached the store.
"""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from textual.widgets import Input, TextArea

from kindcheck.app import KindcheckApp
from kindcheck.dialogs.person_editor import PersonEditor
from kindcheck.dialogs.quick_note import QuickNote
from kindcheck.domain.model import Cadence, NoteKind, Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.mood_picker import MoodPicker
from tests.functional.bursts import burst, paste
from tests.functional.conftest import SIZE

AppFactory = Callable[[], KindcheckApp]


def area(app: KindcheckApp, selector: str) -> str:
    return app.screen.query_one(selector, TextArea).text


async def test_a_burst_through_the_check_in_form_lands_field_by_field(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # From the dashboard, with no pause anywhere: open the form and type every field.
        await burst(
            pilot,
            "c",
            "Tired but upbeat", "<tab>",
            "4", "<tab>",
            "Finished the API docs", "<tab>",
            "Waiting on review", "<tab>",
            "<tab>",  # past the open items from before
            "I will own the rollout", "<tab>",
            "tools: a second screen", "<tab>",
            "fri 10:00", "<tab>",
            "Rollout plan",
        )
        assert isinstance(app.screen, CheckInScreen)
        assert area(app, "#how-they-are") == "Tired but upbeat"
        assert app.screen.query_one(MoodPicker).mood == 4
        assert area(app, "#progress") == "Finished the API docs"
        assert area(app, "#missing") == "Waiting on review"
        assert area(app, "#their-words") == "I will own the rollout"
        assert area(app, "#help") == "tools: a second screen"
        assert app.screen.query_one("#follow-up", Input).value == "fri 10:00"
        assert app.screen.query_one("#follow-up-topic", Input).value == "Rollout plan"

        await burst(pilot, "<ctrl+s>", "j")
        assert isinstance(app.screen, DashboardScreen)

    history = store.history(ada.id)
    checkin = history.last_checkin
    assert checkin is not None
    assert checkin.how_they_are == "Tired but upbeat"
    assert checkin.mood == 4
    assert checkin.their_words == "I will own the rollout"
    texts = {(note.kind, note.text) for note in history.notes if note.checkin_id == checkin.id}
    assert texts == {
        (NoteKind.PROGRESS, "Finished the API docs"),
        (NoteKind.MISSING, "Waiting on review"),
    }
    [followup] = [f for f in history.planned_followups if f.checkin_id == checkin.id]
    assert followup.topic == "Rollout plan"
    assert (followup.at.day_of_week, followup.at.hour) == (pendulum.FRIDAY, 10)


async def test_backspaces_in_a_burst_delete_what_came_before_them(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "c", "Export", *["<backspace>"] * 6, "The export")
        assert area(app, "#how-they-are") == "The export"


async def test_a_burst_through_the_person_editor_fills_each_field(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(
            pilot,
            "a",
            "Ada Lovelace", "<tab>",
            "Engineer", "<tab>",
            "biweekly", "<tab>",
            "Europe/London", "<tab>",
            "1990-12-10", "<tab>",
            "Her daughter's first school year",
            "<ctrl+s>",
        )
        assert not isinstance(app.screen, PersonEditor)
    [ada] = store.people()
    assert ada.name == "Ada Lovelace"
    assert ada.role == "Engineer"
    assert ada.cadence == Cadence.parse("biweekly")
    assert ada.timezone == "Europe/London"
    assert ada.birthday is not None and ada.birthday.isoformat() == "1990-12-10"
    assert ada.what_matters == "Her daughter's first school year"


async def test_a_quick_note_typed_straight_after_n_is_kept_whole(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    before = len(store.history(ada.id).notes)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "n", "Helped Sam with the deploy", "<enter>", "j")
        assert isinstance(app.screen, DashboardScreen)
    notes = store.history(ada.id).notes
    assert len(notes) == before + 1
    assert notes[-1].text == "Helped Sam with the deploy"


async def test_a_paste_lands_whole_and_the_keys_after_it_go_on_from_there(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(
            pilot,
            "c",
            paste("Good week.\nThe move is done; the kids like the new school."),
            " Relieved.",
            "<tab>", "<tab>",
            "Shipped",
        )
        assert area(app, "#how-they-are") == (
            "Good week.\nThe move is done; the kids like the new school. Relieved."
        )
        assert area(app, "#progress") == "Shipped"


async def test_letters_typed_on_the_mood_picker_go_on_to_the_next_field(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The typist does not know about the mood picker: "Finished" is meant for progress.
        await burst(pilot, "c", "Fine", "<tab>", "Finished the docs", "<tab>", "Nothing")
        assert area(app, "#how-they-are") == "Fine"
        assert app.screen.query_one(MoodPicker).mood is None
        assert area(app, "#progress") == "Finished the docs"
        assert area(app, "#missing") == "Nothing"


async def test_letters_and_spaces_typed_on_the_open_items_go_on_to_their_words(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(
            pilot, "c", "<tab>", "<tab>", "<tab>", "<tab>",  # how, mood, progress, missing
            "I own the rollout now",
        )
        screen = app.screen
        assert isinstance(screen, CheckInScreen)
        assert area(app, "#their-words") == "I own the rollout now"
        # Nothing from before was ticked as resolved by the spaces in that sentence.
        assert screen.fields().resolved == []
    assert [n.text for n in store.history(ada.id).open_missing] == [
        "No access to the staging logs"
    ]


async def test_letters_typed_on_the_note_kind_go_to_the_note(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "n", "Demo went well", "<tab>", " and fast")
        assert isinstance(app.screen, QuickNote)
        assert app.screen.query_one("#note-text", Input).value == "Demo went well and fast"


async def test_a_search_typed_straight_after_slash_is_searched_whole(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "/", "staging logs")
        assert app.screen.query_one("#search-input", Input).value == "staging logs"


async def test_a_follow_up_planned_in_one_burst_from_the_calendar(
    make_app: AppFactory, store: Store, team: dict[str, Person]
) -> None:
    mika = team["mika"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(
            pilot, "w", "f", "Mika", "<tab>", "Design sync", "<tab>", "fri 15:00", "<enter>"
        )
        await pilot.app.workers.wait_for_complete()
    planned = [f for f in store.history(mika.id).planned_followups if f.topic == "Design sync"]
    assert len(planned) == 1
    assert (planned[0].at.day_of_week, planned[0].at.hour) == (pendulum.FRIDAY, 15)


async def test_a_paste_arrives_as_plain_text_without_escape_codes(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "c", paste("\x1b[31mRed\x1b[0m alert\r\nsecond line\x07"))
        assert area(app, "#how-they-are") == "Red alert\nsecond line"
