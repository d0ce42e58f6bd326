"""A readable Markdown history of each person: where things stand, then every check-in,
newest first, with mood, how they were, progress, missing, their words, what I promised and
the follow-up it planned.

Everything the leader typed is escaped so that it reads as written and cannot make a heading,
a list, a link, HTML or code: Markdown punctuation gets a backslash, a line that would start a
block is neutralised, and a note's own line breaks become hard breaks inside its item.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from pendulum import Date, DateTime

from kindcheck.domain.heard import heard_through
from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    NoteKind,
    Person,
    PersonHistory,
)
from kindcheck.domain.text import printable
from kindcheck.export.records import PersonRecord


def render_markdown(records: list[PersonRecord], now: DateTime) -> str:
    """The whole export as one Markdown document."""
    out = [
        "# kindcheck notes",
        "",
        f"Exported {_moment(now, now)}. These are private notes about people's lives and work: "
        "please keep them somewhere safe.",
    ]
    if not records:
        out += ["", "Nobody here yet."]
    names = {r.person.id: r.person.name for r in records}  # whom a note was heard through
    for record in records:
        out += ["", "---", "", *_person_section(record, now, names)]
    return "\n".join(out) + "\n"


def _person_section(record: PersonRecord, now: DateTime, names: dict[str, str]) -> list[str]:
    person, history = record.person, record.history
    out = [f"## {_one_line(person.name)}" + (" (archived)" if person.archived else ""), ""]
    out += _facts(person)
    if person.what_matters.strip():
        out += ["", f"**What matters to them:** {_inline(person.what_matters)}"]
    out += _right_now(history, now)

    notes_by_checkin: dict[str | None, list[Note]] = defaultdict(list)
    for note in sorted(history.notes, key=lambda n: (n.at, n.id)):
        notes_by_checkin[note.checkin_id].append(note)
    promises_by_checkin: dict[str | None, list[Commitment]] = defaultdict(list)
    for commitment in sorted(history.commitments, key=lambda c: (c.created_at, c.id)):
        promises_by_checkin[commitment.checkin_id].append(commitment)
    followups_by_checkin: dict[str | None, list[FollowUp]] = defaultdict(list)
    for followup in sorted(history.followups, key=lambda f: (f.at, f.id)):
        followups_by_checkin[followup.checkin_id].append(followup)

    checkins = sorted(history.checkins, key=lambda c: (c.at, c.id), reverse=True)
    known = {c.id for c in checkins}
    out += ["", "### Check-ins, newest first"]
    if not checkins:
        out += ["", "No check-ins yet."]
    for checkin in checkins:
        out += _checkin_section(
            checkin,
            notes_by_checkin[checkin.id],
            promises_by_checkin[checkin.id],
            followups_by_checkin[checkin.id],
            now,
        )

    # Records made outside a check-in (or whose check-in is gone) are listed on their own.
    loose_notes = [n for key, ns in notes_by_checkin.items() if key not in known for n in ns]
    if loose_notes:
        out += ["", "### Quick notes, newest first", ""]
        for note in sorted(loose_notes, key=lambda n: (n.at, n.id), reverse=True):
            kind = note.kind.value
            if note.heard_from is not None:
                kind = f"heard via {_one_line(heard_through(note, names))}"
            out.append(f"- {_day(note.at, now)} · {kind}: {_inline(note.text)}"
                       f"{_note_state(note, now)}")
    loose_promises = [
        c for key, cs in promises_by_checkin.items() if key not in known for c in cs
    ]
    if loose_promises:
        out += ["", "### Other commitments", ""]
        out += [f"- {_promise(c, now)}" for c in loose_promises]
    loose_followups = [
        f for key, fs in followups_by_checkin.items() if key not in known for f in fs
    ]
    if loose_followups:
        out += ["", "### Other follow-ups", ""]
        out += [f"- {_followup(f, now)}" for f in loose_followups]
    return out


def _facts(person: Person) -> list[str]:
    facts = []
    if person.role:
        facts.append(f"- Role: {_one_line(person.role)}")
    facts.append(f"- Check-ins: {person.cadence}")
    if person.timezone:
        facts.append(f"- Timezone: {_one_line(person.timezone)}")
    if person.birthday is not None:
        facts.append(f"- Birthday: {person.birthday.format('D MMMM')}")
    return facts


def _right_now(history: PersonHistory, now: DateTime) -> list[str]:
    out = ["", "### Right now"]
    missing, promises, planned = (
        history.open_missing, history.open_commitments, history.planned_followups
    )
    if not (missing or promises or planned):
        out += ["", "Nothing open."]
    if missing:
        out += ["", "Still missing:", ""]
        out += [f"- {_inline(n.text)} (since {_day(n.at, now)})" for n in missing]
    if promises:
        out += ["", "My open commitments:", ""]
        out += [f"- {_promise(c, now)}" for c in promises]
    if planned:
        out += ["", "Next follow-ups:", ""]
        out += [f"- {_followup(f, now)}" for f in planned]
    return out


def _checkin_section(
    checkin: CheckIn,
    notes: list[Note],
    promises: list[Commitment],
    followups: list[FollowUp],
    now: DateTime,
) -> list[str]:
    title = _moment(checkin.at, now)
    if checkin.mood is not None:
        title += f" · mood {checkin.mood}/5"
    out = ["", f"#### {title}", ""]
    if checkin.how_they_are.strip():
        out.append(f"*How they are:* {_inline(checkin.how_they_are)}")
    else:
        out.append("*How they are:* not asked this time")
    out += _bullets("Progress", (n for n in notes if n.kind is NoteKind.PROGRESS), now)
    out += _bullets("Missing", (n for n in notes if n.kind is NoteKind.MISSING), now)
    if checkin.their_words.strip():
        out += ["", f"*In their words:* {_inline(checkin.their_words)}"]
    if promises:
        out += ["", "How I can help:", ""]
        out += [f"- {_promise(c, now)}" for c in promises]
    if followups:
        out += ["", *(f"Next follow-up: {_followup(f, now)}" for f in followups)]
    elif checkin.no_follow_up:
        out += ["", "Next follow-up: none, by choice."]
    return out


def _bullets(title: str, notes: Iterable[Note], now: DateTime) -> list[str]:
    items = [f"- {_inline(n.text)}{_note_state(n, now)}" for n in notes]
    return ["", f"{title}:", "", *items] if items else []


def _note_state(note: Note, now: DateTime) -> str:
    if note.kind is not NoteKind.MISSING:
        return ""
    if note.resolved_at is None:
        return " (still open)"
    return f" (resolved {_day(note.resolved_at, now)})"


def _promise(commitment: Commitment, now: DateTime) -> str:
    details = [commitment.category.value]
    if commitment.due is not None:
        details.append(f"due {_date(commitment.due)}")
    if commitment.done_at is not None:
        late = commitment.due is not None and commitment.done_at.date() > commitment.due
        details.append(f"done {_day(commitment.done_at, now)}" + (", late" if late else ""))
    elif commitment.is_late(now.date()):
        details.append("late")
    else:
        details.append("open")
    return f"{_one_line(commitment.text)} ({', '.join(details)})"


def _followup(followup: FollowUp, now: DateTime) -> str:
    text = _moment(followup.at, now)
    if followup.topic.strip():
        text += f" — {_one_line(followup.topic)}"
    if followup.status is not FollowUpStatus.PLANNED:
        text += f" ({followup.status.value})"
    return text


def _moment(moment: DateTime, now: DateTime) -> str:
    return moment.in_timezone(now.timezone).format("ddd D MMM YYYY, HH:mm")


def _day(moment: DateTime, now: DateTime) -> str:
    return _date(moment.in_timezone(now.timezone).date())


def _date(day: Date) -> str:
    return day.format("ddd D MMM YYYY")


# Punctuation that means something anywhere in a line (emphasis, code, links, HTML, entities,
# GitHub's tables, strikethrough and math); a heading's "#" too, since a trailing "#" closes it.
_INLINE_MARKS = frozenset("\\`*_[]<>&#|~$")
# Punctuation that starts a block only at the start of a line: lists, quotes, setext rules.
_BLOCK_STARTS = frozenset("-+=>")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])")
# Continuation lines are indented to an item's text, so they stay inside it.
_CONTINUED = "  "


def _escaped(line: str) -> str:
    out = "".join("\\" + char if char in _INLINE_MARKS else char for char in line)
    if out[:1] in _BLOCK_STARTS:
        return "\\" + out
    return _ORDERED_ITEM.sub(r"\1\\\2", out, count=1)


def _inline(text: str) -> str:
    """Many-line user text (a note, how they are) as Markdown that reads as written.

    Each line is escaped; its line breaks become hard breaks, continued at an item's indent,
    and blank lines are dropped so the text never leaves its list item or paragraph.
    """
    lines = [line.strip() for line in printable(text).split("\n")]
    return f"\\\n{_CONTINUED}".join(_escaped(line) for line in lines if line)


def _one_line(text: str) -> str:
    """One-line user text (a name, a topic), escaped; a stray line break becomes a space."""
    return _escaped(printable(" ".join(text.split()), allow_newline=False))


def escaped_text(text: str) -> str:
    """Many-line user text as Markdown that reads as written (for other pages, e.g. prep)."""
    return _inline(text)


def escaped_line(text: str) -> str:
    """One-line user text as Markdown that reads as written (for other pages, e.g. prep)."""
    return _one_line(text)
