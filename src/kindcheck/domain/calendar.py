"""The calendar: what each day of a week or a month holds.

Three kinds of items land on a day, always on the leader's calendar (the zone of "now"):
planned follow-ups, check-ins done, and the leader's commitments due. A week also names the
people whose cadence falls due in it with no follow-up planned, so a weekly review can end
with everyone planned.

The plan (follow-ups, open commitments) comes from the summaries and is always current. The
past (every check-in, commitments already kept) needs the full histories, which are slow to
read; until they arrive the recent check-ins in the summaries stand in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import pendulum
from pendulum import Date, DateTime, WeekDay

from kindcheck.domain.cadence import CadenceState, CadenceStatus, cadence_status
from kindcheck.domain.clock import zone_of
from kindcheck.domain.dates import LOCALE, NotUnderstood, Understood, read_follow_up
from kindcheck.domain.model import Commitment, FollowUp, Person, PersonHistory
from kindcheck.domain.short_name import first_name, first_name_key, with_initial
from kindcheck.domain.summary import PersonSummary
from kindcheck.domain.working_hours import WorkingHours


def weekday_name(day: Date) -> str:
    """"Mon", "Tue"...: the short English name of `day`'s weekday, whatever the locale."""
    return day.format("ddd", locale=LOCALE)


class ItemKind(StrEnum):
    FOLLOWUP = "followup"
    CHECKIN = "checkin"
    COMMITMENT = "commitment"


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One thing on one day of the leader's calendar."""

    kind: ItemKind
    day: Date
    person: Person
    short_name: str  # the first name, or more when two people share it
    at: DateTime | None = None  # in the leader's zone; None for commitments
    their_time: DateTime | None = None  # in the person's zone, only when their clock differs
    text: str = ""  # the follow-up's topic or the commitment's text
    mood: int | None = None  # check-ins only
    missed: bool = False  # a planned follow-up whose time has passed
    late: bool = False  # an open commitment past its due day
    done: bool = False  # a commitment already kept
    followup: FollowUp | None = None
    commitment: Commitment | None = None

    @property
    def time_label(self) -> str:
        """"10:00", or "10:00 · 18:00 for Mika" when the person's clock says otherwise."""
        if self.at is None:
            return ""
        label = f"{self.at:%H:%M}"
        if self.their_time is not None:
            label += f" · {their_clock(self.their_time, self.at)} for {self.short_name}"
        return label

    def describe(self) -> str:
        """One plain line, for the detail bar, reminders and tests."""
        if self.kind is ItemKind.FOLLOWUP:
            topic = f": {self.text}" if self.text else ""
            missed = " (missed)" if self.missed else ""
            return f"{self.time_label} follow-up with {self.person.name}{topic}{missed}"
        if self.kind is ItemKind.CHECKIN:
            mood = f", mood {self.mood}" if self.mood is not None else ""
            return f"{self.time_label} checked in with {self.person.name}{mood}"
        state = "kept" if self.done else "late" if self.late else "due"
        return f"For {self.person.name} ({state}): {self.text}"


@dataclass(frozen=True, slots=True)
class DayPlan:
    day: Date
    items: tuple[CalendarItem, ...]
    is_today: bool
    in_month: bool = True  # False for the days a month grid borrows from its neighbours

    @property
    def followups(self) -> list[CalendarItem]:
        return [i for i in self.items if i.kind is ItemKind.FOLLOWUP]


@dataclass(frozen=True, slots=True)
class Unplanned:
    """Someone whose check-in falls due in a week with no follow-up planned yet."""

    person: Person
    short_name: str
    status: CadenceStatus
    due_on: Date  # the day to aim for: the due day, or today when already late

    def describe(self) -> str:
        """"Sam (due Wed)", "Ada (overdue 3 days)", "Lee (no check-in yet)"."""
        if self.status.state is CadenceState.NEVER:
            why = "no check-in yet"
        elif self.status.state is CadenceState.OVERDUE:
            days = self.status.days_overdue
            why = f"overdue {days} day{'s' if days != 1 else ''}"
        else:
            why = f"due {weekday_name(self.due_on)}"
        return f"{self.short_name} ({why})"


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    days: tuple[DayPlan, ...]  # seven, from the week's first day
    unplanned: tuple[Unplanned, ...]

    @property
    def start(self) -> Date:
        return self.days[0].day

    @property
    def end(self) -> Date:
        return self.days[-1].day

    def title(self) -> str:
        """"23 – 29 Nov 2026", "28 Dec 2026 – 3 Jan 2027"."""
        return span_title(self.start, self.end)


