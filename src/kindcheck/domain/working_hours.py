"""The leader's working hours: the part of the day meant for conversations.

Kept apart from the calendar so reading the settings at start-up does not load the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from pendulum import DateTime


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """The part of the day meant for conversations, as (hour, minute) pairs; end exclusive."""

    start: tuple[int, int] = (9, 0)
    end: tuple[int, int] = (17, 0)

    def contains(self, at: DateTime) -> bool:
        """True when `at` falls inside these hours on its own clock."""
        return self.start <= (at.hour, at.minute) < self.end

    def __str__(self) -> str:
        return f"{self.start[0]:02d}:{self.start[1]:02d}-{self.end[0]:02d}:{self.end[1]:02d}"
