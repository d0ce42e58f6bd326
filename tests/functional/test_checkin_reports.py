"""A manager's check-in: "How are your people doing?", kept as notes heard through them."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.dashboard import DashboardScreen
from kindcheck.store.errors import StoreWriteFailed
from kindcheck.store.store import Store
from kindcheck.widgets.privacy import MASK
from kindcheck.widgets.reports_section import ReportsSection, line_id
from tests.functional.bursts import burst, paste
from tests.functional.harness import wait_until
from tests.store_state import digest

SIZE = (120, 34)


class Host(KindcheckApp):
    """The real App with one person's check-in form opened over the dashboard."""

    def __init__(self, store: Store, clock: ManualClock, person_id: str) -> None:
        super().__init__(store, clock, poll_seconds=0, cursor_blink=False)
        self.person_id = person_id
        self.results: list[CheckIn | None] = []
        self.messages: list[str] = []

    def on_mount(self) -> None:
        self.call_later(self.open_form)

    def open_form(self) -> None:
        self.push_screen(CheckInScreen(self.store, self.clock, self.person_id), self.results.append)

    def notify(self, message: str, **kwargs: Any) -> None:
        self.messages.append(str(message))
        super().notify(message, **kwargs)


@pytest.fixture
def org(store: Store) -> dict[str, Person]:
    grace = store.add_person(Person("Grace Hopper", role="Engineering manager", id="grace"))
    sam = store.add_person(Person("Sam Okafor", role="Engineer", manager_id="grace", id="sam"))
    lee = store.add_person(Person("Lee [b]Chen[/b]", manager_id="grace", id="lee"))
    ada = store.add_person(Person("Ada Lovelace", id="ada"))
    return {"grace": grace, "sam": sam, "lee": lee, "ada": ada}


def line(app: KindcheckApp, person_id: str) -> Input:
    return app.screen.query_one(f"#{line_id(person_id)}", Input)


async def opened(pilot: Pilot[object]) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CheckInScreen)
                     and pilot.app.screen.is_mounted, "the form opened")
    await pilot.pause()


