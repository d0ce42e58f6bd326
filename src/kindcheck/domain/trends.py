"""Insights over time, from whole histories: progress and missing notes per month, and the
team's average mood per week. Pure: notes, check-ins and "now" go in, tallies come out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pendulum import Date, DateTime

from kindcheck.domain.clock import zone_of
from kindcheck.domain.model import Note, NoteKind

PROGRESS_MONTHS = 6
MOOD_WEEKS = 8


@dataclass(frozen=True, slots=True)
class MonthTally:
    """Progress and missing notes taken in one calendar month."""

    month: Date  # its first day
    progress: int = 0
    missing: int = 0


def progress_by_month(
    notes: Iterable[Note], now: DateTime, months: int = PROGRESS_MONTHS
) -> list[MonthTally]:
    """One tally per month, oldest first, ending with the current month (leader's calendar)."""
    this_month = now.date().start_of("month")
    firsts = [this_month.subtract(months=back) for back in reversed(range(months))]
    counts = {first: [0, 0] for first in firsts}
    for note in notes:
        if note.at > now:
            continue
        first = note.at.in_timezone(zone_of(now)).date().start_of("month")
        if first in counts:
            counts[first][note.kind is NoteKind.MISSING] += 1
    return [MonthTally(first, *counts[first]) for first in firsts]


class MoodMoment(Protocol):
    """Anything with a moment and an optional mood: a CheckIn or a CheckInGlance."""

    @property
    def at(self) -> DateTime: ...

    @property
    def mood(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class WeekMood:
    """The average mood of all check-ins in one week (None when nobody gave one)."""

    week: Date  # its Monday
    average: float | None = None
    count: int = 0


def mood_by_week(
    checkins: Iterable[MoodMoment], now: DateTime, weeks: int = MOOD_WEEKS
) -> list[WeekMood]:
    """Average mood per week, oldest first, ending with the current week."""
    this_week = now.date().start_of("week")
    mondays = [this_week.subtract(weeks=back) for back in reversed(range(weeks))]
    moods: dict[Date, list[int]] = {monday: [] for monday in mondays}
    for checkin in checkins:
        if checkin.mood is None or checkin.at > now:
            continue
        monday = checkin.at.in_timezone(zone_of(now)).date().start_of("week")
        if monday in moods:
            moods[monday].append(checkin.mood)
    return [
        WeekMood(m, sum(moods[m]) / len(moods[m]) if moods[m] else None, len(moods[m]))
        for m in mondays
    ]
