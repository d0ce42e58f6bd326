"""Whatever text a store holds (markup, control characters, combining marks, right-to-left,
emoji, very long), every renderer shows it as written and nothing in it steers the reader:

- `today`: no control character, each name and topic shown (with stand-ins);
- Markdown: the same document structure as with plain words, every user text inside its own
  item or paragraph, read back literally;
- ICS: parsed back by icalendar, each summary equal to the cleaned text, no control character;
- JSON: loads back to exactly the records, with no raw C1 or bidi character in the bytes.

Records are built as an older store could hold them (`stored_records`), since input rules
would refuse much of this text at the door, and the renderers must cope with it anyway.
"""

from __future__ import annotations

import icalendar
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pendulum import DateTime

from kindcheck.domain.agenda import build_agenda
from kindcheck.domain.model import (
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    PersonHistory,
    stored_records,
)
from kindcheck.domain.summary import summarize
from kindcheck.domain.text import is_control, printable
from kindcheck.export.ics import render_ics
from kindcheck.export.json_import import read_export
from kindcheck.export.jsonfile import render_json
from kindcheck.export.markdown import render_markdown
from kindcheck.export.records import PersonRecord
from kindcheck.today import render_agenda
from tests.conftest import NOW

# Hypothesis over many generated texts: tens of seconds, so outside the quick set.
pytestmark = pytest.mark.slow

PIECES = [
    "[/]", "[bold]", "[link=x]", "# ", "## ", "- ", "* ", "+ ", "1. ", "2) ", "> ", "<b>",
    "</div>", "<!--", "```", "~~~", "    code", "*", "**", "_", "__", "`", "[a](b)", "![i](j)",
    "<http://x.y>", "&amp;", "&#42;", "\\", "|", "---", "===", "$x$", "~~", "[^1]", "[x]: y",
    "\x1b]52;c;aGk=\x07", "\x1b[31m", "\x9b", "\x85", "\u202e", "\u2066", "\u2028", "\x00",
    "\x7f", "\r", "\r\n", "\n", "\n\n", "\t", " ", "e\u0301", "\u0301", "שלום", "مرحبا",
    "👩‍👩‍👧", "🏳️‍🌈", "\u200b", "\ufeff", "Zoë", "李", "plain words",
]
fragments = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=8)
texts = st.one_of(
    fragments.map("".join),
    st.text(max_size=30),
    st.tuples(fragments.map("".join), st.integers(50, 400)).map(lambda p: p[0] * p[1]),  # long
)

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def one_line(text: str) -> str:
    return printable(" ".join(text.split()), allow_newline=False)


def many_lines(text: str) -> str:
    lines = (line.strip() for line in printable(text).split("\n"))
    return "\n".join(line for line in lines if line)


def records(name: str, texts: dict[str, str]) -> list[PersonRecord]:
    with stored_records():
        person = Person(name, role=texts["role"], what_matters=texts["what_matters"])
        checkin = CheckIn(person.id, NOW.subtract(days=9), 3, texts["how"], texts["words"])
        history = PersonHistory(
            person.id,
            checkins=[checkin],
            notes=[
                Note(person.id, NoteKind.PROGRESS, texts["note"], checkin.at, checkin.id),
                Note(person.id, NoteKind.MISSING, texts["loose"], NOW.subtract(days=1)),
            ],
            commitments=[Commitment(person.id, texts["promise"], checkin.at, Category.TOOLS,
                                    due=NOW.date(), checkin_id=checkin.id)],
            followups=[FollowUp(person.id, NOW.add(hours=2), texts["topic"],
                                checkin_id=checkin.id)],
        )
    return [PersonRecord(person, history)]


FIELDS = ["role", "what_matters", "how", "words", "note", "loose", "promise", "topic"]


def plain_like(values: dict[str, str]) -> dict[str, str]:
    """Plain words where `values` has text; empty where it has none (the template leaves out
    an empty role or topic)."""
    return {field: "x" if value.strip() else "" for field, value in values.items()}


