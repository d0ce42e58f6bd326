"""The check-in form, driven by keys: what it shows, what it saves, and the drafts it keeps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
import pytest
from pendulum import Date
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static, TextArea

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import (
    Category,
    CheckIn,
    FollowUpStatus,
    Note,
    NoteKind,
    Person,
)
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.errors import StoreWriteFailed
from kindcheck.store.store import Store
from kindcheck.widgets.mood_picker import MoodPicker
from kindcheck.widgets.privacy import MASK
from tests.functional.harness import wait_until

SIZE = (120, 34)


class Host(KindcheckApp):
    """The real App, with the form opened for one person over the dashboard, as `c` would."""

    def __init__(self, store: Store, clock: ManualClock, person_id: str) -> None:
        super().__init__(store, clock, poll_seconds=0, cursor_blink=False)
        self.person_id = person_id
        self.results: list[CheckIn | None] = []
        self.messages: list[str] = []

    def on_mount(self) -> None:
        # This runs before the App's own on_mount, which opens the dashboard: the form goes
        # on top of it once that is done.
        self.call_later(self.open_form)

    def open_form(self) -> None:
        self.push_screen(CheckInScreen(self.store, self.clock, self.person_id), self.results.append)

    def notify(self, message: str, **kwargs: Any) -> None:
        self.messages.append(str(message))
        super().notify(message, **kwargs)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*("enter" if ch == "\n" else ch for ch in text))


def form(app: App) -> CheckInScreen:
    assert isinstance(app.screen, CheckInScreen)
    return app.screen


def text_of(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def focus(pilot: Pilot, selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


@pytest.fixture
def ada(team: dict[str, Person]) -> Person:
    return team["ada"]


async def test_the_header_brings_back_what_to_remember(store: Store, clock, ada: Person) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#header-name") == "Check-in with Ada Lovelace · Engineer"
        assert "Her daughter's first school year" in text_of(app, "#header-matters")
        last = text_of(app, "#header-last")
        assert "10 days ago" in last and "mood 3/5" in last and "Tired, the move is hard" in last
        assert "No access to the staging logs" in text_of(app, "#header-missing")
        promises = text_of(app, "#header-commitments")
        assert "Ask ops for log access" in promises and "late" in promises
        assert app.focused is form(app).query_one("#how-they-are")
        assert text_of(app, "#checkin-status").startswith("Everything you type is kept")


async def test_a_first_check_in_says_so(store: Store, clock, team: dict[str, Person]) -> None:
    app = Host(store, clock, team["sam"].id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "first check-in" in text_of(app, "#header-last")
        assert "Not noted yet" in text_of(app, "#header-matters")
        # Nothing open from before: the resolve list stays out of the way.
        assert not form(app).query_one("#resolve-missing").display


async def test_tab_walks_the_fields_in_order(store: Store, clock, ada: Person) -> None:
    app = Host(store, clock, ada.id)
    order = [
        "how-they-are", "mood", "progress", "missing", "resolve-missing",
        "their-words", "help", "follow-up", "follow-up-topic",
    ]  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = [app.focused.id if app.focused else None]
        for _ in order[1:]:
            await pilot.press("tab")
            seen.append(app.focused.id if app.focused else None)
        assert seen == order
        await pilot.press("shift+tab")
        assert app.focused is not None and app.focused.id == "follow-up"


async def test_typing_every_field_and_saving_writes_one_check_in(
    store: Store, clock: ManualClock, ada: Person
) -> None:
    old_missing = store.history(ada.id).open_missing[0]
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Rested")
        await pilot.press("tab", "4", "tab")
        await type_text(pilot, "Export\nRetro")
        await pilot.press("tab")
        await type_text(pilot, "No budget")
        await pilot.press("tab", "space", "tab")  # resolve the staging logs item
        await type_text(pilot, "I own QA")
        await pilot.press("tab")
        await type_text(pilot, "tools: laptop by fri\n[training] TDD due 2026-12-10")
        await pilot.press("tab")
        await type_text(pilot, "tue 14:30")
        await pilot.press("tab")
        await type_text(pilot, "QA")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert not isinstance(app.screen, CheckInScreen)
        [saved] = app.results
        assert isinstance(saved, CheckIn)

    history = Store.open(store.path, clock=clock).history(ada.id)
    checkin = next(c for c in history.checkins if c.id == saved.id)
    assert checkin.at == clock()
    assert (checkin.mood, checkin.how_they_are) == (4, "Rested")
    assert checkin.their_words == "I own QA"
    assert checkin.no_follow_up is False
    notes = [(n.kind, n.text) for n in history.notes if n.checkin_id == checkin.id]
    assert notes == [
        (NoteKind.PROGRESS, "Export"),
        (NoteKind.PROGRESS, "Retro"),
        (NoteKind.MISSING, "No budget"),
    ]
    promises = [
        (c.text, c.category, c.due) for c in history.commitments if c.checkin_id == checkin.id
    ]
    assert promises == [
        ("laptop", Category.TOOLS, Date(2026, 11, 27)),
        ("TDD", Category.TRAINING, Date(2026, 12, 10)),
    ]
    [followup] = [f for f in history.followups if f.checkin_id == checkin.id]
    assert followup.at == pendulum.datetime(2026, 11, 24, 14, 30, tz="Europe/Berlin")
    assert followup.topic == "QA"
    assert followup.status is FollowUpStatus.PLANNED
    resolved = next(n for n in history.notes if n.id == old_missing.id)
    assert resolved.resolved_at == clock()
    assert [n.text for n in history.open_missing] == ["No budget"]
    assert store.load_draft(ada.id) is None


async def test_saving_without_a_follow_up_is_refused(store: Store, clock, ada: Person) -> None:
    before = len(store.history(ada.id).checkins)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Fine")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, CheckInScreen)
        assert app.focused is form(app).query_one("#follow-up")
        assert any("next follow-up" in m and "none" in m for m in app.messages)
        assert "none" in text_of(app, "#follow-up-preview")
        assert form(app).query_one("#follow-up-field").has_class("-refused")
        assert app.results == []
        assert form(app).query_one("#how-they-are", TextArea).text == "Fine"
    assert len(Store.open(store.path).history(ada.id).checkins) == before


async def test_an_unreadable_follow_up_is_refused_with_its_reason(
    store: Store, clock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus(pilot, "#follow-up")
        await type_text(pilot, "someday")
        await focus(pilot, "#how-they-are")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is form(app).query_one("#follow-up")
        assert any("someday" in m for m in app.messages)
        assert app.results == []


async def test_none_is_a_conscious_choice_of_no_follow_up(
    store: Store, clock, team: dict[str, Person]
) -> None:
    sam = team["sam"]
    app = Host(store, clock, sam.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Busy but fine")
        await focus(pilot, "#follow-up")
        await type_text(pilot, "none")
        assert "No follow-up" in text_of(app, "#follow-up-preview")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = app.results
    assert saved is not None and saved.no_follow_up is True
    history = store.history(sam.id)
    assert [c.how_they_are for c in history.checkins] == ["Busy but fine"]
    assert history.followups == []


async def test_the_follow_up_says_what_it_understood_while_typing(
    store: Store, clock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Type a day" in text_of(app, "#follow-up-preview")
        await focus(pilot, "#follow-up")
        await type_text(pilot, "tue")
        assert text_of(app, "#follow-up-preview") == "✓ Tue 24 Nov, tomorrow"
        await type_text(pilot, " 14:30")
        assert text_of(app, "#follow-up-preview") == "✓ Tue 24 Nov 14:30, tomorrow"
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "9")
        assert "can't read" in text_of(app, "#follow-up-preview")
        form(app).query_one("#follow-up", Input).value = "2026-12-01 14:30"
        await pilot.pause()
        assert text_of(app, "#follow-up-preview") == "✓ Tue 1 Dec 14:30, in 8 days"


async def test_help_lines_are_read_back_under_the_field(store: Store, clock, ada: Person) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await focus(pilot, "#help")
        await type_text(pilot, "tools: laptop by fri\nhug due x")
        preview = text_of(app, "#help-preview").splitlines()
        assert preview[0] == "→ tools · laptop · due Fri 27 Nov, in 4 days"
        assert preview[1].startswith("→ other · hug due x · no due date")


async def test_the_mood_picker_takes_digits_arrows_and_zero(
    store: Store, clock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picker = form(app).query_one(MoodPicker)
        await pilot.press("tab", "2")
        assert picker.mood == 2
        await pilot.press("right", "right", "right", "right")
        assert picker.mood == 5
        await pilot.press("0")
        assert picker.mood is None
        await pilot.press("left")  # from none, an arrow starts in the middle
        assert picker.mood == 3
        await pilot.press("left")
        assert picker.mood == 2
        assert "low" in str(picker.render())


# -- drafts --------------------------------------------------------------------------------------


async def test_the_draft_is_kept_about_a_second_behind_typing(
    store: Store, clock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ok")
        assert store.load_draft(ada.id) is None  # not on every keystroke

        def draft_says(text: str) -> bool:
            draft = store.load_draft(ada.id)
            return draft is not None and draft["how_they_are"] == text

        await wait_until(pilot, lambda: draft_says("Ok"), "the draft on disk", deadline=5)
        await type_text(pilot, "!")
        await wait_until(pilot, lambda: draft_says("Ok!"), "the newer draft", deadline=5)


async def test_leaving_keeps_the_draft_and_reopening_restores_it(
    store: Store, clock: ManualClock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Tired")
        await pilot.press("tab", "2", "tab")
        await type_text(pilot, "Fixed CI")
        await pilot.press("tab", "tab", "space")
        await focus(pilot, "#help")
        await type_text(pilot, "safety: desk")
        await focus(pilot, "#follow-up")
        # The last change happens at 09:42, whether the timer or leaving writes it.
        clock.advance(minutes=12)
        await type_text(pilot, "fri")
        await pilot.press("escape")  # at once: no waiting for the timer
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, CheckInScreen)
        draft = store.load_draft(ada.id)
        assert draft is not None and draft["how_they_are"] == "Tired"

        app.open_form()
        await pilot.pause()
        screen = form(app)
        fields = screen.fields()
        assert fields.how_they_are == "Tired"
        assert fields.mood == 2
        assert fields.progress == "Fixed CI"
        assert fields.help == "safety: desk"
        assert fields.follow_up == "fri"
        assert fields.resolved == [store.history(ada.id).open_missing[0].id]
        assert screen.query_one("#resolve-missing", SelectionList).selected == fields.resolved
        assert text_of(app, "#checkin-status").startswith("Draft restored from 09:42")
        assert "Fri 27 Nov" in text_of(app, "#follow-up-preview")


async def test_a_crash_loses_nothing(
    store_path: Path, clock: ManualClock, ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CheckInScreen, "draft_delay", 0.05)
    first = Host(Store.open(store_path, clock=clock), clock, ada.id)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Worried")

        def on_disk() -> dict[str, object] | None:
            # What a process that died right now would leave behind:
            return Store.open(store_path, clock=clock).load_draft(ada.id)

        # A slow machine may save a draft between two keys: wait for the one with every key.
        def whole_on_disk() -> bool:
            draft = on_disk()
            return draft is not None and draft["how_they_are"] == "Worried"

        await wait_until(pilot, whole_on_disk, "the whole draft on disk")

    second = Host(Store.open(store_path, clock=clock), clock, ada.id)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        area = form(second).query_one("#how-they-are", TextArea)
        assert area.text == "Worried"
        assert "Draft restored" in text_of(second, "#checkin-status")


async def test_closing_the_app_with_the_form_open_keeps_the_typing(
    store: Store, clock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Closing")
        await pilot.pause()
    draft = Store.open(store.path).load_draft(ada.id)
    assert draft is not None and draft["how_they_are"] == "Closing"


async def test_discarding_asks_then_removes_the_draft(store: Store, clock, ada: Person) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Start again")
        form(app).save_draft()
        assert store.load_draft(ada.id) is not None

        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert store.load_draft(ada.id) is not None
        assert form(app).query_one("#how-they-are", TextArea).text == "Start again"

        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.load_draft(ada.id) is None
        assert form(app).fields().is_blank
        assert text_of(app, "#checkin-status") == "Draft discarded: a fresh start."
        # Clearing the fields does not bring it back: what the draft timer would do, at once.
        assert form(app).save_draft()
        assert store.load_draft(ada.id) is None


async def test_a_failed_save_keeps_every_typed_character(
    store: Store, clock, ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise StoreWriteFailed(store.path, OSError(28, "No space left on device"))

    monkeypatch.setattr(store, "save_checkin", disk_full)
    before = len(store.history(ada.id).checkins)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Ok [sic]")
        await focus(pilot, "#follow-up")
        await type_text(pilot, "fri")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        assert any("No space left on device" in m for m in app.messages)
        fields = form(app).fields()
        assert (fields.how_they_are, fields.follow_up) == ("Ok [sic]", "fri")
        assert app.results == []
        # The draft still got kept, so even closing now loses nothing.
        assert store.load_draft(ada.id)["how_they_are"] == "Ok [sic]"
    assert len(Store.open(store.path).history(ada.id).checkins) == before


async def test_a_failed_draft_save_says_so_and_keeps_the_form(
    store: Store, clock, ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise StoreWriteFailed(store.path, OSError(28, "No space left on device"))

    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        monkeypatch.setattr(store, "save_draft", disk_full)
        await type_text(pilot, "Still here")
        assert form(app).save_draft() is False
        assert sum("No space left on device" in m for m in app.messages) == 1
        assert "still here" in text_of(app, "#checkin-status")

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # leaving would lose the text
        assert form(app).query_one("#how-they-are", TextArea).text == "Still here"

        monkeypatch.undo()
        assert form(app).save_draft() is True
        assert text_of(app, "#checkin-status") == "The draft is saved again."
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
    assert store.load_draft(ada.id)["how_they_are"] == "Still here"


async def test_escape_twice_leaves_even_when_the_draft_cannot_be_kept(
    store: Store, clock, ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(*args: object, **kwargs: object) -> None:
        raise StoreWriteFailed(store.path, OSError(5, "Input/output error"))

    monkeypatch.setattr(store, "save_draft", locked)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "x")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_reload_brings_in_what_another_process_wrote(
    store: Store, clock: ManualClock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Half")
        other = Store.open(store.path, clock=clock)
        other.add_note(Note(ada.id, NoteKind.MISSING, "A quiet room for calls", clock()))
        form(app).reload()
        await pilot.pause()
        assert "A quiet room for calls" in text_of(app, "#header-missing")
        picker = form(app).query_one("#resolve-missing", SelectionList)
        assert picker.option_count == 2
        assert form(app).query_one("#how-they-are", TextArea).text == "Half"


async def test_the_form_scrolls_at_80_by_24(store: Store, clock, ada: Person) -> None:
    app = Host(store, clock, ada.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = form(app)
        assert screen.has_class("-narrow")
        first = screen.query_one("#how-they-are")
        body = screen.query_one("#checkin-form").region
        assert body.contains_region(first.region)
        await focus(pilot, "#follow-up")
        await pilot.pause(0.3)  # let the scroll animation finish
        assert screen.query_one("#checkin-form").region.contains_region(
            screen.query_one("#follow-up").region
        )


async def test_the_privacy_mask_veils_the_header_but_not_the_name(
    store: Store, clock, ada: Person
) -> None:
    app = Host(store, clock, ada.id)
    app.privacy_mask = True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#header-name") == f"Check-in with Ada Lovelace · {MASK}"
        for part in ("#header-matters", "#header-last", "#header-missing", "#header-commitments"):
            assert MASK in text_of(app, part)
        assert "staging" not in text_of(app, "#header-missing")
        picker = form(app).query_one("#resolve-missing", SelectionList)
        assert str(picker.get_option_at_index(0).prompt) == MASK

        app.privacy_mask = False
        await pilot.pause()
        assert "Her daughter's first school year" in text_of(app, "#header-matters")
        assert "staging" in str(picker.get_option_at_index(0).prompt)
