"""The check-in form as plain data: kept as a draft, read back, and turned into records.

Everything here is pure. "now" is passed in, so a line like `tools: new laptop by fri` reads
the same way every time in tests. The form's screen only moves text between widgets and these
functions; what a line means is decided here.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pendulum
from pendulum import Date, DateTime

from kindcheck.domain.dates import (
    NotUnderstood,
    Understood,
    format_relative_day,
    parse_when,
    read_follow_up,
)
from kindcheck.domain.model import (
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    ValidationError,
)

DRAFT_VERSION = 1

# Category words a "how can I help" line may start with; a few natural variants included.
CATEGORY_WORDS: dict[str, Category] = {category.value: category for category in Category}
CATEGORY_WORDS.update(
    {
        "tool": Category.TOOLS,
        "direction": Category.DIRECTIONS,
        "standard": Category.STANDARDS,
        "safe": Category.SAFETY,
    }
)

_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_PREFIX = re.compile(
    r"^(?:\[\s*(?P<bracket>[a-z]+)\s*\]|(?P<word>[a-z]+)\s*:)\s*(?P<rest>.*)$", re.IGNORECASE
)
_DUE_WORD = re.compile(r"\s+(?P<word>by|due)\s+", re.IGNORECASE)

NO_FOLLOW_UP_YET = (
    "Every check-in ends with the next follow-up: type a day, like fri or 2026-12-01, "
    "or none if you choose not to plan one."
)


class NoFollowUpChosen(ValidationError):
    """Saving was asked for before a readable next follow-up (or `none`) was typed."""


@dataclass(slots=True)
class CheckInFields:
    """Everything typed into the check-in form, exactly as typed."""

    how_they_are: str = ""
    mood: int | None = None
    progress: str = ""
    missing: str = ""
    their_words: str = ""
    help: str = ""
    follow_up: str = ""
    topic: str = ""
    # Ids of earlier missing items the leader marked as resolved in this conversation.
    resolved: list[str] = field(default_factory=list)
    # For a manager: "how are your people doing?", one line per report (report id → line).
    reports: dict[str, str] = field(default_factory=dict)

    @property
    def is_blank(self) -> bool:
        """True when nothing at all has been typed or chosen."""
        texts: tuple[str, ...] = (
            self.how_they_are, self.progress, self.missing, self.their_words,
            self.help, self.follow_up, self.topic,
        )  # fmt: skip
        texts += tuple(self.reports.values())
        return self.mood is None and not self.resolved and not any(t.strip() for t in texts)

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain JSON-friendly data, for the store's drafts."""
        return {
            "version": DRAFT_VERSION,
            "how_they_are": self.how_they_are,
            "mood": self.mood,
            "progress": self.progress,
            "missing": self.missing,
            "their_words": self.their_words,
            "help": self.help,
            "follow_up": self.follow_up,
            "topic": self.topic,
            "resolved": list(self.resolved),
            "reports": dict(self.reports),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckInFields:
        """Read fields back from a draft; anything odd or missing becomes empty, never an error.

        A draft is the leader's own typing: losing one field to a bad value is better than
        refusing to bring back the rest.
        """

        def text(key: str) -> str:
            value = data.get(key, "")
            return value if isinstance(value, str) else ""

        mood = data.get("mood")
        if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
            mood = None
        resolved = data.get("resolved", [])
        if not isinstance(resolved, list):
            resolved = []
        reports = data.get("reports", {})
        if not isinstance(reports, dict):
            reports = {}
        return cls(
            how_they_are=text("how_they_are"),
            mood=mood,
            progress=text("progress"),
            missing=text("missing"),
            their_words=text("their_words"),
            help=text("help"),
            follow_up=text("follow_up"),
            topic=text("topic"),
            resolved=[item for item in resolved if isinstance(item, str)],
            reports={k: v for k, v in reports.items() if isinstance(k, str) and isinstance(v, str)},
        )


def draft_payload(fields: CheckInFields, saved_at: DateTime) -> dict[str, Any]:
    """What the form hands to `Store.save_draft`: the fields plus when they were kept."""
    return {**fields.to_dict(), "saved_at": saved_at.isoformat()}


def draft_saved_at(data: Mapping[str, Any]) -> DateTime | None:
    """When a draft was kept, if it says so and the moment can be read."""
    value = data.get("saved_at")
    if not isinstance(value, str):
        return None
    try:
        moment = pendulum.parse(value)
    except (ValueError, TypeError):
        return None
    return moment if isinstance(moment, DateTime) else None


def describe_saved_at(moment: DateTime, now: DateTime) -> str:
    """ "09:42" for today, "Fri 20 Nov 09:42" for another day, in the leader's zone."""
    local = moment.in_timezone(now.timezone) if now.timezone else moment
    clock = f"{local.hour:02d}:{local.minute:02d}"
    if local.date() == now.date():
        return clock
    return f"{local.format('ddd D MMM')} {clock}"


def item_lines(text: str) -> list[str]:
    """One item per line; blank lines and list bullets ("- ", "* ", "1. ") dropped."""
    items = (_BULLET.sub("", line, count=1).strip() for line in text.splitlines())
    return [item for item in items if item]


@dataclass(frozen=True, slots=True)
class HelpLine:
    """One "how can I help" line, read: what the leader will do, its kind, and when by."""

    text: str
    category: Category = Category.OTHER
    due: Date | None = None
    # Why a `due ...` part could not be read; the line keeps those words in its text.
    due_problem: str = ""

    def describe(self, today: Date) -> str:
        """Say back how the line was read: "tools · new laptop · due Fri 27 Nov, in 4 days"."""
        parts = [self.category.value, self.text]
        if self.due is not None:
            parts.append(f"due {describe_day(self.due, today)}")
        elif self.due_problem:
            parts.append(f"no due date: {self.due_problem}")
        return " · ".join(parts)


def describe_day(day: Date, today: Date) -> str:
    """ "Fri 27 Nov, in 4 days" (the year only when it is not this one)."""
    text = day.format("ddd D MMM") if day.year == today.year else day.format("ddd D MMM YYYY")
    return f"{text}, {format_relative_day(day, today)}"


def parse_help_line(line: str, now: DateTime) -> HelpLine | None:
    """Read one line such as `tools: new laptop by fri` or `[training] course due 2026-12-10`.

    A leading category word (`tools:` or `[tools]`) sorts the promise; a trailing `by WHEN` or
    `due WHEN` gives it a due day, read like any date the leader types. Anything not read that
    way simply stays part of the text. Returns None for a blank line.
    """
    rest = _BULLET.sub("", line, count=1).strip()
    if not rest:
        return None
    category = Category.OTHER
    prefix = _PREFIX.match(rest)
    if prefix:
        word = (prefix.group("bracket") or prefix.group("word")).lower()
        if word in CATEGORY_WORDS and prefix.group("rest").strip():
            category = CATEGORY_WORDS[word]
            rest = prefix.group("rest").strip()
    text, due, problem = _split_due(rest, now)
    return HelpLine(text=text, category=category, due=due, due_problem=problem)


def parse_help_lines(text: str, now: DateTime) -> list[HelpLine]:
    """Every non-blank line of the "how can I help" field, read."""
    lines = (parse_help_line(line, now) for line in text.splitlines())
    return [line for line in lines if line is not None]


def _split_due(text: str, now: DateTime) -> tuple[str, Date | None, str]:
    # The last "by"/"due" that is followed by a readable day wins, so "stand by the team by
    # fri" keeps "stand by the team" as its text.
    candidates = list(_DUE_WORD.finditer(text))
    for match in reversed(candidates):
        before = text[: match.start()].strip()
        reading = parse_when(text[match.end() :], now)
        if before and isinstance(reading, Understood) and reading.at is not None:
            return before, reading.at.date(), ""
    if candidates and candidates[-1].group("word").lower() == "due":
        # An explicit "due" that could not be read is worth saying back; a plain "by" is
        # too often ordinary English ("stand by them") to complain about.
        reading = parse_when(text[candidates[-1].end() :], now)
        if isinstance(reading, NotUnderstood):
            return text, None, reading.reason
    return text, None, ""


@dataclass(slots=True)
class CheckInRecords:
    """What one saved check-in writes, ready for `Store.save_checkin`."""

    checkin: CheckIn
    notes: list[Note]
    commitments: list[Commitment]
    followup: FollowUp | None
    resolve_note_ids: list[str]
    # Lines about the manager's reports: each goes to that report's own file, after the check-in.
    heard: list[Note] = field(default_factory=list)


def build_records(
    fields: CheckInFields,
    person_id: str,
    now: DateTime,
    *,
    open_missing_ids: Collection[str] | None = None,
    report_ids: Collection[str] = (),
) -> CheckInRecords:
    """Turn the typed fields into a CheckIn and the notes, commitments and follow-up it made.

    Raises NoFollowUpChosen when the next follow-up is not readable (`none` is a fine answer).
    `open_missing_ids`, when given, keeps only resolutions of items that are still open, so an
    old draft cannot resolve something that has since gone. `report_ids` are the people who
    report to this person: each non-blank line about one becomes a Note in their name, heard
    through this person.
    """
    reading = read_follow_up(fields.follow_up, now)
    if isinstance(reading, NotUnderstood):
        message = NO_FOLLOW_UP_YET if not fields.follow_up.strip() else reading.reason
        raise NoFollowUpChosen(message)
    checkin = CheckIn(
        person_id=person_id,
        at=now,
        mood=fields.mood,
        how_they_are=fields.how_they_are.strip(),
        their_words=fields.their_words.strip(),
        no_follow_up=reading.at is None,
    )
    sources = ((NoteKind.PROGRESS, fields.progress), (NoteKind.MISSING, fields.missing))
    notes = [
        Note(person_id, kind, text, now, checkin.id)
        for kind, source in sources
        for text in item_lines(source)
    ]
    commitments = [
        Commitment(person_id, line.text, now, line.category, due=line.due, checkin_id=checkin.id)
        for line in parse_help_lines(fields.help, now)
    ]
    followup = None
    if reading.at is not None:
        followup = FollowUp(person_id, reading.at, fields.topic.strip(), checkin_id=checkin.id)
    resolved = list(dict.fromkeys(fields.resolved))
    if open_missing_ids is not None:
        resolved = [note_id for note_id in resolved if note_id in open_missing_ids]
    heard = [
        Note(report_id, NoteKind.PROGRESS, line.strip(), now, heard_from=person_id)
        for report_id in report_ids
        if (line := fields.reports.get(report_id, "")).strip()
    ]
    return CheckInRecords(checkin, notes, commitments, followup, resolved, heard)
