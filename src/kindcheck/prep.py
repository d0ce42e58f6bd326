"""The one-page 1:1 preparation for `kindcheck prep`: what to bring back before a conversation.

The same things the check-in form's header brings back, in the order one reads them before
a call: what matters to them, how they were last time, what is still missing, what I promised
and have not done yet, the topics already planned for our next talks, and for a manager how
each of their people is doing. As plain text or
as Markdown (everything the leader typed escaped, so it reads as written).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from pendulum import DateTime

from kindcheck.domain.checkin_draft import describe_day
from kindcheck.domain.dates import format_ago, format_relative_day
from kindcheck.domain.heard import heard_since_last_checkin, heard_through
from kindcheck.domain.model import Person, PersonHistory
from kindcheck.domain.text import printable

FORMATS = ("text", "markdown")
INDENT = "  "
BULLET = "  • "
REPORT_CHARS = 60  # of a report's "how they were", on their manager's page


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the page: its title, and either items (a list) or `said` (a paragraph)."""

    title: str
    items: list[str] = field(default_factory=list)
    said: str = ""  # shown when there are no items


def prep_page(
    person: Person,
    history: PersonHistory,
    now: DateTime,
    *,
    fmt: str = "text",
    names: Mapping[str, str] | None = None,
    reports: Sequence[tuple[Person, PersonHistory]] = (),
) -> str:
    """The preparation page for a 1:1 with `person`, as `fmt` ("text" or "markdown").

    `names` (everyone's, by id) say whom a note heard through a manager came from. For a
    manager, `reports` (their people, with their histories) adds a section: how each was
    last time and when the next talk with them is, for "how are your people doing?".
    """
    markdown = fmt == "markdown"
    line = _markdown_line if markdown else _text_line
    many = _markdown_text if markdown else _text_block
    newline = "\\\n" if markdown else "\n"  # Markdown's hard break
    today = now.date()

    matters = person.what_matters.strip()
    last = history.last_checkin
    if last is None:
        last_said = "Your first check-in: start with how they are."
    else:
        mood = f", mood {last.mood}/5" if last.mood else ""
        how = many(last.how_they_are.strip()) or "(how they were was not noted)"
        last_said = f"{format_ago(last.at, now)}{mood}:{newline}{how}"
    promises = []
    for commitment in history.open_commitments:
        detail = commitment.category.value
        if commitment.due is not None:
            detail += f", due {describe_day(commitment.due, today)}"
        if commitment.is_late(today):
            detail += ", late"
        promises.append(f"{line(commitment.text)} ({detail})")
    sections = [
        Section("What matters to them",
                said=many(matters) if matters else "Not noted yet: perhaps ask today."),
        Section("Last time", said=last_said),
        *_heard_section(history, now, line, names or {}),
        Section("Still missing", [f"{line(n.text)} · noted {format_ago(n.at, now)}"
                                  for n in history.open_missing], "Nothing open."),
        Section("My open promises", promises, "None open."),
        Section("Planned topics", [
            f"{_when(f.at, now)} · {line(f.topic) if f.topic.strip() else 'no topic yet'}"
            for f in history.planned_followups if f.at >= now.start_of("day")
        ], "No follow-up planned yet."),
    ]  # fmt: skip
    if reports:
        sections.append(Section("Their people", [_report(p, h, now, line) for p, h in reports]))
    who = line(person.name) + (f" · {line(person.role)}" if person.role.strip() else "")
    title = f"1:1 with {who}"
    stamp = f"Prepared {now.format('ddd D MMM YYYY, HH:mm')}"
    return (_as_markdown if markdown else _as_text)(title, stamp, sections)


def _heard_section(
    history: PersonHistory, now: DateTime, line: Callable[[str], str], names: Mapping[str, str]
) -> list[Section]:
    # Only when there is something: most people have no manager in kindcheck.
    items = [
        f"via {line(heard_through(n, names))}, {format_ago(n.at, now)}: {line(n.text)}"
        for n in heard_since_last_checkin(history)
    ]
    return [Section("Heard since last time", items)] if items else []


def _report(person: Person, history: PersonHistory, now: DateTime,
            line: Callable[[str], str]) -> str:
    """ "Ada Lovelace · 10 days ago, mood 3/5: Tired, the move is hard · next Mon 23 Nov
    14:00, today"."""
    last = history.last_checkin
    if last is None:
        how = "no check-in yet"
    else:
        mood = f", mood {last.mood}/5" if last.mood else ""
        said = " ".join(last.how_they_are.split())
        if len(said) > REPORT_CHARS:
            said = said[: REPORT_CHARS - 1].rstrip() + "…"
        how = f"{format_ago(last.at, now)}{mood}" + (f": {line(said)}" if said else "")
    ahead = [f for f in history.planned_followups if f.at >= now]
    nxt = f"next {_when(ahead[0].at, now)}" if ahead else "no follow-up planned"
    return f"{line(person.name)} · {how} · {nxt}"


def _when(moment: DateTime, now: DateTime) -> str:
    # As the form says it back: "Tue 1 Dec 14:30, in 8 days".
    ours = moment.in_timezone(now.timezone or "UTC")
    day = ours.format("ddd D MMM" if ours.year == now.year else "ddd D MMM YYYY")
    return f"{day} {ours.format('HH:mm')}, {format_relative_day(ours.date(), now.date())}"


def _as_text(title: str, stamp: str, sections: list[Section]) -> str:
    out = [title, stamp]
    for section in sections:
        if section.items:
            out += ["", f"{section.title} ({len(section.items)})"]
            out += [BULLET + item for item in section.items]
        else:
            out += ["", section.title, INDENT + section.said.replace("\n", "\n" + INDENT)]
    return "\n".join(out)


def _as_markdown(title: str, stamp: str, sections: list[Section]) -> str:
    out = [f"# {title}", "", f"_{stamp}_"]
    for section in sections:
        out += ["", f"## {section.title}", ""]
        if section.items:
            out += [f"- {item}" for item in section.items]
        else:
            out += [section.said]
    return "\n".join(out) + "\n"


# -- user text, made safe for each format ------------------------------------------------------


def _text_line(text: str) -> str:
    return printable(" ".join(text.split()), allow_newline=False)


def _text_block(text: str) -> str:
    return printable("\n".join(part.strip() for part in text.split("\n") if part.strip()))


def _markdown_line(text: str) -> str:
    from kindcheck.export.markdown import escaped_line

    return escaped_line(text)


def _markdown_text(text: str) -> str:
    from kindcheck.export.markdown import escaped_text

    return escaped_text(text)
