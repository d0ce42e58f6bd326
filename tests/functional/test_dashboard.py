"""The dashboard: roster order, Today, progress vs. missing, and the keys that act on them."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from kindcheck.app import KindcheckApp
from kindcheck.dialogs.quick_note import QuickNote
from kindcheck.domain.model import NoteKind, Person
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.store import Store
from kindcheck.widgets.progress_missing import MissingList, ProgressMissing
from kindcheck.widgets.roster import Roster
from kindcheck.widgets.today import COMMITMENT, TodayPane
from tests.functional.conftest import OpenApp, screen_text, settle

AppFactory = Callable[[], KindcheckApp]


def dashboard(app: KindcheckApp) -> DashboardScreen:
    assert isinstance(app.screen, DashboardScreen)
    return app.screen


async def test_roster_puts_who_needs_attention_first(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    async with open_app() as pilot:
        app = pilot.app
        roster = app.screen.query_one(Roster)
        # Ada is overdue, Sam has never had a check-in, Mika is fine until next week.
        assert roster.person_ids == [team["ada"].id, team["sam"].id, team["mika"].id]
        text = screen_text(app)
        assert "10 days ago" in text
        assert "overdue by 3 days" in text
        assert "no check-in yet" in text
        assert "today 14:00" in text
        assert roster.has_focus


async def test_today_lists_followups_people_due_and_my_commitments(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    async with open_app() as pilot:
        app = pilot.app
        text = screen_text(app)
        assert "Follow-ups today" in text
        assert "14:00  Ada Lovelace · Staging access" in text
        assert "Due for a check-in" in text
        assert "Sam Okafor — no check-in yet" in text
        assert "Ask ops for log access" in text
        assert "late (due yesterday)" in text


async def test_progress_and_missing_follow_the_cursor(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    async with open_app() as pilot:
        app = pilot.app
        pane = app.screen.query_one(ProgressMissing)
        assert pane.person == team["ada"]
        text = screen_text(app)
        assert "Progress vs. missing — Ada Lovelace" in text
        assert "No access to the staging logs" in text
        assert "Shipped the export" in text

        await pilot.press("j")
        assert pane.person == team["sam"]
        assert "Progress vs. missing — Sam Okafor" in screen_text(app)
        assert "Nothing missing" in screen_text(app)

        await pilot.press("down")
        assert pane.person == team["mika"]
        assert "New onboarding flow" in screen_text(app)

        await pilot.press("k", "k")
        assert pane.person == team["ada"]


async def test_the_progress_list_follows_a_turn_later_and_never_for_someone_left_behind(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    """The two note lists are filled in two turns (years of notes in one would keep keys
    waiting); a quick move on must not let the earlier person's progress land afterwards."""
    from textual.widgets import OptionList

    async with open_app() as pilot:
        app = pilot.app
        pane = app.screen.query_one(ProgressMissing)
        progress = pane.query_one("#progress", OptionList)
        store: Store = app.store  # type: ignore[attr-defined]
        ada, sam = (store.history(team[k].id) for k in ("ada", "sam"))
        now = app.clock()  # type: ignore[attr-defined]
        pane.show(team["ada"], ada, now, masked=False)
        pane.show(team["sam"], sam, now, masked=False)  # before Ada's progress is drawn
        await settle(pilot)
        rows = [str(progress.get_option_at_index(i).prompt) for i in range(progress.option_count)]
        assert pane.person == team["sam"]
        assert not any("Shipped the export" in row for row in rows)  # Ada's, never drawn
        pane.show(team["ada"], ada, now, masked=False)
        pane.show(None, None, now, masked=False)
        await settle(pilot)
        assert progress.option_count == 0
        pane.show(team["ada"], ada, now, masked=False)
        await settle(pilot)
        assert "Shipped the export" in str(progress.get_option_at_index(0).prompt)


async def test_tab_moves_between_panes(open_app: OpenApp, team: dict[str, Person]) -> None:
    async with open_app() as pilot:
        app = pilot.app
        assert isinstance(app.focused, Roster)
        await pilot.press("tab")
        assert isinstance(app.focused, TodayPane)
        await pilot.press("tab")
        assert isinstance(app.focused, MissingList)
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "progress"
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert isinstance(app.focused, Roster)


