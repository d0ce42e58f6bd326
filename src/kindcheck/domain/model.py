"""The product's vocabulary as plain dataclasses: Person, CheckIn, Note, Commitment, FollowUp.

Constructors validate what a user can get wrong (an empty name, an unknown timezone, a bad
cadence, a control character, a line break in a one-line field, text far too long) by raising
`ValidationError` with a message fit to show as it is. So every way text comes in (the command
line, each dialog, the check-in form) gets the same rules without asking for them; the rules
themselves, and `stored_records()` for reading files back, live in `input_rules.py`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from pendulum import Date, DateTime

from kindcheck.domain.input_rules import TEXT_RULES as TEXT_RULES
from kindcheck.domain.input_rules import TextRule as TextRule
from kindcheck.domain.input_rules import ValidationError as ValidationError
from kindcheck.domain.input_rules import check_name as check_name
from kindcheck.domain.input_rules import check_text as check_text
from kindcheck.domain.input_rules import check_timezone as check_timezone
from kindcheck.domain.input_rules import is_new_input as _is_new_input
from kindcheck.domain.input_rules import known_timezones as known_timezones
from kindcheck.domain.input_rules import stored_records as stored_records
from kindcheck.domain.text import is_invisible, normalized


def new_id() -> str:
    """A short random id: unique enough for one leader's notes, short enough to read."""
    return uuid.uuid4().hex[:12]


