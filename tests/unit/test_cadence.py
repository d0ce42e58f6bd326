"""Cadence status: never, due today, overdue by N days, fine until a day — on the leader's
calendar, across month ends, leap days, DST changes and timezones."""

from __future__ import annotations

import pendulum
import pytest
from pendulum import DateTime

from kindcheck.domain.cadence import CadenceState, attention_order, cadence_status
from kindcheck.domain.model import Cadence, Person

BERLIN = "Europe/Berlin"


def person(cadence: str = "weekly", timezone: str = "") -> Person:
    return Person("Ada Lovelace", cadence=Cadence.parse(cadence), timezone=timezone)


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0,
       tz: str = BERLIN) -> DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=tz)


def test_never_checked_in_counts_as_needing_attention(now: DateTime) -> None:
    status = cadence_status(person(), None, now)
    assert status.state is CadenceState.NEVER
    assert status.due_on == now.date()
    assert status.days_since is None
    assert status.needs_attention
    assert status.describe() == "no check-in yet"


def test_due_today_a_week_after_a_weekly_check_in(now: DateTime) -> None:
    status = cadence_status(person(), now.subtract(days=7), now)
    assert status.state is CadenceState.DUE
    assert status.due_on == now.date()
    assert status.days_since == 7
    assert status.describe() == "due today"


@pytest.mark.parametrize(("days_ago", "overdue", "words"), [
    (8, 1, "overdue by 1 day"),
    (10, 3, "overdue by 3 days"),
    (40, 33, "overdue by 33 days"),
])  # fmt: skip
def test_overdue_by_n_days(now: DateTime, days_ago: int, overdue: int, words: str) -> None:
    status = cadence_status(person(), now.subtract(days=days_ago), now)
    assert status.state is CadenceState.OVERDUE
    assert status.days_overdue == overdue
    assert status.days_since == days_ago
    assert status.describe() == words


def test_fine_until_the_next_due_day(now: DateTime) -> None:
    status = cadence_status(person(), now.subtract(days=3), now)
    assert status.state is CadenceState.FINE
    assert status.due_on == pendulum.date(2026, 11, 27)
    assert not status.needs_attention
    assert status.describe() == "fine until Fri 27 Nov"


@pytest.mark.parametrize(("cadence", "days_ago", "state"), [
    ("biweekly", 13, CadenceState.FINE),
    ("biweekly", 14, CadenceState.DUE),
    ("10d", 9, CadenceState.FINE),
    ("10d", 10, CadenceState.DUE),
    ("10d", 11, CadenceState.OVERDUE),
    ("1d", 1, CadenceState.DUE),
])  # fmt: skip
def test_other_cadences(now: DateTime, cadence: str, days_ago: int,
                        state: CadenceState) -> None:
    assert cadence_status(person(cadence), now.subtract(days=days_ago), now).state is state


def test_a_check_in_earlier_today_makes_everything_fine(now: DateTime) -> None:
    status = cadence_status(person(), now.subtract(hours=1), now)
    assert status.state is CadenceState.FINE
    assert status.days_since == 0


# -- monthly, month ends and leap days ------------------------------------------------------


def test_monthly_is_a_calendar_month_not_thirty_days() -> None:
    last = at(2026, 3, 15)
    assert cadence_status(person("monthly"), last, at(2026, 4, 14)).state is CadenceState.FINE
    assert cadence_status(person("monthly"), last, at(2026, 4, 15)).state is CadenceState.DUE


def test_monthly_from_january_31_falls_due_on_the_last_day_of_february() -> None:
    last = at(2026, 1, 31)
    status = cadence_status(person("monthly"), last, at(2026, 2, 27))
    assert status.state is CadenceState.FINE
    assert status.due_on == pendulum.date(2026, 2, 28)
    assert cadence_status(person("monthly"), last, at(2026, 2, 28)).state is CadenceState.DUE
    overdue = cadence_status(person("monthly"), last, at(2026, 3, 1))
    assert overdue.state is CadenceState.OVERDUE
    assert overdue.days_overdue == 1


def test_monthly_from_january_31_in_a_leap_year_falls_due_on_february_29() -> None:
    status = cadence_status(person("monthly"), at(2028, 1, 31), at(2028, 2, 29))
    assert status.state is CadenceState.DUE
    assert status.due_on == pendulum.date(2028, 2, 29)


