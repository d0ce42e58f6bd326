"""A paste holding escape codes, from the terminal's bytes to the check-in form (Pilot).

Pilot's headless driver has no terminal parser, so this test does what the Linux driver does
with each read: feeds the bytes to Textual's XTermParser (with the guard the app installs in
front of it) and hands each message it gives to the app. The tmux test does the same through a
real terminal; this one shows the fields at once, in a second.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.widgets import TextArea

from kindcheck.app import KindcheckApp
from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from tests.functional.bursts import burst
from tests.functional.conftest import SIZE

AppFactory = Callable[[], KindcheckApp]
WIRE = BRACKETED_PASTE_START + "line one\r\nline two\x1b[31m\ttab" + BRACKETED_PASTE_END


def from_the_terminal(wire: str, reads: list[int]) -> list[events.Key | events.Paste]:
    """What the parser makes of `wire` read in pieces cut at `reads`."""
    parser = XTermParser()
    cuts = [0, *reads, len(wire)]
    messages = [m for a, b in pairwise(cuts) for m in parser.feed(wire[a:b])]
    return [m for m in messages if isinstance(m, (events.Key, events.Paste))]


async def test_a_paste_with_codes_lands_whole_in_progress(
    make_app: AppFactory, team: dict[str, Person]
) -> None:
    app = make_app()  # installs the guard
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Split inside the colour code and inside the end marker, as two reads may.
        pasted = from_the_terminal(WIRE, [len(WIRE) - 12, len(WIRE) - 3])
        await burst(pilot, "c", "Fine", "<tab>", "<tab>", *pasted)
        assert isinstance(app.screen, CheckInScreen)
        assert app.screen.query_one("#progress", TextArea).text == "line one\nline two\ttab"
        assert app.screen.query_one("#missing", TextArea).text == ""
        assert app.screen.focused is app.screen.query_one("#progress", TextArea)
