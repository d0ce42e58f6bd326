"""The week view with the leader's meetings as busy blocks, in the real App at 120x34 (fixed
clock, shared team): a meeting before and after Ada's 14:00 follow-up on Monday, a weekly
one on Wednesday, a long one on Friday next to Mika's follow-up; then under the mask."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.app import KindcheckApp
from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.calendar import CalendarScreen
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from tests.snapshots.real_app import SIZE, Snap, open_screen


def meeting(uid: str, summary: str, start: str, end: str, *extra: str) -> str:
    lines = "".join(f"{line}\r\n" for line in extra)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//snapshot//EN\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:{summary}\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{end}\r\n"
        f"{lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    for name, text in {
        "budget.ics": meeting("b", "Budget review", "20261123T110000", "20261123T120000"),
        "kim.ics": meeting("k", "1:1 with Kim", "20261123T150000", "20261123T153000"),
        "plan.ics": meeting("p", "Sprint planning", "20261104T090000", "20261104T100000",
                            "RRULE:FREQ=WEEKLY"),
        "offsite.ics": meeting("o", "Roadmap offsite", "20261127T130000", "20261127T170000"),
    }.items():
        (folder / name).write_text(text, newline="")
    return folder


def app_with(store: Store, clock: ManualClock, work: Path) -> KindcheckApp:
    settings = Settings(calendar=CalendarSettings(read=(work,)))
    return KindcheckApp(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)


def test_week_view_with_busy_times(snap_compare: Snap, store: Store, team: dict[str, Person],
                                   clock: ManualClock, work: Path) -> None:
    opened = open_screen(CalendarScreen, "w")
    assert snap_compare(app_with(store, clock, work), terminal_size=SIZE, run_before=opened)


def test_week_view_with_busy_times_masked(snap_compare: Snap, store: Store,
                                          team: dict[str, Person], clock: ManualClock,
                                          work: Path) -> None:
    opened = open_screen(CalendarScreen, "w", then=("p",))
    assert snap_compare(app_with(store, clock, work), terminal_size=SIZE, run_before=opened)
