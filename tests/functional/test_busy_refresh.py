"""Pilot tests: a change to the leader's work calendar shows in the open week view (#13).

vdirsyncer brings a meeting in by writing a temp file and renaming it; an editor may
rewrite a file in place; a meeting deleted elsewhere disappears. Each shows on the app's
own poll, with no key pressed.
"""

from __future__ import annotations

import os
from pathlib import Path

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.widgets.week_view import BusyCard
from tests.functional.harness import NoticingApp, wait_until
from tests.functional.test_planner_busy import SIZE, meeting

POLL_SECONDS = 0.1


class PollingCalendar(NoticingApp):
    """The real App with its poll on (fast), opening the calendar on a work calendar."""

    def __init__(self, store: Store, clock: ManualClock, folder: Path) -> None:
        settings = Settings(calendar=CalendarSettings(read=(folder,)))
        super().__init__(store, clock, poll_seconds=POLL_SECONDS, cursor_blink=False,
                         settings=settings)

    def on_mount(self) -> None:
        self.call_later(lambda: self.push_screen(
            CalendarScreen(self.store, self.clock, self.settings)))


def titles(app: NoticingApp) -> list[str]:
    """The meetings the week view shows, by title."""
    return sorted(card.block.title for card in app.screen.query(BusyCard))


def write_like_vdirsyncer(folder: Path, name: str, text: str) -> None:
    temp = folder / f".{name}.tmp"
    temp.write_text(text, newline="")
    os.replace(temp, folder / name)


def one_meeting(tmp_path: Path) -> Path:
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    (folder / "a.ics").write_text(
        meeting("a", "Hiring loop", "20261124T090000", "20261124T100000"), newline="")
    return folder


async def test_a_meeting_synced_in_shows_without_a_key(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    folder = one_meeting(tmp_path)
    app = PollingCalendar(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: titles(app) == ["Hiring loop"], "the first meeting")
        write_like_vdirsyncer(folder, "b.ics", meeting(
            "b", "Board prep", "20261125T140000", "20261125T150000"))
        await wait_until(pilot, lambda: titles(app) == ["Board prep", "Hiring loop"],
                         "the synced meeting shown")
        (folder / "a.ics").unlink()  # deleted on the phone
        await wait_until(pilot, lambda: titles(app) == ["Board prep"], "the deleted one gone")


async def test_a_meeting_rewritten_in_place_shows_its_new_title(
    store: Store, team: dict[str, Person], clock: ManualClock, tmp_path: Path
) -> None:
    folder = one_meeting(tmp_path)
    app = PollingCalendar(store, clock, folder)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: titles(app) == ["Hiring loop"], "the first meeting")
        folder_mtime = folder.stat().st_mtime_ns
        with (folder / "a.ics").open("w", newline="") as file:  # as an editor saving in place
            file.write(meeting("a", "Hiring loop, final round", "20261124T090000",
                               "20261124T100000"))
        assert folder.stat().st_mtime_ns == folder_mtime  # only the file's own mtime moved
        await wait_until(pilot, lambda: titles(app) == ["Hiring loop, final round"],
                         "the new title shown")
