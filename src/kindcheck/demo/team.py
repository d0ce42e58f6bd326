"""The sample team: people and their histories, made up from a seed and relative to "now".

Pure: no store, no wall clock. One `random.Random(seed)` decides everything, ids included,
so the same seed and the same "now" always give the same team, byte for byte.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pendulum
from pendulum import Date, DateTime

from kindcheck.demo import phrases
from kindcheck.domain.model import (
    Cadence,
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    NoteKind,
    Person,
    PersonHistory,
)


@dataclass(frozen=True, slots=True)
class Slot:
    """The situation one sample person is in today."""

    scenario: str  # "fine" | "due" | "overdue" | "never"
    cadence: str
    timezone: str = ""
    followup_today: tuple[int, int] | None = None  # leader's local time
    mood_trend: str = "steady"  # "steady" | "declining" | "improving" | "dip"
    birthday_in_days: int | None = None


# The first seven people cover every situation the dashboard shows; more are drawn at random.
STARTER_SLOTS = (
    Slot("fine", "weekly", followup_today=(11, 0)),
    Slot("overdue", "weekly", mood_trend="declining"),
    Slot("fine", "biweekly", "Asia/Tokyo", followup_today=(8, 30)),
    Slot("due", "weekly", followup_today=(14, 30), mood_trend="improving", birthday_in_days=4),
    Slot("fine", "monthly", "America/New_York", followup_today=(16, 0)),
    Slot("fine", "10d", mood_trend="dip"),
    Slot("never", "weekly"),
)
_OTHER_ZONES = ("Asia/Tokyo", "America/New_York", "Europe/Lisbon", "Asia/Kolkata")
_CATEGORY_WEIGHTS = {
    Category.TOOLS: 20, Category.TRAINING: 20, Category.DIRECTIONS: 20,
    Category.STANDARDS: 12, Category.SAFETY: 12, Category.OTHER: 16,
}  # fmt: skip
FIRST_TOPIC = "First one-to-one: getting to know each other"


def sample_team(
    now: DateTime, *, people: int, weeks: int, seed: int
) -> list[tuple[Person, PersonHistory]]:
    """`people` made-up people, each with about `weeks` weeks of history up to `now`."""
    teller = _Storyteller(now, random.Random(seed))
    team = [teller.person(index) for index in range(people)]
    first_names = [p.name.split()[0] for p, _ in team]
    result = []
    for index, (person, slot) in enumerate(team):
        peers = [n for i, n in enumerate(first_names) if i != index] or ["a new joiner"]
        result.append((person, teller.history(index, person, slot, weeks, peers)))
    return result


class _Storyteller:
    """Draws people and their weeks from one random source, in a fixed order."""

    def __init__(self, now: DateTime, rng: random.Random) -> None:
        self.now = now
        self.rng = rng
        self.tz = now.timezone or pendulum.UTC
        self.today = now.date()
        self.used_names: set[str] = set()

    # -- people ------------------------------------------------------------------------------

    def new_id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def person(self, index: int) -> tuple[Person, Slot]:
        rng = self.rng
        slot = STARTER_SLOTS[index] if index < len(STARTER_SLOTS) else self._random_slot()
        if index < len(STARTER_SLOTS):
            name = f"{phrases.FIRST_NAMES[index]} {phrases.LAST_NAMES[index]}"
            role = phrases.ROLES[index]
        else:
            name = self._fresh_name()
            role = rng.choice(phrases.ROLES)
        self.used_names.add(name)
        parts = [rng.choice(phrases.LIFE), rng.choice(phrases.HOBBIES), rng.choice(phrases.GOALS)]
        if rng.random() < 0.3:
            parts.pop(rng.randrange(3))
        what_matters = "; ".join(parts)
        birthday = None
        if slot.birthday_in_days is not None:
            soon = self.today.add(days=slot.birthday_in_days)
            birthday = Date(1992, soon.month, soon.day)  # a leap year, so 29 Feb works too
        elif rng.random() < 0.2:
            birthday = Date(rng.randint(1965, 2002), rng.randint(1, 12), rng.randint(1, 28))
        person = Person(
            name=name,
            role=role,
            cadence=Cadence.parse(slot.cadence),
            timezone=slot.timezone,
            what_matters=what_matters[0].upper() + what_matters[1:],
            birthday=birthday,
            id=self.new_id(),
        )
        return person, slot

    def _random_slot(self) -> Slot:
        rng = self.rng
        cadence = rng.choices(["weekly", "biweekly", "monthly", "10d"], [90, 6, 2, 2])[0]
        scenario = rng.choices(["fine", "due", "overdue", "never"], [78, 8, 10, 4])[0]
        zone = rng.choice(_OTHER_ZONES) if rng.random() < 0.15 else ""
        trend = rng.choices(["steady", "declining", "improving", "dip"], [70, 8, 10, 12])[0]
        return Slot(scenario, cadence, zone, mood_trend=trend)

    def _fresh_name(self) -> str:
        for _ in range(10_000):
            name = f"{self.rng.choice(phrases.FIRST_NAMES)} {self.rng.choice(phrases.LAST_NAMES)}"
            if name not in self.used_names:
                return name
        raise RuntimeError("ran out of sample names")  # more people than MAX_PEOPLE allows

    # -- one person's weeks -------------------------------------------------------------------

    def history(self, index: int, person: Person, slot: Slot, weeks: int,
                peers: list[str]) -> PersonHistory:
        rng = self.rng
        history = PersonHistory(person.id)
        hours = self._good_hours(person)
        fill = _Filler(rng, peers)
        if slot.scenario == "never":
            history.followups.append(self._first_followup(person, hours))
            return history
        start = self.today.subtract(weeks=weeks)
        if index >= len(STARTER_SLOTS) and rng.random() < 0.1:
            start = self.today.subtract(weeks=rng.randint(min(4, weeks), weeks))  # joined later
        days = self._checkin_days(person.cadence, slot.scenario, start)
        base = rng.choice((3.0, 3.5, 4.0, 4.0, 4.5))
        dip_at = rng.uniform(6, max(weeks, 7))
        checkins = []
        for day in days:
            at = self._at(day, rng.choice(hours), rng.choice((0, 15, 30, 45)))
            weeks_ago = (self.today - day).days / 7
            checkins.append(self._checkin(person.id, at, fill, slot.mood_trend, base,
                                          weeks_ago, dip_at))
        history.checkins = checkins
        moments = [c.at for c in checkins]
        for i, checkin in enumerate(checkins):
            self._conversation(history, checkin, i, moments, fill)
            self._quick_note(history, person.id, i, moments, hours, fill)
        self._next_followup(history, person, slot, hours, fill)
        self._anchors(history, index, fill)
        return history

    def _checkin(self, person_id: str, at: DateTime, fill: _Filler, trend: str, base: float,
                 weeks_ago: float, dip_at: float) -> CheckIn:
        rng = self.rng
        if rng.random() < 0.08:  # a status-only talk: the human part was skipped
            return CheckIn(person_id, at, their_words=fill.maybe(0.3, phrases.THEIR_WORDS),
                           id=self.new_id())
        shift = {
            "steady": 0.0,
            "declining": -0.35 * max(0.0, 6 - weeks_ago),
            "improving": -1.4 * min(1.0, weeks_ago / 8),
            "dip": -1.6 if abs(weeks_ago - dip_at) < 3 else 0.0,
        }[trend]
        mood = max(1, min(5, round(base + shift + rng.gauss(0, 0.5))))
        bank = phrases.HOW_LOW if mood <= 2 else phrases.HOW_MID if mood == 3 else phrases.HOW_HIGH
        how = rng.choice(bank)
        if rng.random() < 0.45:
            how += " " + rng.choice(phrases.WEEKEND)
        return CheckIn(
            person_id, at,
            mood=None if rng.random() < 0.04 else mood,
            how_they_are=how,
            their_words=fill.maybe(0.55, phrases.THEIR_WORDS),
            id=self.new_id(),
        )  # fmt: skip

    def _conversation(self, history: PersonHistory, checkin: CheckIn, i: int,
                      moments: list[DateTime], fill: _Filler) -> None:
        """What one check-in produced: notes, a promise or two, the follow-up it planned."""
        rng, pid = self.rng, checkin.person_id
        for _ in range(rng.choice((0, 1, 1, 2, 2))):
            history.notes.append(Note(pid, NoteKind.PROGRESS, fill.text(phrases.PROGRESS),
                                      checkin.at, checkin.id, id=self.new_id()))
        if rng.random() < 0.3:
            history.notes.append(self._missing(pid, checkin.at, checkin.id, i, moments, fill))
        if rng.random() < 0.3:
            history.commitments.append(self._commitment(checkin, i, moments, fill))
        if i + 1 < len(moments):
            if rng.random() < 0.03:
                checkin.no_follow_up = True
            else:
                history.followups.append(FollowUp(
                    pid, moments[i + 1], fill.maybe(0.6, phrases.TOPICS),
                    FollowUpStatus.DONE, checkin.id, id=self.new_id(),
                ))  # fmt: skip

    def _missing(self, pid: str, at: DateTime, checkin_id: str | None, i: int,
                 moments: list[DateTime], fill: _Filler) -> Note:
        """A missing item, resolved at a later check-in unless it is recent (or stubborn)."""
        rng = self.rng
        note = Note(pid, NoteKind.MISSING, fill.text(phrases.MISSING), at, checkin_id,
                    id=self.new_id())
        old = (self.today - at.date()).days > 56
        later = i + rng.randint(1, 3)
        if later < len(moments) and rng.random() < (0.995 if old else 0.45):
            note.resolved_at = moments[later]
        return note

    def _commitment(self, checkin: CheckIn, i: int, moments: list[DateTime],
                    fill: _Filler) -> Commitment:
        rng = self.rng
        category = rng.choices(list(_CATEGORY_WEIGHTS), list(_CATEGORY_WEIGHTS.values()))[0]
        made = checkin.at.date()
        due = None if rng.random() < 0.15 else made.add(days=rng.choice((2, 3, 5, 7, 10, 14)))
        done_at = None
        recent = (self.today - made).days <= 28
        if due is None:
            if i + 1 < len(moments) and rng.random() < (0.6 if recent else 1.0):
                done_at = moments[min(i + rng.randint(1, 2), len(moments) - 1)]
        elif due < self.today:
            if not recent or rng.random() < 0.75:
                if rng.random() < 0.25:
                    done_day = due.add(days=rng.randint(1, 6))
                else:
                    done_day = due.subtract(days=rng.randint(0, (due - made).days))
                done_day = min(done_day, self.today.subtract(days=1))
                done_at = max(self._at(max(done_day, made), 17, 0), checkin.at.add(minutes=30))
        elif made < self.today.subtract(days=1) and rng.random() < 0.25:
            done_at = self._at(self.today.subtract(days=1), 17, 0)
        return Commitment(checkin.person_id, fill.text(phrases.HELP[category.value]), checkin.at,
                          category, due, done_at, checkin.id, id=self.new_id())

    def _quick_note(self, history: PersonHistory, pid: str, i: int, moments: list[DateTime],
                    hours: list[int], fill: _Filler) -> None:
        """Sometimes a quick note lands between two check-ins."""
        rng = self.rng
        # Kept occasional: quick notes count as contact, and a sample leader should not hover.
        if rng.random() >= 0.3:
            return
        first = moments[i].date().add(days=1)
        last = moments[i + 1].date().subtract(days=1) if i + 1 < len(moments) else None
        last = min(last or self.today.subtract(days=1), self.today.subtract(days=1))
        if last < first:
            return
        day = first.add(days=rng.randint(0, (last - first).days))
        at = self._at(day, rng.choice(hours), rng.choice((5, 20, 40, 55)))
        if rng.random() < 0.3:
            history.notes.append(self._missing(pid, at, None, i, moments, fill))
        else:
            history.notes.append(Note(pid, NoteKind.PROGRESS, fill.text(phrases.PROGRESS), at,
                                      id=self.new_id()))

    def _next_followup(self, history: PersonHistory, person: Person, slot: Slot,
                       hours: list[int], fill: _Filler) -> None:
        """The cycle of accountability: the last talk planned the next one."""
        rng = self.rng
        last = history.checkins[-1]
        day = person.cadence.next_due(last.at.in_timezone(self.tz).date())
        status = FollowUpStatus.PLANNED
        if slot.followup_today is not None:
            day, (hour, minute) = self.today, slot.followup_today
        else:
            hour, minute = rng.choice(hours), rng.choice((0, 30))
            if slot.scenario == "overdue":
                status = FollowUpStatus.CANCELLED  # it slipped and was never rebooked
            else:
                day = _weekday_on_or_after(max(day, self.today))
        history.followups.append(FollowUp(
            person.id, self._at(day, hour, minute), fill.maybe(0.8, phrases.TOPICS),
            status, last.id, id=self.new_id(),
        ))  # fmt: skip

    def _first_followup(self, person: Person, hours: list[int]) -> FollowUp:
        day = _weekday_on_or_after(self.today.add(days=1))
        return FollowUp(person.id, self._at(day, self.rng.choice(hours), 0), FIRST_TOPIC,
                        id=self.new_id())

    def _anchors(self, history: PersonHistory, index: int, fill: _Filler) -> None:
        """Make sure the default team shows a promise due today, one late and open, and one
        kept late, whatever the seed."""
        last = history.checkins[-1]
        if index == 3 and len(history.checkins) >= 3:
            earlier = history.checkins[len(history.checkins) // 2]
            due = _weekday_on_or_after(earlier.at.date().add(days=4))
            history.commitments.append(Commitment(
                last.person_id, fill.text(phrases.HELP["directions"]), earlier.at,
                Category.DIRECTIONS, due,
                self._at(min(due.add(days=3), self.today.subtract(days=1)), 16, 0), earlier.id,
                id=self.new_id(),
            ))  # fmt: skip
        if index == 0:
            history.commitments.append(Commitment(
                last.person_id, fill.text(phrases.HELP["training"][:1]), last.at,
                Category.TRAINING, self.today, checkin_id=last.id, id=self.new_id(),
            ))  # fmt: skip
        if index == 1:
            history.commitments.append(Commitment(
                last.person_id, "Get access to the staging logs", last.at, Category.TOOLS,
                _weekday_on_or_after(last.at.date().add(days=3)), checkin_id=last.id,
                id=self.new_id(),
            ))  # fmt: skip
            history.notes.append(Note(
                last.person_id, NoteKind.MISSING, "No clear owner for the release checklist.",
                last.at, last.id, id=self.new_id(),
            ))  # fmt: skip

    # -- days and hours -----------------------------------------------------------------------

    def _checkin_days(self, cadence: Cadence, scenario: str, start: Date) -> list[Date]:
        """Check-in days, oldest first, ending so that today's status is `scenario`."""
        rng, today = self.rng, self.today
        recent = [today.subtract(days=k) for k in range(1, 70)]
        if scenario == "due":
            choices = [d for d in recent if cadence.next_due(d) == today]
        elif scenario == "overdue":
            choices = [d for d in recent
                       if d.weekday() < 5 and 3 <= (today - cadence.next_due(d)).days <= 10]
        else:
            choices = [d for d in recent if d.weekday() < 5 and cadence.next_due(d) > today]
        days = [rng.choice(choices) if choices else recent[0]]
        while True:
            if cadence.kind == "monthly":
                previous = days[-1].subtract(months=1).add(days=rng.choice((-3, -1, 0, 0, 2)))
            else:
                step = max(1, cadence.days + rng.choice((-1, 0, 0, 0, 0, 1)))
                if rng.random() < 0.02:  # a holiday or a busy week: one was skipped
                    step += cadence.days
                previous = days[-1].subtract(days=step)
            while previous.weekday() >= 5:
                previous = previous.subtract(days=1)
            if previous < start:
                break
            days.append(previous)
        days.reverse()
        return days

    def _good_hours(self, person: Person) -> list[int]:
        """Leader's working hours that are also sensible hours for the person."""
        if not person.timezone:
            return list(range(9, 17))
        hours = [
            h for h in range(8, 18)
            if 8 <= self._at(self.today, h, 0).in_timezone(person.timezone).hour <= 18
        ]
        return hours or list(range(9, 17))

    def _at(self, day: Date, hour: int, minute: int) -> DateTime:
        return pendulum.datetime(day.year, day.month, day.day, hour, minute, tz=self.tz)


class _Filler:
    """Fills the {area}, {skill} and {peer} blanks in the phrase banks."""

    def __init__(self, rng: random.Random, peers: list[str]) -> None:
        self.rng = rng
        self.peers = peers

    def text(self, bank: tuple[str, ...]) -> str:
        rng = self.rng
        return rng.choice(bank).format(
            area=rng.choice(phrases.AREAS), skill=rng.choice(phrases.SKILLS),
            peer=rng.choice(self.peers),
        )  # fmt: skip

    def maybe(self, chance: float, bank: tuple[str, ...]) -> str:
        return self.text(bank) if self.rng.random() < chance else ""


def _weekday_on_or_after(day: Date) -> Date:
    while day.weekday() >= 5:
        day = day.add(days=1)
    return day
