"""Both sides moved the same follow-up before a vdirsyncer round, with the real engines.

The app reschedules the follow-up (its event is rewritten in the vdir at once) while the
leader's phone moves the same event on the Radicale server. vdirsyncer's conflict rule
("b wins", as the README configures it) puts the server's version in the vdir either way;
kindcheck's read-back must still keep the later of the two changes, say the other, and the
server must end at the winner's time after the next round.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import caldav
import icalendar
import pendulum
import pytest
from pendulum import DateTime

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.store.store import Store
from kindcheck.vdir.watch import CalendarWatch
from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import ok
from tests.integration.elsewhere import event_on_server, followups, start_of, uid_of
from tests.integration.engines import Vdirsyncer

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY_TEN = datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)
IN_THE_APP = pendulum.datetime(2026, 11, 25, 14, 0, tz="Europe/Berlin")  # Wed 14:00
ON_THE_PHONE = datetime(2026, 11, 26, 15, 30, tzinfo=BERLIN)  # Thu 15:30


def move_on_phone(calendar: caldav.Calendar, uid: str, start: datetime,
                  changed: DateTime) -> None:
    """Move the event as a phone's calendar does: SEQUENCE up by one (caldav's own bump is
    turned off), LAST-MODIFIED `changed`."""
    item = calendar.event_by_uid(uid)
    whole = icalendar.Calendar.from_ical(item.data)
    [event] = whole.walk("VEVENT")
    length = event["dtend"].dt - event["dtstart"].dt
    stamp = changed.in_tz("UTC")
    for name, value in (("dtstart", start), ("dtend", start + length),
                        ("sequence", int(event.get("sequence", 0)) + 1),
                        ("last-modified", stamp), ("dtstamp", stamp)):
        event.pop(name, None)
        event.add(name, value)
    item.data = whole.to_ical().decode("utf-8")
    item.save(increase_seqno=False)


def reschedule_in_the_app(store_path: Path, vdir: Path, followup: dict, at: DateTime,
                          moment: DateTime) -> None:
    """What the app's reschedule dialog does at `moment`: the store changes, and the calendar
    link the app holds (CalendarWatch) rewrites the event in the vdir at once."""
    clock = ManualClock(moment)
    store = Store.open(store_path, clock=clock)
    CalendarWatch(store, clock, CalendarSettings(vdir=vdir), lambda line: None)
    store.reschedule_followup(followup["person_id"], followup["id"], at)
    assert IN_THE_APP.format("YYYYMMDDTHHmmss") in next(vdir.glob("*.ics")).read_text("utf-8")


def planned_with_ada(store_path: Path, vdirsyncer: Vdirsyncer) -> dict:
    ok(store_path, "add-person", "Ada", "Lovelace")
    ok(store_path, "follow-up", "ada", "fri 10:00")
    [followup] = followups(store_path)
    assert start_of(followup) == FRIDAY_TEN
    vdirsyncer.sync()
    return followup


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_the_apps_later_move_wins_and_the_phones_is_said(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    followup = planned_with_ada(store_path, vdirsyncer)
    uid = uid_of(followup)
    move_on_phone(server_calendar, uid, ON_THE_PHONE, NOW.add(minutes=5))
    reschedule_in_the_app(store_path, vdir, followup, IN_THE_APP, NOW.add(minutes=10))
    vdirsyncer.sync()  # changed on both sides: vdirsyncer puts the phone's in the vdir

    said = ok(store_path, "calendar", "sync")
    assert ("Kept in kindcheck: Ada Lovelace at Wed 25 Nov 14:00 (the move to Thu 26 Nov "
            "15:30 in your calendar was earlier).") in said
    [kept] = followups(store_path)
    assert (kept["status"], start_of(kept)) == ("planned", IN_THE_APP)
    vdirsyncer.sync()
    assert event_on_server(server_calendar, uid)["dtstart"].dt == IN_THE_APP
    assert "Kept in kindcheck" not in ok(store_path, "calendar", "sync")  # said once


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_the_phones_later_move_wins_and_the_apps_is_said(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    followup = planned_with_ada(store_path, vdirsyncer)
    uid = uid_of(followup)
    reschedule_in_the_app(store_path, vdir, followup, IN_THE_APP, NOW.add(minutes=2))
    move_on_phone(server_calendar, uid, ON_THE_PHONE, NOW.add(minutes=5))
    vdirsyncer.sync()

    said = ok(store_path, "calendar", "sync")
    assert ("Moved in your calendar: Ada Lovelace to Thu 26 Nov 15:30 (later than the change "
            "here to Wed 25 Nov 14:00).") in said
    [moved] = followups(store_path)
    assert (moved["status"], start_of(moved)) == ("planned", ON_THE_PHONE)
    vdirsyncer.sync()
    assert event_on_server(server_calendar, uid)["dtstart"].dt == ON_THE_PHONE


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_kindchecks_rewrite_never_goes_back_to_an_older_sequence(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    """A phone may bump SEQUENCE by more than one (caldav's save bumps it once more): the
    event kindcheck writes after reading the move back is still past the phone's."""
    followup = planned_with_ada(store_path, vdirsyncer)
    uid = uid_of(followup)
    item = server_calendar.event_by_uid(uid)
    whole = icalendar.Calendar.from_ical(item.data)
    [event] = whole.walk("VEVENT")
    event["sequence"] = 4
    item.data = whole.to_ical().decode("utf-8")
    item.save()  # and caldav makes it 5
    move_on_phone(server_calendar, uid, ON_THE_PHONE, NOW.add(minutes=5))  # 6
    assert event_on_server(server_calendar, uid)["sequence"] == 6
    vdirsyncer.sync()
    assert "Moved in your calendar: Ada Lovelace to Thu 26 Nov 15:30" in ok(
        store_path, "calendar", "sync")
    vdirsyncer.sync()
    on_server = event_on_server(server_calendar, uid)
    assert (on_server["dtstart"].dt, on_server["sequence"]) == (ON_THE_PHONE, 7)
