"""Free time for a follow-up: inside working hours, clear of meetings and other follow-ups.

A `Busy` is a stretch of the leader's day that is taken: a meeting from their own calendar
(read from the vdirs in `[calendar] read`) or a follow-up already planned. The planner asks
`first_free_time` for the first start whose whole conversation fits the working hours and
touches no busy stretch; a time typed by hand may clash, and `clash` says with what.

Candidate starts are built from each day's own wall clock (so 10:00 stays 10:00 in a week
that changes to or from summer time), every half hour, plus the moment each busy stretch
ends (right after a meeting is often the best time to talk).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pendulum import Date, DateTime, FixedTimezone, Timezone

from kindcheck.domain.clock import zone_of
from kindcheck.domain.working_hours import WorkingHours

STEP_MINUTES = 30  # the grid of proposed starts
PREFERRED = (10, 0)  # a day's first proposal, when it is free: mornings suit a chat
HORIZON_DAYS = 14  # how many days on to look before giving up


@dataclass(frozen=True, slots=True)
class Busy:
    """A taken stretch of time, end exclusive."""

    start: DateTime
    end: DateTime
    title: str = ""  # a meeting's title: personal, veiled under the privacy mask
    person: str = ""  # for a planned follow-up: who it is with

    def overlaps(self, start: DateTime, end: DateTime) -> bool:
        """True when [start, end) and this stretch share a moment."""
        return start < self.end and self.start < end

    def span(self) -> str:
        """"10:00–11:00" on the clock of the busy stretch's own start."""
        end = self.end.in_timezone(zone_of(self.start))
        return f"{self.start:%H:%M}–{end:%H:%M}"

    def describe(self) -> str:
        """"a busy time 10:00–11:00" or "the follow-up with Sam 10:00–10:30" (no title)."""
        if self.person:
            return f"the follow-up with {self.person} {self.span()}"
        return f"a busy time {self.span()}"


def clash(at: DateTime, minutes: int, busy: Iterable[Busy]) -> Busy | None:
    """The first busy stretch a follow-up at `at` lasting `minutes` would overlap, if any."""
    end = at.add(minutes=minutes)
    hits = [b for b in busy if b.overlaps(at, end)]
    return min(hits, key=lambda b: b.start) if hits else None


def clash_message(found: Busy) -> str:
    """The quiet line the planner shows for a clash: "Clashes with a busy time 10:00–11:00"."""
    return f"Clashes with {found.describe()}"


def fits_hours(at: DateTime, minutes: int, hours: WorkingHours) -> bool:
    """True when the whole conversation, start to end, lies inside the working hours."""
    end = at.add(minutes=minutes)
    if end.date() != at.date():
        return False
    end_clock = (end.hour, end.minute)
    return hours.start <= (at.hour, at.minute) and end_clock <= hours.end


def _day_starts(
    day: Date, zone: Timezone | FixedTimezone, hours: WorkingHours, busy: Sequence[Busy]
) -> list[DateTime]:
    """Every candidate start on `day`: the half-hour grid, then the ends of busy stretches."""
    first = hours.start[0] * 60 + hours.start[1]
    last = hours.end[0] * 60 + hours.end[1]
    starts = {
        DateTime.create(day.year, day.month, day.day, *divmod(minutes, 60), tz=zone)
        for minutes in range(first - first % STEP_MINUTES, last, STEP_MINUTES)
    }
    starts.update(b.end.in_timezone(zone) for b in busy)
    return sorted(s for s in starts if s.date() == day)


def _preferred_first(starts: list[DateTime], preferred: tuple[int, int]) -> Iterator[DateTime]:
    """The day's starts from the preferred time on, then the earlier ones."""
    later = [s for s in starts if (s.hour, s.minute) >= preferred]
    yield from later
    yield from (s for s in starts if (s.hour, s.minute) < preferred)


def first_free_time(
    day: Date,
    now: DateTime,
    busy: Sequence[Busy] = (),
    *,
    hours: WorkingHours | None = None,
    minutes: int = 30,
    preferred: tuple[int, int] = PREFERRED,
    horizon_days: int = HORIZON_DAYS,
) -> DateTime | None:
    """The first start on `day` (or, failing that, a later weekday) that is free.

    Free: after `now`, the whole `minutes` inside `hours`, and clashing with nothing in
    `busy`. On each day the preferred time comes first, then what follows it, then what
    comes before it. None when nothing is free within `horizon_days`.
    """
    hours = hours or WorkingHours()
    zone = zone_of(now)
    for offset in range(horizon_days + 1):
        candidate_day = day.add(days=offset)
        if offset and candidate_day.isoweekday() > 5:
            continue  # the day asked for may be a weekend; the days after it are weekdays
        # Only what touches this day can clash: a busy calendar has hundreds of stretches.
        opens = DateTime.create(candidate_day.year, candidate_day.month, candidate_day.day,
                                tz=zone)
        todays = [b for b in busy if b.overlaps(opens, opens.add(days=1))]
        starts = _day_starts(candidate_day, zone, hours, todays)
        for at in _preferred_first(starts, preferred):
            if at > now and fits_hours(at, minutes, hours) and clash(at, minutes, todays) is None:
                return at
    return None


def planned_as_busy(
    planned: Iterable[tuple[str, DateTime]], minutes: int, zone: Timezone | FixedTimezone
) -> list[Busy]:
    """Planned follow-ups, as (person's name, start), as busy stretches in `zone`."""
    return [
        Busy(at.in_timezone(zone), at.in_timezone(zone).add(minutes=minutes), person=name)
        for name, at in planned
    ]
