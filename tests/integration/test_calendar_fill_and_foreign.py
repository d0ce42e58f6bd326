"""Two promises of issue #13 with the real engines: turning the calendar on for a store that
already has follow-ups fills the server on the next sync, and events kindcheck did not write
(the leader's own in the same calendar, the work calendar it reads) are never changed."""

from __future__ import annotations

import re
from pathlib import Path

import caldav
import pytest

from tests.functional.test_cli_shell_commands import ok
from tests.integration.elsewhere import followups, on_server, turn_calendar_on, uid_of
from tests.integration.engines import Vdirsyncer
from tests.store_state import digest

LUNCH = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//a phone//calendar//EN
BEGIN:VEVENT
UID:{uid}
DTSTAMP:20261123T080000Z
DTSTART;TZID=Europe/Berlin:20261125T{hour}0000
DTEND;TZID=Europe/Berlin:20261125T{hour}3000
SUMMARY:{summary}
END:VEVENT
END:VCALENDAR
"""


@pytest.mark.slow
def test_turning_the_calendar_on_later_fills_it(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    ok(store_path, "add-person", "Ada", "Lovelace")
    ok(store_path, "follow-up", "ada", "fri 10:00")
    [followup] = followups(store_path)
    assert list(vdir.iterdir()) == []  # the calendar is off: nothing written

    turn_calendar_on(vdir)
    ok(store_path, "calendar", "sync")
    vdirsyncer.sync()
    assert on_server(server_calendar, uid_of(followup))
    status = ok(store_path, "calendar", "status").splitlines()
    assert [line for line in status if "event" in line.lower() and re.search(r"\b1\b", line)]


@pytest.mark.slow
def test_events_kindcheck_did_not_write_are_left_alone(
    store_path: Path, calendars: Path, vdir: Path, vdirsyncer: Vdirsyncer,
    server_calendar: caldav.Calendar, work_calendar: caldav.Calendar
) -> None:
    turn_calendar_on(vdir, read=(calendars / "work",))
    server_calendar.save_event(LUNCH.format(uid="lunch-with-sam", hour="12",
                                            summary="Lunch with Sam"))
    work_calendar.save_event(LUNCH.format(uid="budget-review", hour="14",
                                          summary="Budget review"))
    vdirsyncer.sync()
    before = digest(calendars)
    on_the_server = [server_calendar.event_by_uid("lunch-with-sam").data,
                     work_calendar.event_by_uid("budget-review").data]

    ok(store_path, "add-person", "Ada", "Lovelace")
    ok(store_path, "follow-up", "ada", "wed 16:00")
    ok(store_path, "calendar", "sync")
    ok(store_path, "calendar", "status")
    vdirsyncer.sync()

    [followup] = followups(store_path)
    ours = f"{CALENDAR_FOLDER}/{uid_of(followup)}.ics"
    after = digest(calendars)
    assert ours in after
    assert {k: v for k, v in after.items() if k != ours} == before
    assert [server_calendar.event_by_uid("lunch-with-sam").data,
            work_calendar.event_by_uid("budget-review").data] == on_the_server


CALENDAR_FOLDER = "kindcheck"
