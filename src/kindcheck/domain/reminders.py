"""Reminders for planned follow-ups: five minutes before, at the start, and missed ones.

Pure: the caller says which stretch of time to look at, (since, now], so a reminder whose
moment falls inside it is due exactly once however often or rarely the caller looks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from pendulum import DateTime, Duration, duration

from kindcheck.domain.calendar import their_clock, their_time
from kindcheck.domain.clock import zone_of
from kindcheck.domain.dates import LOCALE
from kindcheck.domain.model import FollowUp, Person
from kindcheck.domain.summary import PersonSummary

LEAD = duration(minutes=5)
# How far back "missed while closed" looks when kindcheck does not know when it last ran.
MISSED_LOOKBACK = duration(days=14)


class ReminderKind(StrEnum):
    SOON = "soon"  # five minutes away
    NOW = "now"  # starting now
    MISSED = "missed"  # its time passed while kindcheck was closed


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: ReminderKind
    person: Person
    followup: FollowUp
    at: DateTime  # the follow-up's time on the leader's clock

    @property
    def key(self) -> tuple[str, ReminderKind, DateTime]:
        """Identifies one firing; a rescheduled follow-up may remind again at its new time."""
        return (self.followup.id, self.kind, self.followup.at)

    def message(self) -> str:
        """A short, kind line for a notification."""
        topic = f" · {self.followup.topic}" if self.followup.topic else ""
        theirs = their_time(self.person, self.at)
        first = self.person.name.split()[0]
        for_them = f" ({their_clock(theirs, self.at)} for {first})" if theirs else ""
        if self.kind is ReminderKind.SOON:
            return f"In 5 minutes, {self.at:%H:%M}: {self.person.name}{topic}{for_them}"
        if self.kind is ReminderKind.NOW:
            return f"Now: time to check in with {self.person.name}{topic}"
        when = self.at.format("ddd D MMM", locale=LOCALE)
        return (
            f"Missed {when} {self.at:%H:%M}: {self.person.name}{topic}. "
            "Reschedule it in the calendar."
        )


def _planned(
    people: Iterable[Person], summaries: Mapping[str, PersonSummary]
) -> Iterable[tuple[Person, FollowUp]]:
    for person in people:
        if person.archived:
            continue
        summary = summaries.get(person.id)
        if summary is None:
            continue
        for followup in summary.planned_followups:
            yield person, followup


def due_reminders(
    people: Iterable[Person],
    summaries: Mapping[str, PersonSummary],
    since: DateTime,
    now: DateTime,
    lead: Duration = LEAD,
) -> list[Reminder]:
    """Reminders whose moment falls in (since, now].

    A follow-up that starts in the stretch gets only "starting now", even if its five-minute
    warning fell in the same stretch: one ring per follow-up is enough.
    """
    found: list[Reminder] = []
    for person, followup in _planned(people, summaries):
        start = followup.at
        at = start.in_timezone(zone_of(now))
        if since < start <= now:
            found.append(Reminder(ReminderKind.NOW, person, followup, at))
        elif since < start - lead <= now:
            found.append(Reminder(ReminderKind.SOON, person, followup, at))
    found.sort(key=lambda r: (r.followup.at, r.person.name.casefold()))
    return found


def missed_reminders(
    people: Iterable[Person],
    summaries: Mapping[str, PersonSummary],
    now: DateTime,
    last_seen: DateTime | None = None,
    lookback: Duration = MISSED_LOOKBACK,
) -> list[Reminder]:
    """Planned follow-ups whose time passed while kindcheck was closed.

    From `last_seen` (when kindcheck was last open) or, not knowing it, `lookback` ago, up to
    now. They are still planned: no check-in happened, so the leader may want to reschedule.
    """
    # A last-open moment ahead of now (a clock set back) says nothing: look back instead.
    since = last_seen if last_seen is not None and last_seen <= now else now - lookback
    found = [
        Reminder(ReminderKind.MISSED, person, followup, followup.at.in_timezone(zone_of(now)))
        for person, followup in _planned(people, summaries)
        if since <= followup.at < now
    ]
    found.sort(key=lambda r: (r.followup.at, r.person.name.casefold()))
    return found