def test_monthly_across_the_year_end() -> None:
    status = cadence_status(person("monthly"), at(2026, 12, 31), at(2027, 1, 31))
    assert status.state is CadenceState.DUE


def test_monthly_from_a_leap_day() -> None:
    status = cadence_status(person("monthly"), at(2028, 2, 29), at(2028, 3, 29))
    assert status.state is CadenceState.DUE


def test_weekly_across_a_leap_day_counts_the_extra_day() -> None:
    last = at(2028, 2, 26)
    assert cadence_status(person(), last, at(2028, 3, 3)).state is CadenceState.FINE
    status = cadence_status(person(), last, at(2028, 3, 4))
    assert status.state is CadenceState.DUE
    assert status.days_since == 7


# -- daylight saving time -------------------------------------------------------------------


def test_dst_ending_week_still_falls_due_on_the_same_weekday() -> None:
    # Clocks went back in Berlin on Sunday 25 October 2026, so that week had an extra hour;
    # a late call to a just-after-midnight check is only 146 hours, yet seven calendar days.
    last = at(2026, 10, 19, 23, 30)
    now = at(2026, 10, 26, 0, 30)
    assert (now - last).in_hours() == 6 * 24 + 2
    status = cadence_status(person(), last, now)
    assert status.state is CadenceState.DUE
    assert status.days_since == 7


def test_dst_starting_week_is_due_even_with_an_hour_missing() -> None:
    # Clocks went forward on Sunday 29 March 2026: a week later is less than 168 hours.
    last = at(2026, 3, 23, 9, 0)
    now = at(2026, 3, 30, 8, 30)
    assert (now - last).in_hours() < 7 * 24
    status = cadence_status(person(), last, now)
    assert status.state is CadenceState.DUE


# -- timezones ------------------------------------------------------------------------------


def test_days_count_on_the_leaders_calendar_not_the_stored_zone(now: DateTime) -> None:
    # 00:30 on Tuesday in Tokyo is still Monday afternoon in Berlin, where the leader is.
    last = pendulum.datetime(2026, 11, 17, 0, 30, tz="Asia/Tokyo")
    assert last.in_timezone(BERLIN).date() == pendulum.date(2026, 11, 16)
    status = cadence_status(person(timezone="Asia/Tokyo"), last, now)
    assert status.state is CadenceState.DUE
    assert status.due_on == pendulum.date(2026, 11, 23)


def test_a_late_evening_call_counts_for_that_evening(now: DateTime) -> None:
    # 23:45 in Berlin is already the next morning in Tokyo; it still counts for Berlin's day.
    last = pendulum.datetime(2026, 11, 17, 7, 45, tz="Asia/Tokyo")
    status = cadence_status(person(timezone="Asia/Tokyo"), last, now)
    assert last.in_timezone(BERLIN).hour == 23
    assert status.state is CadenceState.DUE


def test_the_person_zone_does_not_change_the_leader_day(now: DateTime) -> None:
    last = now.subtract(days=7)
    here = cadence_status(person(), last, now)
    there = cadence_status(person(timezone="America/New_York"), last, now)
    assert here == there


# -- ordering -------------------------------------------------------------------------------


def test_attention_order_puts_most_overdue_first(now: DateTime) -> None:
    statuses = {
        "fine": cadence_status(person(), now.subtract(days=2), now),
        "never": cadence_status(person(), None, now),
        "due": cadence_status(person(), now.subtract(days=7), now),
        "late2": cadence_status(person(), now.subtract(days=9), now),
        "late5": cadence_status(person(), now.subtract(days=12), now),
    }
    ordered = sorted(statuses, key=lambda k: attention_order(statuses[k], None))
    assert ordered == ["late5", "late2", "due", "never", "fine"]


def test_attention_order_uses_an_earlier_follow_up_among_the_fine(now: DateTime) -> None:
    soon = cadence_status(person(), now.subtract(days=1), now)  # due in 6 days
    later = cadence_status(person(), now.subtract(days=2), now)  # due in 5 days
    tomorrow = now.add(days=1)
    assert attention_order(soon, tomorrow) < attention_order(later, None)