async def test_the_section_lists_a_managers_people_literally(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        section = app.screen.query_one(ReportsSection)
        names = [str(s.render()) for s in section.query(".report-name").results(Static)]
        assert names == ["Lee [b]Chen[/b]", "Sam Okafor"]
        assert section.report_ids == ["lee", "sam"]
        assert "How are your people doing?" in str(section.query_one(".field-label").render())


@pytest.mark.parametrize("who", ["sam", "ada"])
async def test_no_section_for_someone_who_manages_nobody(
    store: Store, clock: ManualClock, org: dict[str, Person], who: str
) -> None:
    app = Host(store, clock, who)
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert not app.screen.query(ReportsSection)


async def test_lines_are_saved_as_notes_heard_through_the_manager(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        line(app, "sam").focus()
        await burst(pilot, "Stretched thin since the launch")
        app.screen.query_one("#follow-up", Input).focus()
        await burst(pilot, "none", "<ctrl+s>")
        await wait_until(pilot, lambda: app.results != [], "the form closed")
    [note] = store.history("sam").notes
    assert (note.text, note.kind, note.heard_from) == (
        "Stretched thin since the launch", NoteKind.PROGRESS, "grace"
    )
    assert store.history("lee").notes == []  # an empty line saves nothing
    grace = store.history("grace")
    assert len(grace.checkins) == 1 and grace.notes == []
    assert store.load_draft("grace") is None


async def test_the_report_sees_it_in_their_history_and_next_header(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        line(app, "sam").focus()
        await burst(pilot, "Proud of the on-call fix")
        app.screen.query_one("#follow-up", Input).focus()
        await burst(pilot, "none", "<ctrl+s>")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen), "dashboard")
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        dashboard.select_person("sam")
        await pilot.pause()
        progress = dashboard.query_one("#progress", OptionList)
        rows = [str(progress.get_option_at_index(i).prompt) for i in range(progress.option_count)]
        assert any("via Grace Hopper: Proud of the on-call fix" in row for row in rows)

    later = Host(store, clock, "sam")
    async with later.run_test(size=SIZE) as pilot:
        await opened(pilot)
        heard = str(later.screen.query_one("#header-heard", Static).render())
        assert "Heard via Grace Hopper on Mon: Proud of the on-call fix" in heard


async def test_a_paste_into_a_line_is_cleaned(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        line(app, "sam").focus()
        await burst(pilot, paste("\x1b[31mTired\x1b[0m but fine\x07\r\nsecond line"))
        # Colour codes and control characters dropped, as in every field; the second line
        # joins the first instead of being lost.
        assert line(app, "sam").value == "Tired but fine second line"


async def test_the_draft_keeps_the_lines(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        line(app, "lee").focus()
        await burst(pilot, "Settling in well", "<escape>")
        await wait_until(pilot, lambda: app.results == [None], "the form left")
    draft = store.load_draft("grace")
    assert draft is not None and draft["reports"] == {"lee": "Settling in well"}
    again = Host(store, clock, "grace")
    async with again.run_test(size=SIZE) as pilot:
        await opened(pilot)
        assert line(again, "lee").value == "Settling in well"
        assert line(again, "sam").value == ""


async def test_a_line_that_cannot_be_kept_is_named_and_waits_in_the_draft(
    store: Store, clock: ManualClock, org: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_add_note = store.add_note

    def sams_file_fails(note: Any) -> Any:
        if note.person_id == "sam":
            raise StoreWriteFailed(store.path, OSError(28, "No space left on device"))
        return real_add_note(note)

    monkeypatch.setattr(store, "add_note", sams_file_fails)
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        line(app, "lee").focus()
        await burst(pilot, "Settling in", "<tab>", "Tired")
        app.screen.query_one("#follow-up", Input).focus()
        await burst(pilot, "none", "<ctrl+s>")
        await wait_until(pilot, lambda: app.results != [], "the form closed")
    assert len(store.history("grace").checkins) == 1  # the manager's check-in came first
    assert [n.text for n in store.history("lee").notes] == ["Settling in"]
    assert store.history("sam").notes == []
    assert any("lines about Sam Okafor were not kept" in m for m in app.messages)
    draft = store.load_draft("grace")
    assert draft is not None and draft["reports"] == {"sam": "Tired"}


async def test_a_line_too_odd_to_keep_saves_nothing_at_all(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        before = digest(store.path.parent)
        line(app, "sam").value = "x" * 25_000  # far past the note's length rule
        app.screen.query_one("#follow-up", Input).value = "none"
        app.screen.action_save()
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)  # still open, the text still there
        assert digest(store.path.parent) == before
        assert any("too long" in m or "long" in m for m in app.messages)


async def test_a_burst_through_the_whole_form_lands_field_by_field(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await burst(
            pilot,
            "Busy but upbeat", "<tab>",
            "4", "<tab>",
            "Settling in well", "<tab>",   # Lee Chen, first by name
            "Stretched thin", "<tab>",     # Sam Okafor
            "Hiring plan agreed", "<tab>",
            "A second on-call person", "<tab>",
            "I will pair them up", "<tab>",
            "training: on-call course", "<tab>",
            "fri 10:00", "<tab>",
            "On-call",
            "<ctrl+s>",
        )  # fmt: skip
        await wait_until(pilot, lambda: app.results != [], "the form closed")
    grace = store.history("grace")
    [checkin] = grace.checkins
    assert (checkin.how_they_are, checkin.mood, checkin.their_words) == (
        "Busy but upbeat", 4, "I will pair them up"
    )
    assert sorted(n.text for n in grace.notes) == ["A second on-call person", "Hiring plan agreed"]
    assert [c.text for c in grace.commitments] == ["on-call course"]
    assert [(n.text, n.heard_from) for n in store.history("lee").notes] == [
        ("Settling in well", "grace")
    ]
    assert [(n.text, n.heard_from) for n in store.history("sam").notes] == [
        ("Stretched thin", "grace")
    ]


async def test_letters_typed_on_the_mood_go_on_to_the_first_persons_line(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    app = Host(store, clock, "grace")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        await burst(pilot, "Fine", "<tab>", "Lee is fine", "<tab>", "Sam too")
        assert line(app, "lee").value == "Lee is fine"
        assert line(app, "sam").value == "Sam too"


async def test_the_privacy_mask_veils_what_was_heard(
    store: Store, clock: ManualClock, org: dict[str, Person]
) -> None:
    store.add_note(Note("sam", NoteKind.PROGRESS, "Worried about the move", clock(),
                        heard_from="grace"))
    app = Host(store, clock, "sam")
    async with app.run_test(size=SIZE) as pilot:
        await opened(pilot)
        header = app.screen.query_one("#header-heard", Static)
        assert "Worried about the move" in str(header.render())
        app.privacy_mask = True
        await wait_until(pilot, lambda: MASK in str(header.render()), "the mask")
        said = str(header.render())
        assert "Worried" not in said and "Heard via Grace Hopper" in said