_CADENCE_DAYS = re.compile(r"^\s*(\d{1,3})\s*d(?:ays?)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Cadence:
    """How often to check in: weekly, biweekly, monthly, or every N days."""

    kind: str  # "weekly" | "biweekly" | "monthly" | "days"
    days: int = 7

    @classmethod
    def parse(cls, text: str) -> Cadence:
        """Read `weekly`, `biweekly`, `monthly` or `Nd` (e.g. `10d`)."""
        word = text.strip().lower()
        if word == "weekly":
            return cls("weekly", 7)
        if word in ("biweekly", "fortnightly"):
            return cls("biweekly", 14)
        if word == "monthly":
            return cls("monthly", 30)
        match = _CADENCE_DAYS.match(word)
        if match:
            days = int(match.group(1))
            if 1 <= days <= 366:
                return cls("days", days)
        raise ValidationError(
            f"I can't read the cadence {text!r}: use weekly, biweekly, monthly or a number of "
            "days like 10d."
        )

    def __str__(self) -> str:
        return f"{self.days}d" if self.kind == "days" else self.kind

    def next_due(self, last: Date) -> Date:
        """The day the next check-in falls due after one on `last`."""
        if self.kind == "monthly":
            return last.add(months=1)
        return last.add(days=self.days)

    @property
    def approx_days(self) -> int:
        """Length in days, for rates and comparisons (monthly counts as 30)."""
        return self.days


WEEKLY = Cadence("weekly", 7)


@dataclass(slots=True)
class Person:
    """Someone the leader checks in with."""

    name: str
    role: str = ""
    cadence: Cadence = WEEKLY
    timezone: str = ""  # "" means the leader's own zone
    what_matters: str = ""
    birthday: Date | None = None
    archived: bool = False
    id: str = field(default_factory=new_id)
    team: str = ""  # free text; people with the same team are shown together
    manager_id: str | None = None  # whom they report to: another Person's id (see org.py)

    def __post_init__(self) -> None:
        self.name = check_name(self.name)
        self.role = self.role.strip()
        self.team = self.team.strip()
        self.timezone = check_timezone(self.timezone)
        if _is_new_input():
            self.role = check_text("role", self.role)
            self.team = check_text("team", self.team)
            self.what_matters = check_text("what_matters", self.what_matters)
        # "Platform" and "Platform  " (or another accent form) are one team.
        self.team = normalized(" ".join(self.team.split()))


class NoteKind(StrEnum):
    PROGRESS = "progress"
    MISSING = "missing"


@dataclass(slots=True)
class Note:
    """A progress or missing item. A missing item stays open until it is resolved."""

    person_id: str
    kind: NoteKind
    text: str
    at: DateTime
    checkin_id: str | None = None  # set when the note was taken during a check-in
    resolved_at: DateTime | None = None
    id: str = field(default_factory=new_id)
    # The manager (a Person's id) this was heard through, in their own check-in; None when
    # the leader noted it first-hand. See domain/heard.py.
    heard_from: str | None = None

    def __post_init__(self) -> None:
        self.kind = NoteKind(self.kind)
        if _is_new_input():
            self.text = check_text("note", self.text)
        if not self.text.strip() or (_is_new_input() and is_invisible(self.text)):
            raise ValidationError("The note is empty: what would you like to remember?")

    @property
    def is_open(self) -> bool:
        return self.kind is NoteKind.MISSING and self.resolved_at is None


class Category(StrEnum):
    """What people need to do good work; "how can I help" answers are sorted into these."""

    TOOLS = "tools"
    TRAINING = "training"
    DIRECTIONS = "directions"
    STANDARDS = "standards"
    SAFETY = "safety"
    OTHER = "other"


@dataclass(slots=True)
class Commitment:
    """Something the leader promised to do for a person."""

    person_id: str
    text: str
    created_at: DateTime
    category: Category = Category.OTHER
    due: Date | None = None
    done_at: DateTime | None = None
    checkin_id: str | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        self.category = Category(self.category)
        if _is_new_input():
            self.text = check_text("commitment", self.text)
        if not self.text.strip() or (_is_new_input() and is_invisible(self.text)):
            raise ValidationError("The commitment is empty: what will you do to help?")

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def is_late(self, today: Date) -> bool:
        return self.is_open and self.due is not None and self.due < today


class FollowUpStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class FollowUp:
    """A planned next conversation with a person."""

    person_id: str
    at: DateTime
    topic: str = ""
    status: FollowUpStatus = FollowUpStatus.PLANNED
    checkin_id: str | None = None  # the check-in that planned it, if any
    id: str = field(default_factory=new_id)
    # When it was last planned, moved, done or cancelled: a calendar or a second machine that
    # changed the same follow-up is reconciled by it (the later change wins). None in old stores.
    changed_at: DateTime | None = None

    def __post_init__(self) -> None:
        self.status = FollowUpStatus(self.status)
        if _is_new_input():
            self.topic = check_text("topic", self.topic)

    @property
    def is_planned(self) -> bool:
        return self.status is FollowUpStatus.PLANNED


@dataclass(slots=True)
class CheckIn:
    """One conversation. Its progress and missing items are Notes with this check-in's id;
    its "how can I help" lines are Commitments; its next follow-up is a FollowUp."""

    person_id: str
    at: DateTime
    mood: int | None = None  # 1..5
    how_they_are: str = ""
    their_words: str = ""
    no_follow_up: bool = False  # the leader consciously chose no next follow-up
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.mood is not None and not 1 <= self.mood <= 5:
            raise ValidationError("Mood goes from 1 (low) to 5 (great).")
        if _is_new_input():
            self.how_they_are = check_text("how_they_are", self.how_they_are)
            self.their_words = check_text("their_words", self.their_words)

    @property
    def asked_how_they_are(self) -> bool:
        """True when the conversation started with the human, not only status."""
        return bool(self.how_they_are.strip()) or self.mood is not None


@dataclass(slots=True)
class PersonHistory:
    """Everything recorded about one person, as loaded from their file."""

    person_id: str
    checkins: list[CheckIn] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    followups: list[FollowUp] = field(default_factory=list)

    @property
    def last_checkin(self) -> CheckIn | None:
        return max(self.checkins, key=lambda c: c.at, default=None)

    @property
    def open_missing(self) -> list[Note]:
        return sorted((n for n in self.notes if n.is_open), key=lambda n: n.at)

    @property
    def open_commitments(self) -> list[Commitment]:
        return sorted((c for c in self.commitments if c.is_open), key=lambda c: c.created_at)

    @property
    def planned_followups(self) -> list[FollowUp]:
        return sorted((f for f in self.followups if f.is_planned), key=lambda f: f.at)
