"""Reading the dates a leader types ("fri 14:00", "+2w", "none") and saying them back kindly.

Everything here is pure: "now" is always passed in, so the same text always reads the same way
in tests. Results are wall-clock times in the chosen zone, which keeps `tomorrow 10:00` at ten
o'clock local even when the clocks change overnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pendulum
from pendulum import Date, DateTime
from pendulum.tz.timezone import FixedTimezone, Timezone

MIN_YEAR = 2000
MAX_YEAR = 2100

EMPTY_REASON = "Type a day, like fri or 2026-12-01, or none."
GENERIC_HINT = "Try fri, tomorrow 14:30, +3d, in 2 weeks, 2026-12-01 or none."

# Names of days and months are always English, whatever the machine's locale, so the same
# text reads and says back the same way everywhere.
LOCALE = "en"

# Full names, the usual 3-letter forms, and a few common longer abbreviations.
_WEEKDAYS: dict[str, int] = {}
for _index, _name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    _WEEKDAYS[_name] = _index
    _WEEKDAYS[_name[:3]] = _index
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "month": "months", "months": "months",
}  # fmt: skip

# A trailing time: "14:30", "9:05", "14h", "14h30", optionally preceded by "at".
_TIME = re.compile(
    r"^(?P<rest>.*?)\s*(?:\bat\s+)?(?P<hour>\d{1,2})(?::(?P<min>\d{2})|h(?P<hmin>\d{2})?)$"
)
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_PLUS = re.compile(r"^\+\s*(?P<n>\d{1,6})\s*(?P<unit>[a-z]+)$")
_IN = re.compile(r"^in\s+(?P<n>\d{1,6}|a|an|one)\s+(?P<unit>[a-z]+)$")


@dataclass(frozen=True)
class Understood:
    """A successful read. `at` is None when the user chose "none" (no follow-up)."""

    at: DateTime | None
    has_time: bool

    def describe(self, now: DateTime) -> str:
        """Say back what was understood, e.g. "Tue 1 Dec 14:30, in 8 days"."""
        if self.at is None:
            return "no follow-up"
        at = self.at
        # "Today" is judged in the zone the moment lives in, as parse_when did.
        today = now.in_timezone(at.timezone).date() if at.timezone else now.date()
        text = at.format("ddd D MMM", locale=LOCALE)
        if at.year != today.year:
            text += f" {at.year}"
        if self.has_time:
            text += f" {at.hour:02d}:{at.minute:02d}"
        return f"{text}, {format_relative_day(at.date(), today)}"


@dataclass(frozen=True)
class NotUnderstood:
    """A failed read, with a short reason fit to show under the field."""

    reason: str


DateReading = Understood | NotUnderstood


class _Refusal(Exception):
    """Internal: carries a user-facing reason out of the helpers."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_when(
    text: str,
    now: DateTime,
    *,
    default_time: tuple[int, int] = (10, 0),
    tz: str | None = None,
) -> DateReading:
    """Read a typed day (and optional time) relative to `now`; never raises on bad text."""
    words = " ".join(text.split()).lower()
    if not words:
        return NotUnderstood(EMPTY_REASON)
    if words in ("none", "no", "never", "-"):
        return Understood(at=None, has_time=False)
    try:
        zone = _zone(tz, now)
        today = now.in_timezone(zone).date()
        day_words, time = _split_time(words)
        day = _read_day(day_words, today)
        _check_year(day)
        hour, minute = time if time is not None else default_time
        at = pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=zone)
    except _Refusal as refusal:
        return NotUnderstood(refusal.reason)
    except (ValueError, OverflowError):
        return NotUnderstood(f"I can't read {text.strip()!r}. {GENERIC_HINT}")
    return Understood(at=at, has_time=time is not None)


def read_follow_up(
    text: str,
    now: DateTime,
    *,
    default_time: tuple[int, int] = (10, 0),
    none_ok: bool = True,
) -> DateReading:
    """Read when to talk next, as typed: a moment still ahead, or "none" when `none_ok`.

    The one reading behind the check-in form's next follow-up and every planned or moved
    follow-up (see `calendar.read_planned_time`, which says it back for planning).
    """
    reading = parse_when(text, now, default_time=default_time)
    if not isinstance(reading, Understood):
        return reading
    if reading.at is None:
        if none_ok:
            return reading
        return NotUnderstood("Pick a day and time; to plan nothing, just leave with escape.")
    if reading.at < now:
        if none_ok:
            return NotUnderstood("That time has already passed: pick a later one, or none.")
        return NotUnderstood(f"{reading.at:%H:%M} today has passed: pick a later time.")
    return reading


