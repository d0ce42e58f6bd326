"""Days, months and follow-up times are read and said in one place (domain/dates, calendar).

Names of days and months come from pendulum in English, whatever locale pendulum was set to;
the check-in form and the planning dialogs read a typed time with the same function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

import kindcheck
from kindcheck.domain import checkin_draft, dates
from kindcheck.domain.calendar import (
    CalendarMonth,
    read_planned_time,
    span_title,
    their_clock,
    weekday_name,
)
from kindcheck.domain.dates import NotUnderstood, Understood, parse_when, read_follow_up
from kindcheck.domain.model import Person
from kindcheck.domain.reminders import Reminder, ReminderKind
from kindcheck.today import their_local_time

SOURCE = Path(kindcheck.__file__).parent
NAMES = {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "january", "february"}


@pytest.fixture
def german() -> Iterator[None]:
    """pendulum's own locale set to another language, as a library user might leave it."""
    before = pendulum.get_locale()
    pendulum.set_locale("de")
    try:
        yield
    finally:
        pendulum.set_locale(before)


def test_no_module_keeps_its_own_table_of_day_or_month_names() -> None:
    tables = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List):
                words = {
                    e.value.casefold()
                    for e in node.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                }
                if len(words & NAMES) >= 2:
                    tables.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    assert tables == []


@pytest.mark.usefixtures("german")
def test_names_stay_english_whatever_pendulum_locale(now: DateTime) -> None:
    day = pendulum.date(2026, 12, 1)
    assert weekday_name(day) == "Tue"
    assert CalendarMonth(2026, 12, ()).title() == "December 2026"
    assert span_title(pendulum.date(2026, 11, 30), pendulum.date(2026, 12, 6)) == (
        "30 Nov – 6 Dec 2026"
    )
    reading = parse_when("2026-12-01 14:30", now)
    assert isinstance(reading, Understood)
    assert reading.describe(now).startswith("Tue 1 Dec 14:30")
    refused = parse_when("2027-02-30", now)
    assert isinstance(refused, NotUnderstood) and "February 2027 has 28 days" in refused.reason


def test_the_form_and_the_planners_read_with_one_function(now: DateTime) -> None:
    assert checkin_draft.read_follow_up is dates.read_follow_up
    for typed in ("fri 14:00", "tomorrow", "+2w", "2026-12-01", "someday", "today 00:01"):
        planned = read_planned_time(typed, now)
        reading = read_follow_up(typed, now, none_ok=False)
        assert planned.at == (reading.at if isinstance(reading, Understood) else None), typed
        if isinstance(reading, NotUnderstood):
            assert planned.message == reading.reason
    # Only the form may choose "none"; a past time is refused by both, in their own words.
    assert read_follow_up("none", now) == Understood(at=None, has_time=False)
    assert read_planned_time("none", now).at is None
    form = read_follow_up("today 00:01", now)
    assert isinstance(form, NotUnderstood) and form.reason.endswith("or none.")


def test_today_says_their_time_as_the_calendar_does(now: DateTime) -> None:
    mika = Person("Mika Tanaka", timezone="Asia/Tokyo")
    jo = Person("Jo Berlin", timezone=str(now.timezone.name))
    moment = now.replace(hour=10, minute=0)
    ours = moment.in_timezone(now.timezone)
    theirs = ours.in_timezone("Asia/Tokyo")
    assert their_local_time(mika, moment, now) == f"{their_clock(theirs, ours)} in Tokyo"
    assert their_local_time(jo, moment, now) == ""
    late = now.replace(hour=20, minute=0)  # already tomorrow in Tokyo
    assert their_local_time(mika, late, now).endswith(
        f" {weekday_name(late.in_timezone('Asia/Tokyo'))} in Tokyo"
    )


@pytest.mark.usefixtures("german")
def test_a_missed_reminder_names_its_day_in_english(now: DateTime) -> None:
    from kindcheck.domain.model import FollowUp

    sam = Person("Sam Okafor")
    followup = FollowUp(sam.id, pendulum.datetime(2026, 11, 21, 11, tz=now.timezone), "")
    reminder = Reminder(ReminderKind.MISSED, sam, followup, followup.at)
    assert reminder.message().startswith("Missed Sat 21 Nov 11:00: Sam Okafor")