async def test_moving_through_today_shows_that_person(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    async with open_app() as pilot:
        app = pilot.app
        screen = dashboard(app)
        await pilot.press("tab")  # Today: the first row is Ada's follow-up
        await pilot.press("down", "down")  # Ada due, then Sam due
        assert screen.selected_person_id == team["sam"].id
        await pilot.press("enter")
        assert isinstance(app.focused, Roster)
        assert app.focused.highlighted_person_id == team["sam"].id
        assert "Progress vs. missing — Sam Okafor" in screen_text(app)


async def test_x_marks_my_commitment_done_from_today(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    async with open_app() as pilot:
        app = pilot.app
        today = app.screen.query_one(TodayPane)
        await pilot.press("tab")
        for _ in range(today.option_count):
            item = today.highlighted_item
            if item is not None and item.kind == COMMITMENT:
                break
            await pilot.press("down")
        else:
            raise AssertionError("Today never highlighted my commitment")
        await pilot.press("x")
        await pilot.pause()
        assert "Ask ops for log access" not in screen_text(app)
        assert store.summary(ada.id).open_commitments == []
        done = store.history(ada.id).commitments[0]
        assert done.done_at is not None


async def test_x_resolves_a_missing_item_and_again_reopens_it(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    async with open_app("tab", "tab") as pilot:
        app = pilot.app
        assert isinstance(app.focused, MissingList)
        await pilot.press("x")
        await pilot.pause()
        note = next(n for n in store.history(ada.id).notes if n.kind is NoteKind.MISSING)
        assert note.resolved_at is not None
        assert store.summary(ada.id).open_missing == []
        text = screen_text(app)
        assert "✓ No access to the staging logs  resolved 23 Nov" in text
        # Today's roster no longer carries the open item, the pane shows it dimmed.
        await pilot.press("x")
        await pilot.pause()
        assert [n.text for n in store.summary(ada.id).open_missing] == [
            "No access to the staging logs"
        ]
        assert "○ No access to the staging logs" in screen_text(app)


async def test_quick_note_saves_and_shows_in_the_pane(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    async with open_app("n") as pilot:
        app = pilot.app
        assert isinstance(app.screen, QuickNote)
        assert "A note about Ada Lovelace" in screen_text(app)
        await pilot.press(*"Gave a great demo")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        saved = [n for n in store.history(ada.id).notes if n.text == "Gave a great demo"]
        assert len(saved) == 1
        assert saved[0].kind is NoteKind.PROGRESS
        assert saved[0].checkin_id is None
        assert "+ Gave a great demo  23 Nov" in screen_text(app)


async def test_quick_note_can_be_a_missing_item(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    sam = team["sam"]
    async with open_app("j", "n") as pilot:
        app = pilot.app
        await pilot.press(*"No monitor", "ctrl+t", "ctrl+s")
        await pilot.pause()
        [note] = store.history(sam.id).notes
        assert note.kind is NoteKind.MISSING
        assert note.is_open
        assert "○ No monitor" in screen_text(app)


async def test_an_empty_quick_note_says_so_and_saves_nothing(
    open_app: OpenApp, store: Store, team: dict[str, Person]
) -> None:
    async with open_app("n", "enter") as pilot:
        app = pilot.app
        assert isinstance(app.screen, QuickNote)
        assert "The note is empty" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
        assert len(store.history(team["ada"].id).notes) == 2


async def test_c_opens_the_check_in_for_the_selected_person_and_reloads_after(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    from kindcheck.screens.checkin import CheckInScreen

    async with open_app("j", "c") as pilot:
        app = pilot.app
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert "Check-in with Sam Okafor" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert dashboard(app).selected_person_id == team["sam"].id


async def test_enter_on_the_roster_also_starts_a_check_in(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    from kindcheck.screens.checkin import CheckInScreen

    async with open_app("enter") as pilot:
        app = pilot.app
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert "Check-in with Ada Lovelace" in screen_text(app)


async def test_command_palette_offers_dashboard_actions(
    open_app: OpenApp, team: dict[str, Person]
) -> None:
    async with open_app("ctrl+p") as pilot:
        app = pilot.app
        await pilot.press(*"quick note")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickNote)
        assert app.screen.person == team["ada"]
        assert isinstance(app.focused, Input)


async def test_an_empty_store_shows_the_welcome(open_app: OpenApp) -> None:
    async with open_app() as pilot:
        app = pilot.app
        text = screen_text(app)
        assert "Welcome to kindcheck" in text
        assert "add the first person on your team" in text
        assert "kindcheck demo" in text
        assert "Team" not in text.split("Welcome")[0].split("kindcheck")[-1]


async def test_d_on_the_welcome_loads_the_sample_team(open_app: OpenApp, store: Store) -> None:
    async with open_app("d") as pilot:
        app = pilot.app
        await settle(pilot)
        assert len(store.people()) >= 6
        roster = app.screen.query_one(Roster)
        assert len(roster.person_ids) == len(store.people())
        assert "Welcome to kindcheck" not in screen_text(app)
        assert isinstance(app.focused, Roster)


async def test_keys_that_need_someone_are_hidden_on_the_welcome(open_app: OpenApp) -> None:
    async with open_app() as pilot:
        app = pilot.app
        footer = screen_text(app).splitlines()[-1]
        assert "Sample team" in footer
        assert "Check in" not in footer
        await pilot.press("c", "e", "n")
        assert isinstance(app.screen, DashboardScreen)


async def test_help_lists_the_keys_of_every_screen(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    from kindcheck.screens.help import HelpScreen, key_sections

    app = make_app()
    async with app.run_test(size=(120, 200)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in (
            "Start a check-in with the selected person",
            "Quick note: progress, or something missing",
            "Mark the highlighted commitment done",
            "Resolve the highlighted missing item",
            "Privacy mask",
            "Search",
            "Person editor",
            "What is missing, not what is wrong",
            "Progress, not just problems",
            "Self-reflection and ownership",
            "A cycle of accountability",
            "How the insights are computed",
            "Hovering",
            "Human first",
        ):
            assert words in text, words
        titles = [title for title, _ in key_sections()]
        assert {"Dashboard", "Check-in form", "Calendar", "Search"} <= set(titles)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)
