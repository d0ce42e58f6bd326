"""Colours that mean something (overdue, due, done, a signal) follow the theme."""

from __future__ import annotations

import re
from pathlib import Path

from rich.color import Color
from rich.text import Text

import kindcheck
from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.widgets.roster import Roster

SIZE = (120, 34)
UI = Path(kindcheck.__file__).parent
FIXED = re.compile(r"""["'][^"']*\b(red|yellow|green|magenta|blue|cyan)\b[^"']*["']""")


def test_no_fixed_colour_names_in_widgets_screens_or_dialogs() -> None:
    offenders = [
        f"{path.relative_to(UI)}:{number}: {line.strip()}"
        for folder in ("widgets", "screens", "dialogs")
        for path in (UI / folder).glob("*.*")
        if path.suffix in {".py", ".tcss"} and path.name != "tones.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FIXED.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


async def test_an_overdue_person_is_marked_in_the_themes_error_colour(
    store: Store, clock: ManualClock, team: dict[str, Person]
) -> None:
    for theme in ("textual-light", "textual-dark"):
        app = KindcheckApp(
            store, clock, poll_seconds=0, cursor_blink=False, settings=Settings(theme=theme)
        )
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            roster = app.screen.query_one(Roster)
            expected = Color.parse(app.theme_variables["text-error"])
            cadences = [roster.get_row(pid)[-1] for pid in roster.person_ids]
            overdue = [c for c in cadences if isinstance(c, Text) and "overdue" in c.plain]
            assert overdue, "the test team has someone overdue"
            colours = {span.style.color for span in overdue[0].spans if span.style.color}
            assert colours == {expected}, theme