@dataclass(frozen=True, slots=True)
class CalendarMonth:
    year: int
    month: int
    weeks: tuple[tuple[DayPlan, ...], ...]  # whole weeks covering the month

    def title(self) -> str:
        return pendulum.date(self.year, self.month, 1).format("MMMM YYYY", locale=LOCALE)


def week_start_of(day: Date, week_start: int = WeekDay.MONDAY) -> Date:
    """The first day of the week holding `day`, for weeks starting on `week_start`."""
    return day.subtract(days=(day.weekday() - int(week_start)) % 7)


def span_title(start: Date, end: Date) -> str:
    """A short title for a run of days, naming the month and year once where they agree."""
    if start.year != end.year:
        return f"{_day_month(start)} {start.year} – {_day_month(end)} {end.year}"
    if start.month != end.month:
        return f"{_day_month(start)} – {_day_month(end)} {end.year}"
    return f"{start.day} – {_day_month(end)} {end.year}"


def _day_month(day: Date) -> str:
    return day.format("D MMM", locale=LOCALE)


def their_clock(theirs: DateTime, ours: DateTime) -> str:
    """The person's clock time, naming their weekday when it is another day for them."""
    if theirs.date() == ours.date():
        return f"{theirs:%H:%M}"
    return f"{theirs:%H:%M} {weekday_name(theirs)}"


def short_names(people: Iterable[Person]) -> dict[str, str]:
    """First names, with a last initial where two people share one ("Sam O.", "Sam K.")."""
    people = list(people)
    # "# Evil Corp" is "# Evil", not "#"; a very long first word is cut (domain/short_name.py).
    firsts: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        firsts[first_name_key(person.name)].append(person)
    names: dict[str, str] = {}
    for person in people:
        if len(firsts[first_name_key(person.name)]) > 1:
            names[person.id] = with_initial(person.name)
        else:
            names[person.id] = first_name(person.name)
    return names


def their_time(person: Person, at: DateTime) -> DateTime | None:
    """`at` on the person's clock, or None when their clock reads the same as ours."""
    if not person.timezone:
        return None
    theirs = at.in_timezone(person.timezone)
    if theirs.utcoffset() == at.utcoffset():
        return None
    return theirs


