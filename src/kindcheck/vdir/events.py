"""One follow-up as one calendar event (RFC 5545), and the few facts read back from an event.

The UID and the file name come from the follow-up's id alone, so nothing about the person is
in a name a server or a sync log shows. What goes into the event is the leader's choice
(`details`): "names" is the summary "Check-in with NAME" and nothing else; "topics" adds the
topic; "prep" also puts the prep page in the description. icalendar does the format, so
commas, semicolons and line breaks in user text are escaped the way every calendar reads them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import icalendar
import pendulum
from pendulum import Date, DateTime

from kindcheck import __version__
from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.model import FollowUp
from kindcheck.domain.text import printable

PRODID = f"-//kindcheck//kindcheck {__version__} vdir//EN"
FOLLOWUP_PROPERTY = "X-KINDCHECK-FOLLOWUP"
PROMISE_PROPERTY = "X-KINDCHECK-COMMITMENT"
UID_PREFIX, UID_SUFFIX = "kindcheck-", "@kindcheck"


def followup_uid(followup_id: str) -> str:
    """The event UID of a follow-up: stable for as long as the follow-up exists."""
    return f"{UID_PREFIX}{followup_id}{UID_SUFFIX}"


def file_name(followup_id: str) -> str:
    """The follow-up's file in the vdir."""
    return f"{followup_uid(followup_id)}.ics"


def summary_for(name: str, topic: str, details: str) -> str:
    """The event's title: the name always, the topic only when the leader chose more."""
    title = f"Check-in with {event_text(name)}"
    if details in ("topics", "prep") and topic.strip():
        title += f": {event_text(topic)}"
    return title


@dataclass(frozen=True, slots=True)
class EventPlan:
    """What kindcheck means to write for one follow-up, before the stamps that change each time."""

    followup_id: str
    start: DateTime
    minutes: int
    summary: str
    alarm_minutes: int | None
    description: str = ""

    @classmethod
    def of(cls, name: str, followup: FollowUp, settings: CalendarSettings,
           prep: str = "") -> EventPlan:
        """The plan for `followup` with a person called `name` (`prep` is used for "prep")."""
        description = event_text(prep) if settings.details == "prep" else ""
        return cls(followup.id, _in_named_zone(followup.at), settings.duration_minutes,
                   summary_for(name, followup.topic, settings.details),
                   settings.alarm_minutes, description)

    @property
    def content_key(self) -> str:
        """Tells two plans apart exactly when their events would differ."""
        return content_key(self.followup_id, self.start.isoformat(),
                           self.start.timezone_name or "", str(self.minutes), self.summary,
                           str(self.alarm_minutes), self.description)

    def render(self, *, sequence: int, stamp: DateTime) -> bytes:
        """The whole .ics file, with SEQUENCE and the moment it was made."""
        calendar, event = new_event(followup_uid(self.followup_id), sequence, stamp)
        event.add("dtstart", self.start)
        event.add("dtend", self.start.add(minutes=self.minutes))
        event.add("summary", self.summary)
        if self.description:
            event.add("description", self.description)
        event.add(FOLLOWUP_PROPERTY, self.followup_id)
        if self.alarm_minutes is not None:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", self.summary)
            alarm.add("trigger", dt.timedelta(minutes=-self.alarm_minutes))
            event.add_component(alarm)
        calendar.add_component(event)
        calendar.add_missing_timezones()
        return bytes(calendar.to_ical())


def content_key(*parts: str) -> str:
    """A short digest that changes exactly when one of the event's `parts` does."""
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=12).hexdigest()


def new_event(uid: str, sequence: int, stamp: DateTime) -> tuple[icalendar.Calendar,
                                                                  icalendar.Event]:
    """A calendar holding one event of kindcheck's, stamped `stamp`, not yet added to it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = icalendar.Event()
    utc = stamp.in_timezone("UTC")
    event.add("uid", uid)
    event.add("dtstamp", utc)
    event.add("last-modified", utc)
    event.add("sequence", sequence)
    return calendar, event


@dataclass(frozen=True, slots=True)
class ReadEvent:
    """What read-back needs from an event file."""

    uid: str
    followup_id: str | None  # None: not one of kindcheck's events
    start: DateTime | Date | None
    last_modified: DateTime | None
    summary: str
    cancelled: bool
    sequence: int = 0
    promise_id: str | None = None  # one of kindcheck's commitment events (promises.py)


class UnreadableEvent(ValueError):
    """The file is not a calendar event kindcheck can read; the message says why."""


def read_event(data: bytes) -> ReadEvent:
    """The first VEVENT of an .ics file; raise UnreadableEvent with a short reason."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise UnreadableEvent(f"not a calendar file ({_short(error)})") from error
    events = [c for c in calendar.walk("VEVENT")] if hasattr(calendar, "walk") else []
    if not events:
        raise UnreadableEvent("no event in it")
    event = events[0]
    uid = str(event.get("uid", "")).strip()
    if not uid:
        raise UnreadableEvent("the event has no UID")
    marked = event.get(FOLLOWUP_PROPERTY)
    followup_id = _own_id(uid, str(marked) if marked is not None else None)
    try:
        start = _moment(event.get("dtstart"))
        modified = _moment(event.get("last-modified"))
    except (ValueError, TypeError) as error:
        raise UnreadableEvent(f"a date in it cannot be read ({_short(error)})") from error
    if followup_id is not None and start is None:
        raise UnreadableEvent("the event has no start")
    return ReadEvent(
        uid, followup_id, start, modified if isinstance(modified, DateTime) else None,
        str(event.get("summary", "")), str(event.get("status", "")).upper() == "CANCELLED",
        _number(event.get("sequence")), _promise_id(uid, event.get(PROMISE_PROPERTY)),
    )


def _promise_id(uid: str, marked: object) -> str | None:
    from kindcheck.vdir.promises import own_promise_id

    return own_promise_id(uid, str(marked) if marked is not None else None)


def _number(value: object) -> int:
    try:
        return int(str(value)) if value is not None else 0
    except ValueError:
        return 0


def _own_id(uid: str, marked: str | None) -> str | None:
    # Both marks must agree: a copied or hand-made event that borrows one is not ours.
    if marked is None or not (uid.startswith(UID_PREFIX) and uid.endswith(UID_SUFFIX)):
        return None
    inner = uid[len(UID_PREFIX): -len(UID_SUFFIX)]
    return inner if inner == marked.strip() and inner else None


def _moment(prop: object) -> DateTime | Date | None:
    if prop is None:
        return None
    value = getattr(prop, "dt", prop)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:  # floating time: the wall clock of wherever the leader is
            return pendulum.instance(value.astimezone())
        return pendulum.instance(value)
    if isinstance(value, dt.date):
        return pendulum.date(value.year, value.month, value.day)
    raise ValueError(f"{value!r} is not a date")


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:80] or type(error).__name__


def event_text(text: str) -> str:
    """User text fit for a calendar property."""
    # RFC 5545 forbids control characters and a calendar may refuse the whole file for one:
    # they are shown as stand-ins. Line breaks stay (icalendar escapes them).
    return printable(text)


def _in_named_zone(moment: DateTime) -> DateTime:
    """A real zone (TZID) keeps the wall time across DST; a bare offset becomes UTC."""
    if isinstance(moment.tzinfo, pendulum.Timezone) and moment.timezone_name != "UTC":
        return moment
    return moment.in_timezone("UTC")
