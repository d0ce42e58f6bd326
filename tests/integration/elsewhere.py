"""What the leader's phone does to an event on the CalDAV server, done with the caldav library,
and kindcheck's side seen through its installed command and its JSON export."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import caldav
import icalendar
import orjson
import pendulum
from pendulum import DateTime

from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import ok


def event_on_server(calendar: caldav.Calendar, uid: str) -> icalendar.Event:
    """The VEVENT with `uid` as the server holds it now."""
    [event] = icalendar.Calendar.from_ical(calendar.event_by_uid(uid).data).walk("VEVENT")
    return event


def move_on_server(calendar: caldav.Calendar, uid: str, start: datetime) -> None:
    """Move the event to `start`, keeping its length, as a calendar app does: a new SEQUENCE
    and LAST-MODIFIED a few minutes after kindcheck wrote it."""
    item = calendar.event_by_uid(uid)
    whole = icalendar.Calendar.from_ical(item.data)
    [event] = whole.walk("VEVENT")
    length = event["dtend"].dt - event["dtstart"].dt
    changed = NOW.add(minutes=5).in_tz("UTC")
    for name, value in (("dtstart", start), ("dtend", start + length),
                        ("sequence", int(event.get("sequence", 0)) + 1),
                        ("last-modified", changed), ("dtstamp", changed)):
        event.pop(name, None)
        event.add(name, value)
    item.data = whole.to_ical().decode("utf-8")
    item.save()


def delete_on_server(calendar: caldav.Calendar, uid: str) -> None:
    """Delete the event, as the leader would in their phone's calendar."""
    calendar.event_by_uid(uid).delete()


def on_server(calendar: caldav.Calendar, uid: str) -> bool:
    """Whether the server holds an event with `uid`."""
    try:
        calendar.event_by_uid(uid)
    except caldav.lib.error.NotFoundError:
        return False
    return True


def turn_calendar_on(vdir: Path, read: tuple[Path, ...] = ()) -> Path:
    """Write kindcheck's settings with the calendar on (other settings at their defaults)."""
    settings = Path(os.environ["KINDCHECK_CONFIG"])  # tests/conftest.py points it at tmp_path
    settings.parent.mkdir(parents=True, exist_ok=True)
    others = ", ".join(json.dumps(str(path)) for path in read)
    settings.write_text(f"[calendar]\nvdir = {json.dumps(str(vdir))}\nread = [{others}]\n",
                        encoding="utf-8")
    return settings


def followups(store_path: Path) -> list[dict[str, Any]]:
    """Every follow-up in the store, read from a JSON export (the stable outside view)."""
    out = store_path.parent.parent / "export.json"
    ok(store_path, "export", "--format", "json", "--out", str(out))
    people = orjson.loads(out.read_bytes())["people"]
    return [f for person in people for f in person["followups"]]


def start_of(followup: dict[str, Any]) -> DateTime:
    """When a follow-up (from the export) is, in Berlin, where the tests live."""
    at = pendulum.parse(followup["at"])
    assert isinstance(at, DateTime)
    return at.in_tz("Europe/Berlin")


def uid_of(followup: dict[str, Any]) -> str:
    """The event UID the contract gives a follow-up."""
    return f"kindcheck-{followup['id']}@kindcheck"


TEN_MINUTES_BEFORE = timedelta(minutes=-10)
