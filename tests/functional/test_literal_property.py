"""Property: whatever text a store holds (markup, control characters, combining marks,
right-to-left, emoji, very long), the dashboard, the check-in header, the calendar and search
show it as written, after `printable`, and nothing in it reaches the terminal as a control.

The records are written as an older store could hold them (`stored_records`), since the
rules for new input refuse much of this text at the door, and the screens must cope anyway.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.coordinate import Coordinate
from textual.widgets import OptionList, Static

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import (
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    ValidationError,
    stored_records,
)
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.screens.search import SearchScreen
from kindcheck.store.store import Store
from kindcheck.widgets.cut import HEADER_NAME_CELLS, NAME_CELLS, cut
from kindcheck.widgets.literal import shown
from kindcheck.widgets.progress_missing import ProgressMissing
from kindcheck.widgets.roster import Roster
from tests.conftest import NOW
from tests.functional.conftest import SIZE, settle, wait_until
from tests.functional.test_literal_text import controls_on_screen

PIECES = (
    "[/]", "[b]", "[/b]", "[@click=app.quit]", "[link=x]", "[$accent]", "\\[", "[", "]", "$x",
    "\x1b]52;c;aGk=\x07", "\x1b[2J", "\x07", "\x9b", "\u202e", "\u2067", "\r", "\n", "\t",
    "e\u0301", "\u0308", "שלום", "مرحبا", "👩‍💻", "🙂", "李", "Zoë", " ", "word",
)
fragments = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), min_size=1, max_size=6)
texts = st.one_of(
    fragments.map("".join),
    st.tuples(fragments.map("".join), st.integers(20, 200)).map(lambda p: p[0] * p[1]),
)
# Search needs a word to find; appended, so the generated text is all the note holds besides.
FIND = "zqxfind"


def plain(widget: Static) -> str:
    return widget.render().plain  # type: ignore[union-attr]


def fill(store: Store, name: str, text: str) -> Person:
    """One person whose every text is `text` (their name is `name`), written as stored."""
    with stored_records():
        person = store.add_person(Person(name, role=text, what_matters=text))
        last = NOW.subtract(days=9)
        checkin = CheckIn(person.id, last, 3, text)
        store.save_checkin(
            checkin,
            notes=[Note(person.id, NoteKind.MISSING, f"{text} {FIND}", last, checkin.id)],
            commitments=[Commitment(person.id, text, last, Category.TOOLS, due=NOW.date(),
                                    checkin_id=checkin.id)],
            followup=FollowUp(person.id, NOW.replace(hour=14, minute=0), text,
                              checkin_id=checkin.id),
        )
    return store.person(person.id)


async def shows_literally(folder: Path, name: str, text: str) -> None:
    clock = ManualClock(NOW)
    store = Store.open(folder / "kindcheck.json", clock=clock)
    try:
        person = fill(store, name, text)
    except ValidationError:
        return  # even an old store could not hold it (an empty name, say)
    name, history = person.name, store.history(person.id)
    topic = history.followups[0].topic
    app = KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        roster = app.screen.query_one(Roster)
        # Shown as written, a long one cut with "…" so the other columns keep their room.
        assert roster.get_cell_at(Coordinate(0, 0)).plain == cut(name, NAME_CELLS)
        # The title as drawn: the public getter gives it back as markup, and Textual's markup
        # of "[$accent]" does not read back as written. Its border may cut it anywhere.
        title = app.screen.query_one(ProgressMissing)._border_title
        assert title is not None and shown(name, one_line=True)[:4] in title.plain
        assert controls_on_screen(app) == []

        await pilot.press("c")
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen))
        await settle(pilot)
        header = plain(app.screen.query_one("#header-name", Static))
        assert cut(name, HEADER_NAME_CELLS) in header
        assert shown(person.what_matters.strip()) in plain(
            app.screen.query_one("#header-matters", Static)
        )
        assert controls_on_screen(app) == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CheckInScreen))

        await pilot.press("w")
        await wait_until(pilot, lambda: isinstance(app.screen, CalendarScreen))
        await settle(pilot)
        detail = plain(app.screen.query_one("#calendar-detail", Static))
        assert shown(name, one_line=True) in detail
        assert shown(topic, one_line=True) in detail
        assert controls_on_screen(app) == []
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, CalendarScreen))

        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await pilot.press(*FIND)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await wait_until(pilot, lambda: bool(search.result.hits))
        await settle(pilot)
        prompt = search.query_one("#search-results", OptionList).get_option_at_index(0).prompt
        assert str(prompt).startswith(shown(name, one_line=True))
        assert FIND in str(prompt)
        assert controls_on_screen(app) == []


@pytest.mark.slow  # fifteen runs of the whole App: about half a minute
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=texts, text=texts)
def test_any_stored_text_shows_as_written_on_every_main_screen(name: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(shows_literally(Path(folder), name, text))
