"""The initiatives planner's proposals keep clear of the leader's meetings (#13)."""

from __future__ import annotations

import pendulum

from kindcheck.domain.free_time import Busy
from kindcheck.domain.initiative_plan import propose
from kindcheck.domain.model import Person

BERLIN = "Europe/Berlin"
NOW = pendulum.datetime(2026, 11, 23, 9, 30, tz=BERLIN)


def at(day: int, hour: int, minute: int = 0):
    return pendulum.datetime(2026, 11, day, hour, minute, tz=BERLIN)


def test_no_proposal_overlaps_a_meeting() -> None:
    ada, sam = Person("Ada Lovelace"), Person("Sam Okafor")
    meetings = [Busy(at(23, 10), at(23, 11, 15), "Board"), Busy(at(23, 11, 30), at(23, 12))]
    proposals, left = propose([ada, sam], [], NOW, pendulum.date(2026, 11, 26),
                              meetings=meetings)
    assert left == []
    assert [(p.person.name, f"{p.at:%a %H:%M}") for p in proposals] == [
        ("Ada Lovelace", "Mon 12:00"), ("Sam Okafor", "Mon 12:30"),
    ]
    # Without meetings the same people land in the morning: the meetings made the difference.
    plain, _ = propose([ada, sam], [], NOW, pendulum.date(2026, 11, 26))
    assert [f"{p.at:%H:%M}" for p in plain] == ["10:00", "10:30"]


def test_days_full_of_meetings_leave_people_unproposed() -> None:
    ada = Person("Ada Lovelace")
    full = [Busy(at(day, 8), at(day, 18)) for day in (23, 24, 25)]
    proposals, left = propose([ada], [], NOW, pendulum.date(2026, 11, 26), meetings=full)
    assert proposals == [] and left == [ada]
