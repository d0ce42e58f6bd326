"""Text read back from a store is shown, never obeyed: Markdown escapes what the leader typed,
the calendar and `today` carry no control character, JSON escapes the ones a terminal obeys."""

from __future__ import annotations

import icalendar
import orjson
import pytest
from markdown_it import MarkdownIt
from pendulum import DateTime

from kindcheck.domain.agenda import build_agenda
from kindcheck.domain.model import (
    Category,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    PersonHistory,
    stored_records,
)
from kindcheck.domain.summary import summarize
from kindcheck.export.ics import render_ics
from kindcheck.export.jsonfile import render_json
from kindcheck.export.markdown import render_markdown
from kindcheck.export.records import PersonRecord
from kindcheck.today import render_agenda

OSC52 = "\x1b]52;c;aGk=\x07"


def one_person(now: DateTime, *, name: str = "Ada", note: str = "fine", topic: str = "Chat",
               promise: str = "Help") -> list[PersonRecord]:
    with stored_records():
        person = Person(name)
        history = PersonHistory(
            person.id,
            notes=[Note(person.id, NoteKind.MISSING, note, now.subtract(days=1))],
            commitments=[Commitment(person.id, promise, now, Category.TOOLS, due=now.date())],
            followups=[FollowUp(person.id, now.add(hours=1), topic)],
        )
    return [PersonRecord(person, history)]


def blocks(markdown: str) -> list[str]:
    return [t.type for t in MarkdownIt("commonmark").parse(markdown) if t.nesting != -1]


def inline_markup(markdown: str) -> set[str]:
    return {
        child.type
        for token in MarkdownIt("commonmark").parse(markdown) if token.type == "inline"
        for child in token.children or [] if child.type != "hardbreak"  # a note's own line break
    }


def shown(markdown: str) -> str:
    return "\n\n".join(
        "".join("\n" if c.type == "hardbreak" else c.content for c in token.children or [])
        for token in MarkdownIt("commonmark").parse(markdown) if token.type == "inline"
    )


# -- markdown -------------------------------------------------------------------------------------


@pytest.mark.parametrize("note", [
    "# Not a heading", "- not a list", "1. not a list", "3) nor this", "> not a quote",
    "```\nnot code\n```", "<script>alert(1)</script>", "ok\n---", "line\n===", "+ plus",
    "ok\n    indented", "| a | b |\n|---|---|", "[a link](http://x.y)", "<http://x.y>",
    "**bold** _it_ `code`", "&amp; &#42;", "[ref]: http://x.y", "\\# escaped already",
])
def test_markdown_note_text_makes_no_structure_of_its_own(note: str, now: DateTime) -> None:
    document = render_markdown(one_person(now, note=note), now)
    plain = render_markdown(one_person(now, note="x"), now)
    assert blocks(document) == blocks(plain)
    assert inline_markup(document) == inline_markup(plain)
    # ...and a reader sees exactly what was typed, line by line.
    lines = "\n".join(line.strip() for line in note.split("\n") if line.strip())
    assert f"{lines} (since" in shown(document)


def test_markdown_keeps_each_line_of_a_note_inside_its_item(now: DateTime) -> None:
    document = render_markdown(one_person(now, note="first\n\n# second\n- third"), now)
    assert "- first\\\n  \\# second\\\n  \\- third (since" in document


def test_markdown_names_and_topics_read_as_written(now: DateTime) -> None:
    document = render_markdown(one_person(now, name="[/]Bo #", topic="*big* <b>"), now)
    assert "## \\[/\\]Bo \\#\n" in document
    assert "\\*big\\* \\<b\\>" in document


def test_markdown_shows_stored_control_characters_as_stand_ins(now: DateTime) -> None:
    document = render_markdown(one_person(now, name=f"Eve{OSC52}", note=f"a{OSC52}\u202eb"), now)
    assert "\x1b" not in document and "\x07" not in document and "\u202e" not in document
    assert "Eve␛\\]52;c;aGk=␇" in document


# -- calendar, json, today -------------------------------------------------------------------------


def test_ics_holds_no_control_characters_and_parses_back(now: DateTime) -> None:
    data = render_ics(one_person(now, name=f"Eve{OSC52}", topic="Talk\x9b\u2066"), now)
    assert b"\x1b" not in data and b"\x07" not in data and "\u2066".encode() not in data
    calendar = icalendar.Calendar.from_ical(data)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == ["Check in with Eve␛]52;c;aGk=␇: Talk\ufffd\ufffd",
                         "Promised Eve␛]52;c;aGk=␇: Help"]


def test_json_escapes_what_a_terminal_would_obey_and_round_trips(now: DateTime) -> None:
    text = f"a{OSC52}\x9b\x85\x7f\u2028\u202e\u2069z"
    data = render_json(one_person(now, note=text), now)
    for raw in (b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x85", b"\x7f", b"\xe2\x80\xa8",
                b"\xe2\x80\xae", b"\xe2\x81\xa9"):
        assert raw not in data
    assert b"\\u009b" in data and b"\\u202e" in data
    assert orjson.loads(data)["people"][0]["notes"][0]["text"] == text


def test_today_shows_stand_ins_for_stored_control_characters(now: DateTime) -> None:
    [record] = one_person(now, name=f"Eve{OSC52}", topic=f"Talk {OSC52}",
                          promise="Send\x9b the notes")
    agenda = build_agenda([record.person], {record.person.id: summarize(record.history)}, now)
    text = render_agenda(agenda, now, nudges=[f"Ask Eve{OSC52} how they are"])
    assert not any(c in text for c in "\x1b\x07\x9b")
    assert "Eve␛]52;c;aGk=␇" in text
    assert "Send\ufffd the notes" in text
