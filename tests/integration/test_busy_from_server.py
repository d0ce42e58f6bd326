"""Busy times with the real engines (#13): meetings put on a Radicale server by someone else
(the caldav library, as a phone or a colleague's invitation would), carried to the leader's
work vdir by vdirsyncer, become busy blocks in kindcheck and keep the planner clear of them."""

from __future__ import annotations

from pathlib import Path

import caldav
import pendulum
import pytest

from kindcheck.domain.free_time import first_free_time
from kindcheck.vdir.busy import BusyCalendars
from tests.integration.engines import WORK, Vdirsyncer

BERLIN = "Europe/Berlin"
NOW = pendulum.datetime(2026, 11, 23, 9, 30, tz=BERLIN)

# A weekly team meeting from New York at 10:00 there (16:00 in Berlin), one week moved to
# the morning; a long Tuesday morning; a free-time hold and an all-day event that block nothing.
MEETINGS = {
    "weekly": """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//a colleague//calendar//EN
BEGIN:VEVENT
UID:weekly-team@example.invalid
DTSTAMP:20261101T080000Z
DTSTART;TZID=America/New_York:20261102T100000
DTEND;TZID=America/New_York:20261102T110000
RRULE:FREQ=WEEKLY;BYDAY=MO
SUMMARY:Team sync
END:VEVENT
BEGIN:VEVENT
UID:weekly-team@example.invalid
DTSTAMP:20261101T080000Z
RECURRENCE-ID;TZID=America/New_York:20261130T100000
DTSTART;TZID=America/New_York:20261130T040000
DTEND;TZID=America/New_York:20261130T050000
SUMMARY:Team sync (early)
END:VEVENT
END:VCALENDAR
""",
    "tuesday": """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//a phone//calendar//EN
BEGIN:VEVENT
UID:tuesday@example.invalid
DTSTAMP:20261101T080000Z
DTSTART;TZID=Europe/Berlin:20261124T090000
DTEND;TZID=Europe/Berlin:20261124T113000
SUMMARY:Quarterly planning
END:VEVENT
END:VCALENDAR
""",
    "hold": """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//a phone//calendar//EN
BEGIN:VEVENT
UID:hold@example.invalid
DTSTAMP:20261101T080000Z
DTSTART;TZID=Europe/Berlin:20261124T113000
DTEND;TZID=Europe/Berlin:20261124T130000
TRANSP:TRANSPARENT
SUMMARY:Maybe lunch
END:VEVENT
END:VCALENDAR
""",
    "holiday": """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//a phone//calendar//EN
BEGIN:VEVENT
UID:holiday@example.invalid
DTSTAMP:20261101T080000Z
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261126
SUMMARY:Team day off
END:VEVENT
END:VCALENDAR
""",
}


@pytest.mark.slow
def test_meetings_on_the_server_become_busy_times(
    calendars: Path, vdirsyncer: Vdirsyncer, work_calendar: caldav.Calendar
) -> None:
    for text in MEETINGS.values():
        work_calendar.save_event(text)
    vdirsyncer.sync()
    work = calendars / WORK
    assert len(list(work.glob("*.ics"))) == len(MEETINGS)
    reader = BusyCalendars([work])
    week = reader.between(NOW.start_of("day"), NOW.start_of("day").add(days=14))
    assert [(b.start.format("ddd D HH:mm"), f"{b.end:%H:%M}", b.title) for b in week] == [
        ("Mon 23 16:00", "17:00", "Team sync"),
        ("Tue 24 09:00", "11:30", "Quarterly planning"),
        ("Mon 30 10:00", "11:00", "Team sync (early)"),
    ]
    assert reader.unreadable(around=NOW) == []
    # The planner on Tuesday: the morning is taken, the free-time hold is not.
    busy = reader.between(NOW, NOW.add(days=15))
    assert first_free_time(pendulum.date(2026, 11, 24), NOW, busy) == (
        pendulum.datetime(2026, 11, 24, 11, 30, tz=BERLIN)
    )
    # A meeting deleted on the server is gone from busy times after the next sync.
    [tuesday] = [e for e in work_calendar.events() if "Quarterly" in e.data]
    tuesday.delete()
    vdirsyncer.sync()
    fresh = BusyCalendars([work]).between(NOW.start_of("day"), NOW.start_of("day").add(days=7))
    assert [b.title for b in fresh] == ["Team sync"]
