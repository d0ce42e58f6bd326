"""Proposing follow-ups for an initiative: a free time for each person not yet covered.

Times are proposed on weekdays, inside the leader's working hours (and the person's own,
where their clock differs and a time fits both), on a day before the initiative's target,
never within half an hour of another follow-up or of each other. Each slot is built from
the wall clock of its own day, so a week that changes to or from summer time still gets
its 10:00 at 10:00.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pendulum import Date, DateTime, Duration, duration

from kindcheck.domain.clock import zone_of
from kindcheck.domain.free_time import Busy, clash
from kindcheck.domain.model import Person
from kindcheck.domain.working_hours import WorkingHours

SLOT_MINUTES = 30  # a follow-up's length, and the step between proposed times
SLOT = duration(minutes=SLOT_MINUTES)
PER_DAY = 3  # proposals on any one day, so a week is not one long afternoon of chats
HORIZON_DAYS = 14  # how far ahead to look when an initiative has no target


@dataclass(frozen=True, slots=True)
class Proposal:
    """A follow-up to plan: with whom and when (in the leader's zone)."""

    person: Person
    at: DateTime


def _slots(now: DateTime, last_day: Date, hours: WorkingHours) -> Iterator[DateTime]:
    """Every half-hour start on weekdays after `now` up to `last_day`, ending within hours."""
    zone = zone_of(now)
    first = hours.start[0] * 60 + hours.start[1]
    last = hours.end[0] * 60 + hours.end[1] - SLOT_MINUTES  # the chat ends by the end of day
    day = now.date()
    while day <= last_day:
        if day.isoweekday() <= 5:
            for minutes in range(first, last + 1, SLOT_MINUTES):
                hour, minute = divmod(minutes, 60)
                at = DateTime.create(day.year, day.month, day.day, hour, minute, tz=zone)
                if at > now:
                    yield at
        day = day.add(days=1)


def _clashes(at: DateTime, busy: Iterable[DateTime], gap: Duration = SLOT) -> bool:
    return any(abs((at - other).total_seconds()) < gap.total_seconds() for other in busy)


def _fits_them(person: Person, at: DateTime, hours: WorkingHours) -> bool:
    if not person.timezone:
        return True
    return hours.contains(at.in_timezone(person.timezone))


def propose(
    people: Sequence[Person],
    busy: Iterable[DateTime],
    now: DateTime,
    target: Date | None,
    hours: WorkingHours | None = None,
    meetings: Sequence[Busy] = (),
) -> tuple[list[Proposal], list[Person]]:
    """A free time before `target` for each of `people`, in their order.

    `busy` holds the times of the follow-ups already planned, `meetings` the leader's own
    (from their calendars: no proposal overlaps one). Returns the proposals and the
    people no free time was found for (the target is too close, or the days are full).
    """
    hours = hours or WorkingHours()
    last_day = (target.subtract(days=1) if target is not None
                else now.date().add(days=HORIZON_DAYS))
    taken = list(busy)
    per_day: dict[Date, int] = {}
    proposals: list[Proposal] = []
    left: list[Person] = []
    slots = list(_slots(now, last_day, hours))
    for person in people:
        free = [at for at in slots
                if per_day.get(at.date(), 0) < PER_DAY and not _clashes(at, taken)
                and clash(at, SLOT_MINUTES, meetings) is None]
        # Their working hours too when a time fits both; otherwise the leader's alone.
        theirs = [a for a in free if _fits_them(person, a, hours)]
        choice = theirs or free
        if not choice:
            left.append(person)
            continue
        at = choice[0]
        proposals.append(Proposal(person, at))
        taken.append(at)
        per_day[at.date()] = per_day.get(at.date(), 0) + 1
    return proposals, left
