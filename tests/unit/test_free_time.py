"""The planner's free time (domain/free_time.py) on a fixed clock."""

from __future__ import annotations

import pendulum
from pendulum import DateTime

from kindcheck.domain.free_time import (
    Busy,
    clash,
    clash_message,
    first_free_time,
    fits_hours,
    planned_as_busy,
)
from kindcheck.domain.working_hours import WorkingHours

BERLIN = "Europe/Berlin"
# Monday 23 November 2026, 09:30 in Berlin, as in every test.
NOW = pendulum.datetime(2026, 11, 23, 9, 30, tz=BERLIN)
MONDAY, TUESDAY = pendulum.date(2026, 11, 23), pendulum.date(2026, 11, 24)


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=BERLIN)


def meeting(day: int, start: tuple[int, int], end: tuple[int, int], title: str = "") -> Busy:
    return Busy(at(day, *start), at(day, *end), title=title)


def test_a_free_day_gets_ten_oclock() -> None:
    assert first_free_time(TUESDAY, NOW) == at(24, 10)


def test_a_meeting_at_ten_moves_the_proposal_to_its_end() -> None:
    busy = [meeting(24, (9, 45), (10, 45), "Budget")]
    assert first_free_time(TUESDAY, NOW, busy) == at(24, 10, 45)


def test_back_to_back_meetings_and_follow_ups_are_all_avoided() -> None:
    busy = [meeting(24, (10, 0), (11, 0)), meeting(24, (11, 0), (12, 0)),
            *planned_as_busy([("Sam", at(24, 12))], 30, pendulum.timezone(BERLIN))]
    assert first_free_time(TUESDAY, NOW, busy) == at(24, 12, 30)


def test_a_gap_too_short_for_the_conversation_is_skipped() -> None:
    busy = [meeting(24, (10, 0), (10, 50)), meeting(24, (11, 0), (12, 0))]
    assert first_free_time(TUESDAY, NOW, busy, minutes=30) == at(24, 12)
    assert first_free_time(TUESDAY, NOW, busy, minutes=10) == at(24, 10, 50)


def test_after_the_preferred_time_comes_the_morning_before_it() -> None:
    busy = [meeting(24, (10, 0), (17, 0))]
    assert first_free_time(TUESDAY, NOW, busy) == at(24, 9)


def test_a_day_full_of_meetings_gives_the_next_free_day() -> None:
    full = [meeting(24, (9, 0), (17, 0), "Offsite")]
    assert first_free_time(TUESDAY, NOW, full) == at(25, 10)


def test_a_full_friday_skips_the_weekend() -> None:
    full = [meeting(27, (8, 0), (18, 0))]
    assert first_free_time(pendulum.date(2026, 11, 27), NOW, full) == at(30, 10)


def test_the_whole_conversation_stays_inside_working_hours() -> None:
    hours = WorkingHours((9, 0), (11, 0))
    busy = [meeting(24, (9, 0), (10, 40))]
    # 10:40 would end at 11:10, past the end of the day: on to Wednesday.
    assert first_free_time(TUESDAY, NOW, busy, hours=hours) == at(25, 10)
    assert not fits_hours(at(24, 10, 40), 30, hours)
    assert fits_hours(at(24, 10, 30), 30, hours)


def test_today_only_offers_times_still_ahead() -> None:
    later = pendulum.datetime(2026, 11, 23, 13, 10, tz=BERLIN)
    assert first_free_time(MONDAY, later) == at(23, 13, 30)
    evening = pendulum.datetime(2026, 11, 23, 18, 0, tz=BERLIN)
    assert first_free_time(MONDAY, evening) == at(24, 10)


def test_nothing_free_within_the_horizon_is_none() -> None:
    solid = [Busy(at(23, 0), at(23, 0).add(days=30))]
    assert first_free_time(MONDAY, NOW, solid) is None


def test_a_week_that_leaves_summer_time_keeps_its_wall_clock() -> None:
    # Berlin leaves summer time on Sunday 25 October 2026.
    friday_before = pendulum.datetime(2026, 10, 23, 18, 0, tz=BERLIN)
    monday_after = first_free_time(pendulum.date(2026, 10, 23), friday_before)
    assert monday_after == at(26, 10, month=10)
    assert monday_after is not None and monday_after.utcoffset() == pendulum.duration(hours=1)
    # A meeting written in UTC that ends at 10:15 local, after the change.
    busy = [Busy(pendulum.datetime(2026, 10, 26, 8, 30, tz="UTC"),
                 pendulum.datetime(2026, 10, 26, 9, 15, tz="UTC"))]
    found = first_free_time(pendulum.date(2026, 10, 26), friday_before, busy)
    assert found == at(26, 10, 15, month=10) and found.timezone_name == BERLIN


def test_a_clash_names_the_busy_time_but_never_its_title() -> None:
    budget = meeting(24, (10, 0), (11, 0), "Layoffs planning")
    sam = planned_as_busy([("Sam", at(24, 14))], 30, pendulum.timezone(BERLIN))
    busy = [budget, *sam]
    found = clash(at(24, 10, 30), 30, busy)
    assert found == budget
    assert clash_message(found) == "Clashes with a busy time 10:00–11:00"
    assert "Layoffs" not in clash_message(found)
    found = clash(at(24, 13, 45), 30, busy)
    assert found is not None and clash_message(found) == (
        "Clashes with the follow-up with Sam 14:00–14:30"
    )
    # Touching is not clashing: ending as a meeting starts, starting as it ends.
    assert clash(at(24, 9, 30), 30, busy) is None
    assert clash(at(24, 11), 30, busy) is None
