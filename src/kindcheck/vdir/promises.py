"""Open commitments with a due day, as all-day events (`[calendar] commitments = true`).

All-day VEVENTs, not VTODOs: every CalDAV calendar and every phone shows an event, while
many calendar collections refuse VTODOs (or put them in a separate task list the leader may
never open), and khal, which reads the same vdir, shows only events. TRANSP:TRANSPARENT keeps
a promise from making the day look busy. No alarm: the follow-up carries the reminder and the
promise stands in Today on its day.

They go one way: kindcheck is where a promise is kept or moved, so an event moved or deleted
in the calendar is written back as kindcheck has it at the next sync.
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import Date, DateTime

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.model import Commitment
from kindcheck.vdir.events import PROMISE_PROPERTY, content_key, event_text, new_event

UID_PREFIX, UID_SUFFIX = "kindcheck-promise-", "@kindcheck"


def promise_uid(commitment_id: str) -> str:
    """The event UID of a commitment's due day."""
    return f"{UID_PREFIX}{commitment_id}{UID_SUFFIX}"


def promise_file_name(commitment_id: str) -> str:
    return f"{promise_uid(commitment_id)}.ics"


def own_promise_id(uid: str, marked: str | None) -> str | None:
    """The commitment id when both the UID and the mark say the event is kindcheck's."""
    if marked is None or not (uid.startswith(UID_PREFIX) and uid.endswith(UID_SUFFIX)):
        return None
    inner = uid[len(UID_PREFIX): -len(UID_SUFFIX)]
    return inner if inner and inner == marked.strip() else None


@dataclass(frozen=True, slots=True)
class PromisePlan:
    """What kindcheck means to write for one commitment."""

    commitment_id: str
    due: Date
    summary: str

    @classmethod
    def of(cls, name: str, commitment: Commitment, settings: CalendarSettings) -> PromisePlan:
        assert commitment.due is not None
        summary = f"Promise to {event_text(name)}"
        if settings.details in ("topics", "prep"):
            summary += f": {event_text(commitment.text)}"
        return cls(commitment.id, commitment.due, summary)

    @property
    def content_key(self) -> str:
        return content_key("promise", self.commitment_id, self.due.isoformat(), self.summary)

    def render(self, *, sequence: int, stamp: DateTime) -> bytes:
        calendar, event = new_event(promise_uid(self.commitment_id), sequence, stamp)
        event.add("dtstart", self.due)  # a plain date: an all-day entry
        event.add("dtend", self.due.add(days=1))  # exclusive
        event.add("summary", self.summary)
        event.add("transp", "TRANSPARENT")
        event.add(PROMISE_PROPERTY, self.commitment_id)
        calendar.add_component(event)
        return bytes(calendar.to_ical())