def _zone(tz: str | None, now: DateTime) -> Timezone | FixedTimezone:
    if tz and tz.strip():
        try:
            return pendulum.timezone(tz.strip())
        except Exception as error:  # pendulum raises several kinds for unknown zones
            raise _Refusal(
                f"I don't know the timezone {tz!r}: try a name like Europe/Berlin."
            ) from error
    if now.tzinfo is None:
        return pendulum.UTC
    return now.tz or pendulum.UTC


def _split_time(words: str) -> tuple[str, tuple[int, int] | None]:
    """Separate a trailing clock time from the day words."""
    match = _TIME.match(words)
    if match is None:
        return words, None
    rest = match.group("rest").strip()
    if not rest:
        raise _Refusal(f"Which day at {words}? Try today {words} or fri {words}.")
    hour = int(match.group("hour"))
    minute = int(match.group("min") or match.group("hmin") or 0)
    if hour > 23 or minute > 59:
        raise _Refusal(f"{hour}:{minute:02d} is not a time on the clock: try one like 14:30.")
    return rest, (hour, minute)


def _read_day(words: str, today: Date) -> Date:
    """Turn the day part into a calendar day, or refuse with a reason."""
    if words == "today":
        return today
    if words in ("tomorrow", "tmrw", "tmr"):
        return today.add(days=1)
    if words == "next week":
        return today.add(days=7)
    if words in _WEEKDAYS:
        # Strictly after today: "fri" typed on a Friday means next week's Friday.
        ahead = (_WEEKDAYS[words] - today.weekday()) % 7 or 7
        return today.add(days=ahead)
    iso = _ISO.match(words)
    if iso:
        return _read_iso(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")), today)
    offset = _PLUS.match(words) or _IN.match(words)
    if offset:
        return _add(today, offset.group("n"), offset.group("unit"), words)
    raise _Refusal(f"I can't read {words!r}. {GENERIC_HINT}")


def _read_iso(year: int, month: int, day: int, today: Date) -> Date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Refusal(f"Please pick a year between {MIN_YEAR} and {MAX_YEAR}.")
    if not 1 <= month <= 12:
        raise _Refusal(f"There is no month {month}: months go from 01 to 12, like 2026-12-01.")
    try:
        result = Date(year, month, day)
    except ValueError:
        last = Date(year, month, 1).add(months=1).subtract(days=1).day
        raise _Refusal(
            f"{year}-{month:02d}-{day:02d} is not a real day: "
            f"{Date(year, month, 1).format('MMMM', locale=LOCALE)} {year} has {last} days."
        ) from None
    if result < today:
        raise _Refusal(f"{result.isoformat()} is in the past: pick today or a later day.")
    return result


def _add(today: Date, amount: str, unit: str, words: str) -> Date:
    if unit not in _UNITS:
        raise _Refusal(f"I can't read {words!r}: use days, weeks or months, like +3d or +2w.")
    count = 1 if amount in ("a", "an", "one") else int(amount)
    # Guard before adding: a huge count would overflow the calendar instead of refusing kindly.
    if count > (MAX_YEAR - MIN_YEAR + 1) * 366:
        raise _Refusal(f"That is too far ahead: please pick a year up to {MAX_YEAR}.")
    return today.add(**{_UNITS[unit]: count})


def _check_year(day: Date) -> None:
    if day.year > MAX_YEAR:
        raise _Refusal(f"That is too far ahead: please pick a year up to {MAX_YEAR}.")
    if day.year < MIN_YEAR:
        raise _Refusal(f"Please pick a year between {MIN_YEAR} and {MAX_YEAR}.")


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _span(days: int) -> str:
    """A positive day count as words: exact days, whole weeks, then months and years."""
    if days < 60:
        if days >= 7 and days % 7 == 0:
            return _plural(days // 7, "week")
        return _plural(days, "day")
    if days < 365:
        return _plural(round(days / 30.44), "month")
    return _plural(days // 365, "year")


def format_relative_day(day: Date, today: Date) -> str:
    """Where `day` sits from `today`: "today", "tomorrow", "in 8 days", "3 days ago"..."""
    delta = day.toordinal() - today.toordinal()
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if delta > 0:
        return f"in {_span(delta)}"
    return f"{_span(-delta)} ago"


def format_ago(moment: DateTime, now: DateTime) -> str:
    """How long ago `moment` was, by calendar day in `now`'s zone: "3 days ago", "5 weeks ago"."""
    day = moment.in_timezone(now.timezone).date() if now.timezone else moment.date()
    delta = now.date().toordinal() - day.toordinal()
    if delta <= 1:
        # A moment later today or ahead (clock skew, a planned time) reads like a day.
        return format_relative_day(day, now.date())
    if delta < 14:
        return f"{delta} days ago"
    if delta < 60:
        return f"{_plural(delta // 7, 'week')} ago"
    if delta < 365:
        return f"{_plural(delta // 30, 'month')} ago"
    return f"{_plural(delta // 365, 'year')} ago"
