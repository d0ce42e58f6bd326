"""Tests for reading typed dates and saying them back (kindcheck.domain.dates)."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import DateTime

from kindcheck.domain.dates import (
    EMPTY_REASON,
    NotUnderstood,
    Understood,
    format_ago,
    format_relative_day,
    parse_when,
)

BERLIN = "Europe/Berlin"
# A Monday morning.
NOW = pendulum.datetime(2026, 11, 23, 9, 0, tz=BERLIN)


def understood(
    text: str,
    now: DateTime = NOW,
    *,
    default_time: tuple[int, int] = (10, 0),
    tz: str | None = None,
) -> Understood:
    """Parse `text` and insist it was understood."""
    reading = parse_when(text, now, default_time=default_time, tz=tz)
    assert isinstance(reading, Understood), reading
    return reading


def refused(text: str, now: DateTime = NOW, *, tz: str | None = None) -> str:
    """Parse `text`, insist it was refused, and return the reason."""
    reading = parse_when(text, now, tz=tz)
    assert isinstance(reading, NotUnderstood), reading
    return reading.reason


def wall(reading: Understood) -> tuple[int, int, int, int, int]:
    assert reading.at is not None
    at = reading.at
    return (at.year, at.month, at.day, at.hour, at.minute)


# --- the grammar, one form at a time -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "has_time"),
    [
        ("2026-12-01", (2026, 12, 1, 10, 0), False),
        ("2026-12-01 14:30", (2026, 12, 1, 14, 30), True),
        ("2026-12-1 9:05", (2026, 12, 1, 9, 5), True),
        ("today", (2026, 11, 23, 10, 0), False),
        ("today 17:45", (2026, 11, 23, 17, 45), True),
        ("today at 17:45", (2026, 11, 23, 17, 45), True),
        ("tomorrow", (2026, 11, 24, 10, 0), False),
        ("tomorrow 14:30", (2026, 11, 24, 14, 30), True),
        ("tomorrow 9:05", (2026, 11, 24, 9, 5), True),
        ("tomorrow 14h", (2026, 11, 24, 14, 0), True),
        ("tomorrow 14h30", (2026, 11, 24, 14, 30), True),
        ("fri", (2026, 11, 27, 10, 0), False),
        ("friday", (2026, 11, 27, 10, 0), False),
        ("friday 10:00", (2026, 11, 27, 10, 0), True),
        ("tue", (2026, 11, 24, 10, 0), False),
        ("sun 8:00", (2026, 11, 29, 8, 0), True),
        ("+3d", (2026, 11, 26, 10, 0), False),
        ("+2w", (2026, 12, 7, 10, 0), False),
        ("+1m", (2026, 12, 23, 10, 0), False),
        ("+3d 16:00", (2026, 11, 26, 16, 0), True),
        ("in 3 days", (2026, 11, 26, 10, 0), False),
        ("in 1 day", (2026, 11, 24, 10, 0), False),
        ("in 2 weeks", (2026, 12, 7, 10, 0), False),
        ("in 1 month", (2026, 12, 23, 10, 0), False),
        ("in a week", (2026, 11, 30, 10, 0), False),
        ("next week", (2026, 11, 30, 10, 0), False),
        ("next week 11:15", (2026, 11, 30, 11, 15), True),
    ],
)
def test_each_form_reads_as_expected(
    text: str, expected: tuple[int, int, int, int, int], has_time: bool
) -> None:
    reading = understood(text)
    assert wall(reading) == expected
    assert reading.has_time is has_time
    assert reading.at is not None
    assert reading.at.timezone_name == BERLIN


@pytest.mark.parametrize("text", ["  FRI  ", "Friday 10:00", "TOMORROW", " Next  Week ", "+2W"])
def test_case_and_surrounding_whitespace_do_not_matter(text: str) -> None:
    assert wall(understood(text)) == wall(understood(text.strip().lower()))


@pytest.mark.parametrize("text", ["none", "None", "  NONE "])
def test_none_means_no_follow_up(text: str) -> None:
    assert parse_when(text, NOW) == Understood(at=None, has_time=False)


def test_default_time_is_used_when_no_time_is_given() -> None:
    reading = understood("tomorrow", default_time=(8, 30))
    assert wall(reading) == (2026, 11, 24, 8, 30)
    assert reading.has_time is False


def test_a_typed_time_beats_the_default_time() -> None:
    assert wall(understood("tomorrow 15:00", default_time=(8, 30))) == (2026, 11, 24, 15, 0)


def test_today_with_an_earlier_time_is_allowed() -> None:
    assert wall(understood("today 07:00")) == (2026, 11, 23, 7, 0)


def test_an_absolute_date_today_is_allowed() -> None:
    assert wall(understood("2026-11-23")) == (2026, 11, 23, 10, 0)


# --- weekdays ---------------------------------------------------------------------------------


def test_weekday_on_the_same_weekday_means_next_week() -> None:
    friday = pendulum.datetime(2026, 11, 27, 9, 0, tz=BERLIN)
    assert wall(understood("fri", friday)) == (2026, 12, 4, 10, 0)
    assert wall(understood("friday 08:00", friday)) == (2026, 12, 4, 8, 0)


def test_monday_typed_on_a_monday_is_a_week_away() -> None:
    assert wall(understood("mon")) == (2026, 11, 30, 10, 0)


@given(
    day=st.dates(min_value=pendulum.date(2001, 1, 1), max_value=pendulum.date(2099, 12, 1)),
    name=st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
)
def test_weekday_is_always_one_to_seven_days_ahead(day: pendulum.Date, name: str) -> None:
    now = pendulum.datetime(day.year, day.month, day.day, 12, 0, tz=BERLIN)
    reading = understood(name, now)
    assert reading.at is not None
    ahead = reading.at.date().toordinal() - day.toordinal()
    assert 1 <= ahead <= 7
    assert reading.at.format("ddd").lower() == name


# --- month, year and leap-day edges ------------------------------------------------------------


def test_plus_one_day_on_new_years_eve_crosses_the_year() -> None:
    eve = pendulum.datetime(2026, 12, 31, 18, 0, tz=BERLIN)
    assert wall(understood("+1d", eve)) == (2027, 1, 1, 10, 0)
    assert wall(understood("tomorrow 09:00", eve)) == (2027, 1, 1, 9, 0)


def test_one_month_from_the_31st_lands_on_the_last_day_of_a_short_month() -> None:
    jan_31 = pendulum.datetime(2027, 1, 31, 9, 0, tz=BERLIN)
    assert wall(understood("+1m", jan_31)) == (2027, 2, 28, 10, 0)


def test_leap_day_2028_is_valid() -> None:
    assert wall(understood("2028-02-29")) == (2028, 2, 29, 10, 0)


def test_leap_day_2027_is_refused() -> None:
    reason = refused("2027-02-29")
    assert "not a real day" in reason
    assert "28 days" in reason


# --- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_text_asks_for_a_day(text: str) -> None:
    assert refused(text) == EMPTY_REASON
    assert EMPTY_REASON == "Type a day, like fri or 2026-12-01, or none."


@pytest.mark.parametrize("text", ["2026-02-30", "2026-04-31", "2026-12-32", "2026-12-00"])
def test_impossible_dates_are_refused(text: str) -> None:
    assert "not a real day" in refused(text)


def test_month_thirteen_is_refused() -> None:
    assert "no month 13" in refused("2026-13-01")


@pytest.mark.parametrize("text", ["tomorrow 25:00", "today 24:00", "fri 10:60", "tomorrow 31h"])
def test_impossible_times_are_refused(text: str) -> None:
    assert "not a time on the clock" in refused(text)


@pytest.mark.parametrize(
    "text", ["blah", "fryday", "next", "in weeks", "+d", "2026/12/01", "tomorrow tomorrow"]
)
def test_garbage_is_refused_with_an_example(text: str) -> None:
    reason = refused(text)
    assert "can't read" in reason
    assert "fri" in reason


def test_an_unknown_unit_says_which_units_work() -> None:
    assert "days, weeks or months" in refused("+3x")


def test_a_time_without_a_day_asks_which_day() -> None:
    reason = refused("14:30")
    assert "Which day" in reason
    assert "today 14:30" in reason


@pytest.mark.parametrize("text", ["2026-11-22", "2026-01-01 10:00", "2000-01-01"])
def test_absolute_dates_in_the_past_are_refused(text: str) -> None:
    assert "in the past" in refused(text)


@pytest.mark.parametrize("text", ["1999-12-31", "2101-01-01", "3000-01-01"])
def test_years_outside_2000_to_2100_are_refused(text: str) -> None:
    assert "between 2000 and 2100" in refused(text)


@pytest.mark.parametrize("text", ["+99999d", "+1500m", "in 5000 weeks"])
def test_far_future_offsets_are_refused(text: str) -> None:
    assert "2100" in refused(text)


def test_year_2100_is_still_fine() -> None:
    assert wall(understood("2100-12-31")) == (2100, 12, 31, 10, 0)


def test_an_unknown_zone_is_refused_not_raised() -> None:
    assert "timezone" in refused("tomorrow", tz="Mars/Olympus")


# --- time zones and daylight saving ---------------------------------------------------------


def test_result_is_in_nows_zone_by_default() -> None:
    now = pendulum.datetime(2026, 11, 23, 9, 0, tz="America/New_York")
    reading = understood("tomorrow 14:00", now)
    assert reading.at is not None
    assert reading.at.timezone_name == "America/New_York"
    assert wall(reading) == (2026, 11, 24, 14, 0)


def test_an_empty_zone_name_means_nows_zone() -> None:
    reading = understood("tomorrow", tz="")
    assert reading.at is not None
    assert reading.at.timezone_name == BERLIN


def test_tz_places_the_time_in_the_persons_zone() -> None:
    reading = understood("tomorrow 09:00", tz="Asia/Tokyo")
    assert reading.at is not None
    assert reading.at.timezone_name == "Asia/Tokyo"
    assert wall(reading) == (2026, 11, 24, 9, 0)
    # 09:00 in Tokyo is 01:00 in Berlin in winter.
    assert reading.at.in_timezone(BERLIN).hour == 1


def test_tz_judges_today_by_the_persons_calendar() -> None:
    # 20:00 in Berlin is already 04:00 the next day in Tokyo.
    evening = pendulum.datetime(2026, 11, 23, 20, 0, tz=BERLIN)
    assert wall(understood("today", evening, tz="Asia/Tokyo"))[:3] == (2026, 11, 24)
    assert wall(understood("tomorrow", evening, tz="Asia/Tokyo"))[:3] == (2026, 11, 25)
    assert wall(understood("tomorrow", evening))[:3] == (2026, 11, 24)


def test_tomorrow_keeps_wall_clock_across_spring_forward_in_berlin() -> None:
    # Clocks go from 02:00 to 03:00 on Sunday 29 March 2026.
    saturday = pendulum.datetime(2026, 3, 28, 10, 0, tz=BERLIN)
    reading = understood("tomorrow 10:00", saturday)
    assert wall(reading) == (2026, 3, 29, 10, 0)
    assert reading.at is not None
    assert reading.at.utcoffset() == pendulum.duration(hours=2)
    # Only 23 real hours pass, yet it is still ten o'clock.
    assert (reading.at - saturday).in_hours() == 23


def test_tomorrow_keeps_wall_clock_across_fall_back_in_berlin() -> None:
    # Clocks go from 03:00 back to 02:00 on Sunday 25 October 2026.
    saturday = pendulum.datetime(2026, 10, 24, 10, 0, tz=BERLIN)
    reading = understood("tomorrow 10:00", saturday)
    assert wall(reading) == (2026, 10, 25, 10, 0)
    assert reading.at is not None
    assert (reading.at - saturday).in_hours() == 25


def test_a_week_ahead_across_daylight_saving_keeps_the_default_time() -> None:
    before = pendulum.datetime(2026, 3, 25, 9, 0, tz=BERLIN)
    assert wall(understood("+1w", before)) == (2026, 4, 1, 10, 0)
    assert wall(understood("sun", before)) == (2026, 3, 29, 10, 0)


def test_new_york_dst_weeks_keep_wall_clock() -> None:
    # New York springs forward on 8 March 2026 and falls back on 1 November 2026.
    spring = pendulum.datetime(2026, 3, 7, 9, 0, tz="America/New_York")
    autumn = pendulum.datetime(2026, 10, 31, 9, 0, tz="America/New_York")
    assert wall(understood("tomorrow 09:00", spring)) == (2026, 3, 8, 9, 0)
    assert wall(understood("next week", autumn)) == (2026, 11, 7, 10, 0)


def test_a_time_inside_the_spring_gap_moves_forward_rather_than_failing() -> None:
    # 02:30 does not exist in Berlin that night; the next real wall-clock time is used.
    saturday = pendulum.datetime(2026, 3, 28, 10, 0, tz=BERLIN)
    assert wall(understood("tomorrow 02:30", saturday)) == (2026, 3, 29, 3, 30)


@given(
    day=st.dates(min_value=pendulum.date(2026, 1, 1), max_value=pendulum.date(2030, 12, 30)),
    zone=st.sampled_from([BERLIN, "America/New_York", "Asia/Tokyo", "UTC"]),
)
def test_tomorrow_is_always_the_next_calendar_day_at_the_typed_time(
    day: pendulum.Date, zone: str
) -> None:
    now = pendulum.datetime(day.year, day.month, day.day, 12, 0, tz=zone)
    reading = understood("tomorrow 10:00", now)
    assert reading.at is not None
    assert reading.at.date() == pendulum.Date(day.year, day.month, day.day).add(days=1)
    assert (reading.at.hour, reading.at.minute) == (10, 0)


# --- describe() -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("2026-12-01 14:30", "Tue 1 Dec 14:30, in 8 days"),
        ("2026-12-01", "Tue 1 Dec, in 8 days"),
        ("fri", "Fri 27 Nov, in 4 days"),
        ("tomorrow", "Tue 24 Nov, tomorrow"),
        ("today 09:05", "Mon 23 Nov 09:05, today"),
        ("+2w", "Mon 7 Dec, in 2 weeks"),
        ("next week", "Mon 30 Nov, in 1 week"),
        ("2027-01-01", "Fri 1 Jan 2027, in 39 days"),
        ("2027-01-01 08:00", "Fri 1 Jan 2027 08:00, in 39 days"),
        ("none", "no follow-up"),
    ],
)
def test_describe_says_back_what_was_understood(text: str, described: str) -> None:
    assert understood(text).describe(NOW) == described


def test_describe_uses_the_persons_calendar_for_tomorrow() -> None:
    evening = pendulum.datetime(2026, 11, 23, 20, 0, tz=BERLIN)
    reading = understood("tomorrow 09:00", evening, tz="Asia/Tokyo")
    assert reading.describe(evening) == "Wed 25 Nov 09:00, tomorrow"


# --- format_relative_day ----------------------------------------------------------------------

TODAY = pendulum.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (8, "in 8 days"),
        (-3, "3 days ago"),
        (7, "in 1 week"),
        (14, "in 2 weeks"),
        (-21, "3 weeks ago"),
        (15, "in 15 days"),
        (39, "in 39 days"),
        (61, "in 2 months"),
        (-92, "3 months ago"),
        (365, "in 1 year"),
        (-800, "2 years ago"),
    ],
)
def test_format_relative_day(days: int, expected: str) -> None:
    assert format_relative_day(TODAY.add(days=days), TODAY) == expected


# --- format_ago -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (pendulum.datetime(2026, 11, 23, 8, 0, tz=BERLIN), "today"),
        (pendulum.datetime(2026, 11, 22, 23, 59, tz=BERLIN), "yesterday"),
        (pendulum.datetime(2026, 11, 20, 9, 0, tz=BERLIN), "3 days ago"),
        (pendulum.datetime(2026, 11, 10, 9, 0, tz=BERLIN), "13 days ago"),
        (pendulum.datetime(2026, 11, 9, 9, 0, tz=BERLIN), "2 weeks ago"),
        (pendulum.datetime(2026, 10, 19, 9, 0, tz=BERLIN), "5 weeks ago"),
        (pendulum.datetime(2026, 9, 20, 9, 0, tz=BERLIN), "2 months ago"),
        (pendulum.datetime(2025, 11, 1, 9, 0, tz=BERLIN), "1 year ago"),
        (pendulum.datetime(2026, 11, 25, 9, 0, tz=BERLIN), "in 2 days"),
    ],
)
def test_format_ago(moment: DateTime, expected: str) -> None:
    assert format_ago(moment, NOW) == expected


def test_format_ago_counts_days_on_nows_calendar() -> None:
    # 23:30 UTC on the 22nd is already 00:30 on the 23rd in Berlin.
    late = pendulum.datetime(2026, 11, 22, 23, 30, tz="UTC")
    assert format_ago(late, NOW) == "today"


# --- robustness -------------------------------------------------------------------------------


@given(text=st.text())
def test_parse_when_never_raises_on_arbitrary_text(text: str) -> None:
    reading = parse_when(text, NOW)
    assert isinstance(reading, Understood | NotUnderstood)
    if isinstance(reading, NotUnderstood):
        assert reading.reason
    else:
        assert reading.describe(NOW)


@given(
    text=st.from_regex(
        r"\A\s*(\+?\d{0,7}\s*[a-z]{0,6}|in \d{1,7} [a-z]{1,6}|\d{4}-\d{1,2}-\d{1,2})"
        r"(\s+\d{1,2}(:\d{2}|h\d{0,2}))?\s*\Z"
    )
)
def test_parse_when_never_raises_on_near_miss_text(text: str) -> None:
    assert isinstance(parse_when(text, NOW), Understood | NotUnderstood)
