"""What Pilot tests share: the real App that keeps its notifications, the screen as text, waits
with a deadline, and "open the app and press ...". Only public Textual API is used here.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot
from textual.screen import Screen

from kindcheck.app import KindcheckApp
from kindcheck.domain.clock import Clock
from kindcheck.settings import Settings
from kindcheck.store.store import Store

SIZE = (120, 34)

# How long a test waits for the app before it fails. Generous: two cores are shared by all.
DEADLINE = 10.0


class KeepsNotices(App[Any]):
    """A test App that keeps every notification it is asked to show, in order.

    Textual hands each one to the app as a `Notify` message; reading them there needs no
    private attribute, and keeps those that have already timed out.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.notices: list[Notification] = []
        super().__init__(*args, **kwargs)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, Notify):
            self.notices.append(message.notification)
        return super().post_message(message)

    def notice_texts(self) -> list[str]:
        """The text of every notification so far."""
        return [str(notice.message) for notice in self.notices]


class NoticingApp(KeepsNotices, KindcheckApp):
    """The real kindcheck App, keeping its notifications for the test to read."""


class OpenedOnto(NoticingApp):
    """The real App on a test store that opens one more screen over the dashboard at start,
    as the dashboard's key for it would. No polling timer, a steady cursor.
    """

    def __init__(
        self,
        store: Store,
        clock: Clock,
        screen: Callable[[KindcheckApp], Screen[Any]],
        settings: Settings | None = None,
    ) -> None:
        super().__init__(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)
        self._first_screen = screen

    def on_mount(self) -> None:
        # Textual runs KindcheckApp.on_mount after this one (handlers run down the MRO):
        # open the screen once that has put the dashboard up.
        self.call_later(lambda: self.push_screen(self._first_screen(self)))


def screen_text(app: App[object]) -> str:
    """Everything the current screen shows, as plain text lines (from the SVG screenshot)."""
    width, height = app.size
    rows: list[list[str]] = [[" "] * width for _ in range(height)]
    for line, x, text in _svg_text_runs(app.export_screenshot()):
        if not 0 <= line < height:
            continue
        column = round(x / _CHAR_WIDTH)
        for char in text:
            if column >= width:
                break
            rows[line][column] = char
            cells = cell_len(char)
            # A wide character fills two cells: the second shows nothing of its own.
            for extra in range(1, cells):
                if column + extra < width:
                    rows[line][column + extra] = ""
            column += max(cells, 1)
    return "\n".join("".join(row) for row in rows)


# Rich draws every cell 0.61 x 20 pixels wide; each run of text is placed at a pixel x.
_CHAR_WIDTH = 20 * 0.61
_TEXT_RUN = re.compile(
    r'<text [^>]*?x="(?P<x>[\d.]+)"[^>]*?clip-path="url\(#[\w-]*?-line-(?P<line>\d+)\)"[^>]*>'
    r"(?P<text>.*?)</text>",
    re.DOTALL,
)


def _svg_text_runs(svg: str) -> list[tuple[int, float, str]]:
    runs = []
    for match in _TEXT_RUN.finditer(svg):
        # Spaces were written as &#160;; a no-break space typed by a user stays itself.
        text = html.unescape(match["text"].replace("&#160;", " "))
        runs.append((int(match["line"]), float(match["x"]), text))
    return runs


async def settle(pilot: Pilot[object]) -> None:
    """Let workers finish and their results reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def wait_until(
    pilot: Pilot[object],
    condition: Callable[[], bool],
    what: str = "the condition",
    deadline: float = DEADLINE,
) -> None:
    """Let the app run in short steps until `condition` holds; fail the test at the deadline."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"{what} never held within {deadline:g} s")
        await pilot.pause(0.02)


@asynccontextmanager
async def opened(
    app: App[object], *keys: str, size: tuple[int, int] = SIZE, notifications: bool = False
) -> AsyncIterator[Pilot[object]]:
    """Run `app`, let its first screen settle, press `keys` and settle again."""
    async with app.run_test(size=size, notifications=notifications) as pilot:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)
        yield pilot
