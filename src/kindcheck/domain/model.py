"""The product's vocabulary as plain dataclasses: Person, CheckIn, Note, Commitment, FollowUp.

Constructors validate what a user can get wrong (an empty name, an unknown timezone, a bad
cadence, a control character, a line break in a one-line field, text far too long) by raising
`ValidationError` with a message fit to show as it is. So every way text comes in (the command
line, each dialog, the check-in form) gets the same rules without asking for them.

Records read back from a file are built inside `stored_records()`, where the rules for new
input are not applied: text an older kindcheck or another tool wrote must still open (and is
shown with `text.printable`), or one stray character would lock a leader out of their notes.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import uuid
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import StrEnum

import pendulum
from pendulum import Date, DateTime

from kindcheck.domain.text import (
    control_characters_in,
    describe_character,
    is_invisible,
    normalized,
    printable,
)


class ValidationError(ValueError):
    """Input a user typed that kindcheck cannot accept; the message says why, kindly."""


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


# -- text rules ---------------------------------------------------------------------------------

_READING_STORED: ContextVar[bool] = ContextVar("kindcheck_reading_stored", default=False)


@contextmanager
def stored_records() -> Iterator[None]:
    """Build records read back from a file: the rules for new input are not applied inside."""
    token = _READING_STORED.set(True)
    try:
        yield
    finally:
        _READING_STORED.reset(token)


def _is_new_input() -> bool:
    return not _READING_STORED.get()


@dataclass(frozen=True, slots=True)
class TextRule:
    """How one field's text may look: what to call it, how long it may be, one line or many."""

    label: str  # starts a sentence: "The note has ..."
    limit: int  # characters
    one_line: bool


# Every field a user types into, in one place. The limits are far above anything typed in a
# conversation, and low enough that a runaway paste cannot bloat a file read on every start.
TEXT_RULES: dict[str, TextRule] = {
    "name": TextRule("The name", 200, one_line=True),
    "role": TextRule("The role", 200, one_line=True),
    "timezone": TextRule("The timezone", 64, one_line=True),
    "topic": TextRule("The topic", 200, one_line=True),
    "commitment": TextRule("The commitment", 1000, one_line=True),
    "note": TextRule("The note", 20_000, one_line=False),
    "what_matters": TextRule("What matters to them", 20_000, one_line=False),
    "how_they_are": TextRule("How they are", 20_000, one_line=False),
    "their_words": TextRule("Their words", 20_000, one_line=False),
}

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def check_text(field_name: str, text: str) -> str:
    """`text` as it may be stored in `field_name` (a key of TEXT_RULES), or ValidationError.

    Refused: control characters (ESC, BEL, C1, bidi overrides...), bytes the terminal could
    not decode, line breaks in a one-line field, and text over the field's limit. A Windows
    line end ("\\r\\n") in a many-line field is quietly made a plain "\\n".
    """
    rule = TEXT_RULES[field_name]
    if not rule.one_line:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise ValidationError(
            f"{rule.label} has bytes in it that are not text in any alphabet kindcheck reads "
            "(perhaps the terminal uses another character set): please type it again."
        )
    if rule.one_line and any(char in _LINE_BREAKS for char in text):
        raise ValidationError(f"{rule.label} must fit on one line: please type it without "
                              "line breaks.")
    controls = control_characters_in(text, allow_newline=not rule.one_line)
    if controls:
        codes = ", ".join(describe_character(c) for c in controls[:3])
        what = "a control character" if len(controls) == 1 else "control characters"
        raise ValidationError(
            f"{rule.label} has {what} ({codes}) in it: please type it again without "
            f"{'it' if len(controls) == 1 else 'them'}."
        )
    if len(text) > rule.limit:
        raise ValidationError(
            f"{rule.label} is too long: please keep it to {rule.limit:,} characters "
            f"(it has {len(text):,})."
        )
    return text


# -- time zones ---------------------------------------------------------------------------------

# Names that load on some machines but are no place: "Factory" is tzdata's "zone unknown",
# the rest are files of the system's own zone folder.
_NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})
_SYSTEM_ONLY_PREFIXES = ("posix/", "right/")


@functools.cache
def known_timezones() -> frozenset[str]:
    """The zones of the `tzdata` package kindcheck depends on (pendulum reads it too).

    Not the system's zone folder: names found only there (`right/UTC`, `posix/...`,
    `localtime`) would make a store unreadable on a machine without them.
    """
    try:
        listing = importlib.resources.files("tzdata").joinpath("zones").read_text("utf-8")
        names = set(listing.split())
    except (ModuleNotFoundError, OSError):  # a broken install: the system list, filtered
        names = set(zoneinfo.available_timezones())
    return frozenset(
        name for name in names
        if name not in _NOT_PLACES and not name.startswith(_SYSTEM_ONLY_PREFIXES)
    )


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in known_timezones()}


def check_timezone(name: str) -> str:
    """A real IANA zone in its proper spelling ("europe/berlin" -> "Europe/Berlin"), or ""
    (the leader's own) for an empty `name`; ValidationError for anything else.

    A zone read back from a file is only checked to load, as before, so an older store opens.
    """
    name = name.strip()
    if not name:
        return ""
    if not _is_new_input():
        try:
            pendulum.timezone(name)
        except Exception as error:  # pendulum raises several kinds for unknown zones
            raise ValidationError(
                f"I don't know the timezone {printable(name)!r}: try a name like Europe/Berlin."
            ) from error
        return name
    check_text("timezone", name)
    known = _zones_by_folded_name().get(name.casefold())
    if known is not None:
        return known
    bare = name.split("/", 1)[1] if name.startswith(_SYSTEM_ONLY_PREFIXES) else ""
    if bare in known_timezones():
        raise ValidationError(
            f"{name!r} is a name only some computers know: please use {bare} instead."
        )
    raise ValidationError(f"I don't know the timezone {name!r}: try a name like Europe/Berlin.")


def check_name(name: str) -> str:
    """A person's name as stored: one line, spaces tidied, in NFC so that an accent typed
    precomposed or combining makes the same name; ValidationError when it cannot be one."""
    if _is_new_input():
        check_text("name", name)
    name = normalized(" ".join(name.split()))
    if not name:
        raise ValidationError("A name is needed: who is this person?")
    if not _is_new_input():
        return name
    if is_invisible(name):
        raise ValidationError("That name has nothing one can see in it: please type a name.")
    return check_text("name", name)


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

    def __post_init__(self) -> None:
        self.name = check_name(self.name)
        self.role = self.role.strip()
        self.timezone = check_timezone(self.timezone)
        if _is_new_input():
            self.role = check_text("role", self.role)
            self.what_matters = check_text("what_matters", self.what_matters)


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
