"""A closed App lets go of itself and its store: nothing module-wide keeps them.

Once two tables beside the stores (calendar links, draft writers) kept every store alive
through a value that held it (the writer its store; the link its warning, the App). In a
command that is one App; in the test suite it was every App of every test, and the suite
slowed as the heap grew.
"""

from __future__ import annotations

import asyncio
import gc
import weakref
from pathlib import Path

from kindcheck.domain.clock import ManualClock
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.store import Store
from kindcheck.vdir.link import CalendarLink, link_for
from tests.conftest import NOW, build_small_team
from tests.functional.harness import NoticingApp, settle, wait_until


async def _run_and_close(path: Path) -> tuple[weakref.ref[NoticingApp], weakref.ref[Store]]:
    clock = ManualClock(NOW)
    store = Store.open(path, clock=clock)
    build_small_team(store)
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # a form, a draft writer, the calendar's hook
        await wait_until(pilot, lambda: isinstance(app.screen, CheckInScreen), "the form")
        await pilot.press("escape")
        await settle(pilot)
    return weakref.ref(app), weakref.ref(store)


def test_a_closed_app_and_its_store_are_freed(tmp_path: Path) -> None:
    # In an event loop of its own, as a command runs it: Textual marks the running App in
    # the task's context, and the loop's threads keep the App's capture of stderr.
    app, store = asyncio.run(_run_and_close(tmp_path / "kindcheck.json"))
    gc.collect()
    assert app() is None, "something still holds the closed App"
    assert store() is None, "something still holds the closed App's store"


def test_the_calendar_link_lives_on_its_store(tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    store = Store.open(tmp_path / "kindcheck.json", clock=clock)
    link = link_for(store, clock)
    said: list[str] = []
    assert link_for(store, clock, said.append) is link  # one link per store, warning updated
    assert link.warn == said.append
    assert store.companion(CalendarLink, lambda: None) is link  # type: ignore[arg-type, return-value]
    gone = weakref.ref(store)
    del store, link
    gc.collect()
    assert gone() is None