def structure(markdown: str) -> list[tuple[str, ...]]:
    """The document's shape: every block token, and the markup inside each inline one."""
    shape: list[tuple[str, ...]] = []
    for token in MD.parse(markdown):
        shape.append((token.type, token.tag, str(token.nesting), str(token.level)))
        if token.type == "inline":
            shape.append(tuple(
                child.type for child in token.children or []
                if child.type not in ("text", "softbreak", "hardbreak")
            ))
    return shape


def shown_text(markdown: str) -> str:
    """What a reader sees of each inline run, line breaks kept."""
    runs = []
    for token in MD.parse(markdown):
        if token.type == "inline":
            runs.append("".join(
                "\n" if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or [] if child.type in ("text", "softbreak",
                                                                     "hardbreak")
            ))
    return "\n\n".join(runs)


def no_controls(text: str) -> bool:
    return not any(is_control(char, allow_newline=True) for char in text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=texts, values=st.fixed_dictionaries({field: texts for field in FIELDS}))
def test_every_renderer_shows_stored_text_as_written(name: str, values: dict[str, str]) -> None:
    assume(" ".join(name.split()))  # a stored name is never empty
    for field in ("note", "loose", "promise"):
        assume(values[field].strip())  # nor is a note or a promise
    given_records = records(name, values)
    person = given_records[0].person
    _check_today(given_records, NOW)
    _check_markdown(given_records, person.name, values, NOW)
    _check_ics(given_records, person.name, values, NOW)
    _check_json(given_records, NOW)


def _check_today(given: list[PersonRecord], now: DateTime) -> None:
    record = given[0]
    agenda = build_agenda([record.person], {record.person.id: summarize(record.history)}, now)
    text = render_agenda(agenda, now, nudges=[f"Ask {record.person.name} how they are"])
    assert no_controls(text)
    assert one_line(record.person.name) in text
    assert one_line(record.history.commitments[0].text) in text


def _check_markdown(given: list[PersonRecord], name: str, values: dict[str, str],
                    now: DateTime) -> None:
    document = render_markdown(given, now)
    assert no_controls(document)
    plain = render_markdown(records("x", plain_like(values)), now)
    # The same headings, lists, paragraphs and emphasis as with plain words: user text made
    # no structure of its own.
    assert structure(document) == structure(plain)
    seen = shown_text(document)
    for field in ("role", "promise", "topic"):
        if one_line(values[field]):
            assert one_line(values[field]) in seen, field
    assert f"## {one_line(name)}" not in seen  # the name is the heading's text, not markup
    assert one_line(name) in seen
    for field in ("what_matters", "how", "words", "note", "loose"):
        if values[field].strip():  # blank text is left out ("not asked this time")
            assert many_lines(values[field]) in seen, field


def _check_ics(given: list[PersonRecord], name: str, values: dict[str, str],
               now: DateTime) -> None:
    data = render_ics(given, now)
    body = data.replace(b"\r\n", b"\n").decode("utf-8")
    assert no_controls(body)
    calendar = icalendar.Calendar.from_ical(data)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    topic = one_line(values["topic"])
    assert summaries == {
        f"Check in with {one_line(name)}" + (f": {topic}" if topic else ""),
        f"Promised {one_line(name)}: {one_line(values['promise'])}",
    }
    for event in calendar.walk("VEVENT"):
        for value in event.values():
            assert no_controls(str(value))


def _check_json(given: list[PersonRecord], now: DateTime) -> None:
    data = render_json(given, now)
    for raw in (b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x85", b"\xe2\x80\xae", b"\xe2\x81\xa6"):
        assert raw not in data
    [back] = read_export(data, "export.json")  # as `kindcheck import json` reads it
    record = given[0]
    assert back.person == record.person
    assert back.history.notes == sorted(record.history.notes, key=lambda n: (n.at, n.id))
    assert back.history.checkins == record.history.checkins
    assert back.history.commitments == record.history.commitments
    assert back.history.followups == record.history.followups
