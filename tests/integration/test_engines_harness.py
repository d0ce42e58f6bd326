"""The engines on their own, with an event written by hand: proves the harness (Radicale
answers, the vdirsyncer pair goes both ways, khal reads the vdir) apart from kindcheck's code."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import caldav
import icalendar
import pytest

from tests.integration.engines import Vdirsyncer, khal_list

BERLIN = ZoneInfo("Europe/Berlin")
UID = "kindcheck-handmade1@kindcheck"
HANDMADE = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//kindcheck tests//handmade//EN
BEGIN:VEVENT
UID:kindcheck-handmade1@kindcheck
DTSTAMP:20261123T083000Z
DTSTART;TZID=Europe/Berlin:20261127T100000
DTEND;TZID=Europe/Berlin:20261127T103000
SUMMARY:Check-in with Ada
SEQUENCE:0
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:Check-in with Ada
TRIGGER:-PT10M
END:VALARM
END:VEVENT
END:VCALENDAR
"""


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


@pytest.mark.slow
def test_an_event_written_into_the_vdir_reaches_the_server(
    vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    (vdir / f"{UID}.ics").write_bytes(crlf(HANDMADE))
    assert "kindcheck-handmade1@kindcheck" in vdirsyncer.sync()
    event = server_calendar.event_by_uid(UID).icalendar_component
    assert str(event["summary"]) == "Check-in with Ada"
    assert event["dtstart"].dt == datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)
    [alarm] = event.walk("VALARM")
    assert alarm["trigger"].dt == timedelta(minutes=-10)


def uids_in(folder: Path) -> list[str]:
    """The UIDs of the events in a vdir folder."""
    return sorted(str(event["uid"]) for path in folder.glob("*.ics")
                  for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


@pytest.mark.slow
def test_events_made_on_the_server_reach_their_folders_and_khal(
    calendars: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar,
    work_calendar: caldav.Calendar, khal: Path
) -> None:
    server_calendar.save_event(HANDMADE.replace("handmade1", "handmade2"))
    work_calendar.save_event(HANDMADE.replace("kindcheck-handmade1@kindcheck", "budget-review")
                             .replace("Check-in with Ada", "Budget review"))
    vdirsyncer.sync()
    assert uids_in(vdir) == ["kindcheck-handmade2@kindcheck"]
    assert uids_in(calendars / "work") == ["budget-review"]
    assert khal_list(khal, "2026-11-27").splitlines() == ["10:00-10:30 Check-in with Ada ⏰"]
