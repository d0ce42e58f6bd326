"""A calendar file (RFC 5545) of what is planned: follow-ups and my open commitments.

Every entry's UID comes from its record id, so importing a newer export into the same calendar
moves a rescheduled follow-up instead of adding a second one. Only times, names and topics go
into the calendar; the private notes stay in kindcheck.
"""

from __future__ import annotations

import icalendar
import pendulum
from pendulum import DateTime

from kindcheck import __version__
from kindcheck.domain.model import Commitment, FollowUp, Person
from kindcheck.domain.text import printable
from kindcheck.export.records import PersonRecord

PRODID = f"-//kindcheck//kindcheck {__version__}//EN"
FOLLOWUP_MINUTES = 30


def followup_uid(followup: FollowUp) -> str:
    """The calendar UID of a follow-up: stable for as long as the follow-up exists."""
    return _text(f"followup-{followup.id}@kindcheck")


def commitment_uid(commitment: Commitment) -> str:
    """The calendar UID of a commitment's due day."""
    return _text(f"commitment-{commitment.id}@kindcheck")


def render_ics(records: list[PersonRecord], now: DateTime) -> bytes:
    """A VCALENDAR with one event per planned follow-up and one all-day event per open
    commitment that has a due day, for people who are not archived."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "kindcheck")
    stamp = now.in_timezone("UTC")
    for record in records:
        if record.person.archived:
            continue
        for followup in record.history.planned_followups:
            calendar.add_component(_followup_event(record.person, followup, stamp))
        for commitment in record.history.open_commitments:
            if commitment.due is not None:
                calendar.add_component(_commitment_event(record.person, commitment, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _followup_event(person: Person, followup: FollowUp, stamp: DateTime) -> icalendar.Event:
    start = _in_named_zone(followup.at)
    topic = _text(followup.topic)
    event = icalendar.Event()
    event.add("uid", followup_uid(followup))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start.add(minutes=FOLLOWUP_MINUTES))
    event.add("summary", f"Check in with {_text(person.name)}" + (f": {topic}" if topic else ""))
    event.add("description", "Planned in kindcheck. Start with how they are doing.")
    event.add("categories", ["kindcheck", "follow-up"])
    return event


def _commitment_event(person: Person, commitment: Commitment, stamp: DateTime) -> icalendar.Event:
    assert commitment.due is not None
    event = icalendar.Event()
    event.add("uid", commitment_uid(commitment))
    event.add("dtstamp", stamp)
    # A plain date makes an all-day entry; DTEND is exclusive, so it is the next day.
    event.add("dtstart", commitment.due)
    event.add("dtend", commitment.due.add(days=1))
    event.add("summary", f"Promised {_text(person.name)}: {_text(commitment.text)}")
    event.add("description", f"A kindcheck commitment ({commitment.category.value}).")
    event.add("categories", ["kindcheck", "commitment", commitment.category.value])
    # All-day reminders should not make the leader look busy.
    event.add("transp", "TRANSPARENT")
    return event


def _text(text: str) -> str:
    """User text for a calendar property: one line, and no control character (RFC 5545
    forbids them, and a calendar refuses the whole file for one), shown as a stand-in."""
    return printable(" ".join(text.split()), allow_newline=False)


def _in_named_zone(moment: DateTime) -> DateTime:
    """Calendars need a real zone (TZID) or UTC; a bare offset is turned into UTC."""
    if isinstance(moment.tzinfo, pendulum.Timezone) and moment.timezone_name != "UTC":
        return moment
    return moment.in_timezone("UTC")
