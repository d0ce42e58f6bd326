"""Exports: a readable Markdown history, a calendar that re-imports cleanly, a full JSON dump."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import orjson
import pendulum
import pytest
from pendulum import DateTime

from kindcheck.domain.model import (
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    NoteKind,
    Person,
)
from kindcheck.export import FORMATS, export
from kindcheck.export.ics import commitment_uid, followup_uid
from kindcheck.export.json_import import read_export
from kindcheck.store.errors import PersonNotFound
from kindcheck.store.store import Store

TOKYO_TALK = pendulum.datetime(2026, 11, 30, 18, 0, tz="Asia/Tokyo")


@pytest.fixture
def full(store: Store, team: dict[str, Person], now: DateTime) -> dict[str, Any]:
    """The small team plus: a newer status-only check-in, a follow-up in Tokyo time, a kept
    promise, a quick missing note, and an archived person with plans."""
    ada, mika, sam = team["ada"], team["mika"], team["sam"]
    quiet = CheckIn(ada.id, now.subtract(days=5), their_words="I'll pair more",
                    no_follow_up=True)
    store.save_checkin(
        quiet,
        notes=[Note(ada.id, NoteKind.PROGRESS, "Fixed the flaky tests", quiet.at, quiet.id)],
    )
    tokyo = store.add_followup(FollowUp(mika.id, TOKYO_TALK, "Climbing trip stories"))
    kept = store.add_commitment(
        Commitment(mika.id, "Book the design course", now.subtract(days=8), Category.TRAINING,
                   due=now.date().add(days=2))
    )
    store.set_commitment_done(mika.id, kept.id)
    soon = store.add_commitment(
        Commitment(mika.id, "Share the research notes", now.subtract(days=1),
                   Category.DIRECTIONS, due=now.date().add(days=3))
    )
    store.add_note(Note(sam.id, NoteKind.MISSING, "No laptop yet", now.subtract(days=1)))
    gone = store.add_person(Person("Quinn Archer", role="Contractor"))
    gone_followup = store.add_followup(FollowUp(gone.id, now.add(days=1), "Handover"))
    store.set_archived(gone.id)
    return {**team, "tokyo": tokyo, "kept": kept, "soon": soon, "gone": gone,
            "gone_followup": gone_followup, "quiet": quiet}


def parse_ics(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


# -- ics ----------------------------------------------------------------------------------------


def test_ics_is_a_valid_calendar_with_one_event_per_plan(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    data = export(store, "ics", now)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    calendar = parse_ics(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//kindcheck//")
    planned = [f for p in store.people() for f in store.history(p.id).planned_followups]
    open_due = [c for p in store.people() for c in store.history(p.id).open_commitments
                if c.due is not None]
    expected = {followup_uid(f) for f in planned} | {commitment_uid(c) for c in open_due}
    events = events_by_uid(calendar)
    assert set(events) == expected
    assert len(events) == len(calendar.walk("VEVENT"))  # no duplicates
    assert commitment_uid(full["kept"]) not in events  # done
    assert followup_uid(full["gone_followup"]) not in events  # archived person
    stamp = now.in_timezone("UTC")
    assert all(e.decoded("DTSTAMP") == stamp for e in events.values())


def test_ics_follow_up_keeps_its_zone_time_and_topic(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    events = events_by_uid(parse_ics(export(store, "ics", now)))
    ada_followup = store.history(full["ada"].id).planned_followups[0]
    ada_event = events[followup_uid(ada_followup)]
    start = ada_event.decoded("DTSTART")
    assert start == now.replace(hour=14, minute=0)
    assert start.tzinfo.key == "Europe/Berlin"
    assert ada_event.decoded("DTEND") - start == dt.timedelta(minutes=30)
    assert str(ada_event["SUMMARY"]) == "Check in with Ada Lovelace: Staging access"

    tokyo = events[followup_uid(full["tokyo"])]
    assert tokyo.decoded("DTSTART").tzinfo.key == "Asia/Tokyo"
    assert tokyo.decoded("DTSTART").hour == 18
    assert tokyo.decoded("DTSTART") == TOKYO_TALK
    zones = {str(tz["TZID"]) for tz in parse_ics(export(store, "ics", now)).walk("VTIMEZONE")}
    assert {"Europe/Berlin", "Asia/Tokyo"} <= zones


def test_ics_open_commitment_is_an_all_day_entry(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    event = events_by_uid(parse_ics(export(store, "ics", now)))[commitment_uid(full["soon"])]
    start = event.decoded("DTSTART")
    assert not isinstance(start, dt.datetime)
    assert start == now.date().add(days=3)
    assert event.decoded("DTEND") == now.date().add(days=4)
    assert str(event["SUMMARY"]) == "Promised Mika Tanaka: Share the research notes"
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_ics_uids_are_stable_so_reimporting_updates(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    before = events_by_uid(parse_ics(export(store, "ics", now)))
    moved = now.add(days=2).replace(hour=9, minute=0)
    store.reschedule_followup(full["mika"].id, full["tokyo"].id, moved)
    after = events_by_uid(parse_ics(export(store, "ics", now)))
    assert set(after) == set(before)
    uid = followup_uid(full["tokyo"])
    assert after[uid].decoded("DTSTART") == moved
    assert before[uid].decoded("DTSTART") != moved
    store.set_followup_status(full["mika"].id, full["tokyo"].id, FollowUpStatus.CANCELLED)
    assert uid not in events_by_uid(parse_ics(export(store, "ics", now)))


def test_ics_is_the_same_bytes_twice(store: Store, full: dict[str, Any], now: DateTime) -> None:
    assert export(store, "ics", now) == export(store, "ics", now)


# -- json ---------------------------------------------------------------------------------------


def test_json_is_a_complete_versioned_dump(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    data = export(store, "json", now)
    document = orjson.loads(data)
    assert (document["schema"], document["version"]) == ("kindcheck-export", 5)
    assert document["exported_at"] == now.isoformat()
    names = [entry["name"] for entry in document["people"]]
    assert names == ["Ada Lovelace", "Mika Tanaka", "Quinn Archer", "Sam Okafor"]
    # Read back the way `kindcheck import json` reads it: everything is there, as stored.
    for record in read_export(data, "export.json"):
        assert record.person == store.person(record.person.id)
        history = store.history(record.person.id)
        for table in ("checkins", "notes", "commitments", "followups"):
            assert sorted(getattr(record.history, table), key=lambda r: r.id) == sorted(
                getattr(history, table), key=lambda r: r.id)
    for entry in document["people"]:
        moments = [row["at"] for row in entry["checkins"]]
        assert moments == sorted(moments, key=pendulum.parse)  # oldest first
    quinn = next(e for e in document["people"] if e["name"] == "Quinn Archer")
    assert quinn["archived"] is True


def test_json_for_one_person(store: Store, full: dict[str, Any], now: DateTime) -> None:
    document = orjson.loads(export(store, "json", now, person_query="mika"))
    assert [e["name"] for e in document["people"]] == ["Mika Tanaka"]
    assert len(document["people"][0]["commitments"]) == 2


def test_json_is_the_same_bytes_twice(store: Store, full: dict[str, Any], now: DateTime) -> None:
    assert export(store, "json", now) == export(store, "json", now)


# -- markdown -----------------------------------------------------------------------------------


def test_markdown_tells_each_persons_story(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    text = export(store, "markdown", now).decode()
    assert text.startswith("# kindcheck notes\n")
    for heading in ("## Ada Lovelace", "## Mika Tanaka", "## Sam Okafor",
                    "## Quinn Archer (archived)"):
        assert f"\n{heading}\n" in text
    ada = text[text.index("## Ada Lovelace"):text.index("## Mika Tanaka")]
    assert "**What matters to them:** Her daughter's first school year" in ada
    assert "- No access to the staging logs (since Fri 13 Nov 2026)" in ada
    assert "- Ask ops for log access (tools, due Sun 22 Nov 2026, late)" in ada
    newer = ada.index("#### Wed 18 Nov 2026, 09:30")
    older = ada.index("#### Fri 13 Nov 2026, 09:30 · mood 3/5")
    assert newer < older  # newest first
    assert "*How they are:* not asked this time" in ada[newer:older]
    assert "*In their words:* I'll pair more" in ada[newer:older]
    assert "Next follow-up: none, by choice." in ada[newer:older]
    first = ada[older:]
    assert "*How they are:* Tired, the move is hard" in first
    assert "Progress:\n\n- Shipped the export" in first
    assert "Missing:\n\n- No access to the staging logs (still open)" in first
    assert "How I can help:\n\n- Ask ops for log access" in first
    assert "Next follow-up: Mon 23 Nov 2026, 14:00 — Staging access" in first


def test_markdown_lists_quick_notes_and_loose_plans(
    store: Store, full: dict[str, Any], now: DateTime
) -> None:
    text = export(store, "markdown", now).decode()
    sam = text[text.index("## Sam Okafor"):]
    assert "No check-ins yet." in sam
    assert "### Quick notes, newest first\n\n- Sun 22 Nov 2026 · missing: No laptop yet" in sam
    mika = text[text.index("## Mika Tanaka"):text.index("## Quinn Archer")]
    assert "### Other commitments" in mika
    assert "Book the design course (training, due Wed 25 Nov 2026, done Mon 23 Nov 2026)" in mika
    assert "### Other follow-ups" in mika
    assert "Climbing trip stories" in mika


def test_markdown_keeps_lists_intact_when_text_has_line_breaks(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    store.add_note(Note(team["sam"].id, NoteKind.PROGRESS, "Line one\nline two", now))
    text = export(store, "markdown", now, person_query="Sam").decode()
    # The note keeps its line break as a hard break, continued inside the same list item.
    assert "progress: Line one\\\n  line two\n" in text


# -- choosing people ---------------------------------------------------------------------------


def test_every_format_works_on_an_empty_store(store: Store, now: DateTime) -> None:
    for fmt in FORMATS:
        assert export(store, fmt, now)
    assert orjson.loads(export(store, "json", now))["people"] == []


def test_unknown_person_is_refused(store: Store, team: dict[str, Person], now: DateTime) -> None:
    with pytest.raises(PersonNotFound):
        export(store, "markdown", now, person_query="Zed")