class Calendar:
    """Everything on the leader's calendar, sorted by day, ready to cut into weeks and months.

    Built once from the store's data (cheap: one pass over it) and asked for any week or month.
    """

    def __init__(
        self,
        people: Iterable[Person],
        summaries: Mapping[str, PersonSummary],
        now: DateTime,
        histories: Mapping[str, PersonHistory] | None = None,
    ) -> None:
        self.now = now
        self.today = now.date()
        self.people = [p for p in people if not p.archived]
        self.summaries = summaries
        self.short_names = short_names(self.people)
        self._by_day: dict[Date, list[CalendarItem]] = defaultdict(list)
        for person in self.people:
            summary = summaries.get(person.id) or PersonSummary(person.id)
            history = histories.get(person.id) if histories is not None else None
            for item in self._items_for(person, summary, history):
                self._by_day[item.day].append(item)
        for items in self._by_day.values():
            items.sort(key=_item_order)

    # -- cutting ------------------------------------------------------------------------------

    def day(self, day: Date, *, in_month: bool = True) -> DayPlan:
        return DayPlan(day, tuple(self._by_day.get(day, ())), day == self.today, in_month)

    def week(self, day: Date, week_start: int = WeekDay.MONDAY) -> CalendarWeek:
        """The week holding `day`, with the people to plan in it."""
        first = week_start_of(day, week_start)
        days = tuple(self.day(first.add(days=offset)) for offset in range(7))
        return CalendarWeek(days, tuple(self._unplanned(first, days[-1].day)))

    def month(self, year: int, month: int, week_start: int = WeekDay.MONDAY) -> CalendarMonth:
        """Whole weeks covering the month; borrowed days are marked `in_month=False`."""
        first = pendulum.date(year, month, 1)
        last = first.end_of("month")
        start = week_start_of(first, week_start)
        weeks: list[tuple[DayPlan, ...]] = []
        while start <= last:
            weeks.append(tuple(
                self.day(d, in_month=d.month == month)
                for d in (start.add(days=offset) for offset in range(7))
            ))
            start = start.add(days=7)
        return CalendarMonth(year, month, tuple(weeks))

    # -- building -----------------------------------------------------------------------------

    def _items_for(
        self, person: Person, summary: PersonSummary, history: PersonHistory | None
    ) -> Iterable[CalendarItem]:
        zone = zone_of(self.now)
        name = self.short_names[person.id]
        for followup in summary.planned_followups:
            at = followup.at.in_timezone(zone)
            yield CalendarItem(
                ItemKind.FOLLOWUP, at.date(), person, name, at, their_time(person, at),
                followup.topic, missed=followup.at < self.now, followup=followup,
            )
        # The summary knows the latest check-ins, the history all of them; a history read a
        # moment ago may lack the newest, so the two are merged (one moment, one check-in).
        checkins = {c.at: c.mood for c in history.checkins} if history is not None else {}
        checkins.update((c.at, c.mood) for c in summary.recent_checkins)
        for moment, mood in checkins.items():
            at = moment.in_timezone(zone)
            yield CalendarItem(
                ItemKind.CHECKIN, at.date(), person, name, at, their_time(person, at), mood=mood
            )
        commitments = list(summary.open_commitments)
        if history is not None:
            still_open = {c.id for c in commitments}
            commitments += [
                c for c in history.commitments if not c.is_open and c.id not in still_open
            ]
        for commitment in commitments:
            if commitment.due is None:
                continue
            yield CalendarItem(
                ItemKind.COMMITMENT, commitment.due, person, name, text=commitment.text,
                late=commitment.is_late(self.today), done=not commitment.is_open,
                commitment=commitment,
            )

    def _unplanned(self, first: Date, last: Date) -> Iterable[Unplanned]:
        """People falling due between `first` and `last` with nothing planned by then.

        Someone already overdue, or never checked in, falls due today: they show in this
        week, not in a week gone by.
        """
        if last < self.today:
            return []
        found: list[Unplanned] = []
        for person in self.people:
            summary = self.summaries.get(person.id) or PersonSummary(person.id)
            status = cadence_status(person, summary.last_checkin_at, self.now)
            due_on = max(status.due_on, self.today)
            if not first <= due_on <= last:
                continue
            planned = any(
                self.today <= f.at.in_timezone(zone_of(self.now)).date() <= last
                for f in summary.planned_followups
            )
            if not planned:
                found.append(Unplanned(person, self.short_names[person.id], status, due_on))
        found.sort(key=lambda u: (u.due_on, -u.status.days_overdue, u.person.name.casefold()))
        return found


_KIND_ORDER = {ItemKind.FOLLOWUP: 0, ItemKind.CHECKIN: 0, ItemKind.COMMITMENT: 1}


def _item_order(item: CalendarItem) -> tuple:
    # Timed items by time; commitments (no time) after them, open before kept.
    return (_KIND_ORDER[item.kind], item.at or item.day, item.done, item.person.name.casefold())


@dataclass(frozen=True, slots=True)
class PlannedTime:
    """What a typed follow-up time was understood as. `at` is None when it cannot be used."""

    at: DateTime | None
    message: str  # say it back, or say kindly what is wrong
    warning: bool = False  # usable, but worth a second look (outside working hours)


def read_planned_time(
    text: str,
    now: DateTime,
    person: Person | None = None,
    *,
    default_time: tuple[int, int] = (10, 0),
    working_hours: WorkingHours | None = None,
) -> PlannedTime:
    """Read a follow-up time as typed, and say it back with the person's clock if it differs.

    "none" and moments already past are refused here: planning needs a time still ahead.
    """
    reading = read_follow_up(text, now, default_time=default_time, none_ok=False)
    if isinstance(reading, NotUnderstood):
        return PlannedTime(None, reading.reason)
    at = reading.at
    assert at is not None  # "none" is refused when planning
    # Always say the hour: a plain "fri" still lands at a definite time.
    message = Understood(at, has_time=True).describe(now)
    hours = working_hours or WorkingHours()
    theirs = their_time(person, at) if person is not None else None
    if theirs is not None:
        name = person.name.split()[0] if person is not None else ""
        message += f" · {their_clock(theirs, at)} for {name}"
        if not hours.contains(theirs):
            return PlannedTime(at, f"{message}, outside their working hours", warning=True)
    if not hours.contains(at):
        return PlannedTime(at, f"{message}, outside your working hours ({hours})", warning=True)
    return PlannedTime(at, message)
