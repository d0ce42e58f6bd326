"""The dashboard's first frame imports only what it shows.

Start-up is mostly imports: each screen, dialog or helper the first frame does not draw is
imported when it is first opened (or, for Today and search, once the team is on screen).
These tests run a fresh Python, so what earlier tests imported cannot hide a module that has
crept back into the start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from textual.widgets import TextArea

from kindcheck.domain.model import Person
from kindcheck.store.store import Store

# Not needed to draw the team: each is imported when its screen opens, or after the first frame.
NOT_IN_THE_FIRST_FRAME = (
    "kindcheck.screens.checkin",
    "kindcheck.screens.calendar",
    "kindcheck.screens.insights",
    "kindcheck.screens.search",
    "kindcheck.screens.help",
    "kindcheck.dialogs.person_editor",
    "kindcheck.dialogs.quick_note",
    "kindcheck.dialogs.confirm",
    "kindcheck.commands",  # the command palette's entries
    "kindcheck.demo",  # the sample team, loaded from the welcome or `kindcheck demo`
    "kindcheck.store.search_index",
    "kindcheck.domain.search",
    "kindcheck.domain.agenda",  # Today is filled once the team is on screen
    "textual.widgets._text_area",  # only the forms have one
)

# Runs the real App headless and notes what was imported when the dashboard is told its first
# frame is on screen (before it fills in Today and the selected person's notes).
PROBE = textwrap.dedent(
    """
    import asyncio, json, sys
    from kindcheck.app import KindcheckApp
    from kindcheck.screens.dashboard import DashboardScreen
    from kindcheck.store.store import Store

    seen = {}
    shown = DashboardScreen.first_frame_shown

    def first_frame_shown(self):
        seen["modules"] = sorted(sys.modules)
        seen["names"] = len(self.roster.person_ids)
        shown(self)

    DashboardScreen.first_frame_shown = first_frame_shown

    async def run():
        app = KindcheckApp(Store.open(sys.argv[1]), poll_seconds=0, cursor_blink=False)
        async with app.run_test(size=(120, 34)) as pilot:
            for _ in range(200):
                if "modules" in seen:
                    break
                await pilot.pause(0.01)

    asyncio.run(run())
    print(json.dumps(seen))
    """
)


def _first_frame(store_path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(store_path)],
        capture_output=True, text=True, timeout=120, env=dict(os.environ),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert "modules" in seen, "the dashboard never said its first frame was shown"
    return seen


def test_the_first_frame_imports_no_screen_or_helper_it_does_not_show(
    store: Store, store_path: Path
) -> None:
    store.add_person(Person("Ada Lovelace", role="Engineer"))
    store.add_person(Person("Grace Hopper", role="Admiral"))
    seen = _first_frame(store_path)
    assert seen["names"] == 2  # the team is what the first frame shows
    modules = set(seen["modules"])  # type: ignore[arg-type]
    imported = [name for name in NOT_IN_THE_FIRST_FRAME if name in modules]
    assert imported == [], f"imported before the first frame: {imported}"


def test_the_text_area_module_is_where_key_order_looks_for_it() -> None:
    # kindcheck.key_order finds TextArea through sys.modules under this name, so that the
    # dashboard never imports it; if Textual moves it, typing into notes must fail here.
    assert TextArea.__module__ == "textual.widgets._text_area"
