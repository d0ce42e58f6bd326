"""The check-in form's data: draft round trips, "how can I help" lines, and the records built."""

from __future__ import annotations

import json

import pendulum
import pytest
from pendulum import Date, DateTime

from kindcheck.domain.checkin_draft import (
    CheckInFields,
    HelpLine,
    NoFollowUpChosen,
    build_records,
    describe_saved_at,
    draft_payload,
    draft_saved_at,
    item_lines,
    parse_help_line,
    parse_help_lines,
    read_follow_up,
)
from kindcheck.domain.dates import NotUnderstood, Understood
from kindcheck.domain.model import Category, NoteKind


def full_fields() -> CheckInFields:
    return CheckInFields(
        how_they_are="Rested after the holiday",
        mood=4,
        progress="- Shipped the export\n\n* Led the retro\n",
        missing="No staging access\n  ",
        their_words="I want to own the release checklist",
        help="tools: new laptop by fri\n[training] course on testing due 2026-12-10\nlisten more",
        follow_up="tue 14:30",
        topic="Release checklist",
        resolved=["n1"],
    )


# -- drafts --------------------------------------------------------------------------------------


def test_fields_round_trip_through_a_dict_and_json() -> None:
    fields = full_fields()
    data = json.loads(json.dumps(fields.to_dict()))
    assert CheckInFields.from_dict(data) == fields


def test_empty_fields_are_blank_and_round_trip() -> None:
    assert CheckInFields().is_blank
    assert CheckInFields.from_dict(CheckInFields().to_dict()) == CheckInFields()


@pytest.mark.parametrize(
    "change",
    [{"mood": 2}, {"topic": "x"}, {"resolved": ["n1"]}, {"their_words": " y "}, {"help": "a"}],
)
def test_anything_typed_or_chosen_makes_fields_not_blank(change: dict) -> None:
    assert not CheckInFields(**change).is_blank


def test_whitespace_only_is_still_blank() -> None:
    assert CheckInFields(how_they_are="  \n", progress="\t").is_blank


def test_odd_draft_values_become_empty_instead_of_failing() -> None:
    data = {"how_they_are": 3, "mood": 9, "progress": None, "resolved": "n1", "help": "ok"}
    fields = CheckInFields.from_dict(data)
    assert fields == CheckInFields(help="ok")


@pytest.mark.parametrize("mood", [True, "4", 0, 6, 2.5])
def test_only_whole_moods_from_one_to_five_are_restored(mood: object) -> None:
    assert CheckInFields.from_dict({"mood": mood}).mood is None


def test_resolved_ids_keep_only_strings() -> None:
    assert CheckInFields.from_dict({"resolved": ["a", 3, None, "b"]}).resolved == ["a", "b"]


def test_draft_payload_remembers_when_it_was_kept(now: DateTime) -> None:
    payload = draft_payload(full_fields(), now)
    assert draft_saved_at(json.loads(json.dumps(payload))) == now
    assert CheckInFields.from_dict(payload) == full_fields()


@pytest.mark.parametrize("value", [None, 12, "not a date", ""])
def test_an_unreadable_saved_at_is_none(value: object) -> None:
    assert draft_saved_at({"saved_at": value}) is None


def test_saved_at_is_said_as_a_time_today_and_with_the_day_otherwise(now: DateTime) -> None:
    assert describe_saved_at(now.subtract(minutes=12), now) == "09:18"
    assert describe_saved_at(now.subtract(days=3), now) == "Fri 20 Nov 09:30"
    # A moment stored in UTC is said in the leader's zone.
    assert describe_saved_at(now.in_timezone("UTC"), now) == "09:30"


# -- item lines ----------------------------------------------------------------------------------


def test_item_lines_drop_blanks_and_bullets() -> None:
    text = "- one\n\n  * two  \n• three\n1. four\n2) five\nsix-pack"
    assert item_lines(text) == ["one", "two", "three", "four", "five", "six-pack"]


# -- how can I help ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("tools: new laptop by fri", HelpLine("new laptop", Category.TOOLS, Date(2026, 11, 27))),
        (
            "[training] course on testing due 2026-12-10",
            HelpLine("course on testing", Category.TRAINING, Date(2026, 12, 10)),
        ),
        (
            "Directions: write down the Q1 goals",
            HelpLine("write down the Q1 goals", Category.DIRECTIONS),
        ),
        ("[ Safety ] check the desk height", HelpLine("check the desk height", Category.SAFETY)),
        (
            "standard: agree on review times by +2w",
            HelpLine("agree on review times", Category.STANDARDS, Date(2026, 12, 7)),
        ),
        ("- tool: a second screen", HelpLine("a second screen", Category.TOOLS)),
        ("listen more", HelpLine("listen more")),
        ("laptop: a new one", HelpLine("laptop: a new one")),
        ("tools:", HelpLine("tools:")),
        ("stand by the team by tomorrow", HelpLine("stand by the team", due=Date(2026, 11, 24))),
        ("stand by them", HelpLine("stand by them")),
        ("due fri", HelpLine("due fri")),
    ],
)
def test_help_lines_read_category_text_and_due_day(
    line: str, expected: HelpLine, now: DateTime
) -> None:
    assert parse_help_line(line, now) == expected


def test_an_unreadable_due_day_stays_in_the_text_and_says_why(now: DateTime) -> None:
    line = parse_help_line("training: a course due someday", now)
    assert line is not None
    assert line.text == "a course due someday"
    assert line.category is Category.TRAINING
    assert line.due is None
    assert "someday" in line.due_problem


def test_a_due_day_in_the_past_is_not_taken(now: DateTime) -> None:
    line = parse_help_line("book the room due 2026-01-05", now)
    assert line is not None and line.due is None
    assert "in the past" in line.due_problem


def test_blank_help_lines_are_skipped(now: DateTime) -> None:
    assert parse_help_line("   ", now) is None
    assert parse_help_line("- ", now) is None
    lines = parse_help_lines("\ntools: laptop\n\n  \nlisten more\n", now)
    assert [line.text for line in lines] == ["laptop", "listen more"]


def test_help_lines_are_said_back(now: DateTime) -> None:
    today = now.date()
    assert HelpLine("new laptop", Category.TOOLS, Date(2026, 11, 27)).describe(today) == (
        "tools · new laptop · due Fri 27 Nov, in 4 days"
    )
    assert HelpLine("listen more").describe(today) == "other · listen more"
    assert HelpLine("x", due=Date(2027, 1, 4)).describe(today) == (
        "other · x · due Mon 4 Jan 2027, in 6 weeks"
    )
    assert HelpLine("x due y", due_problem="I can't read 'y'.").describe(today) == (
        "other · x due y · no due date: I can't read 'y'."
    )


# -- follow-up -----------------------------------------------------------------------------------


def test_follow_up_reads_a_day_in_the_clock_zone(now: DateTime) -> None:
    reading = read_follow_up("tue 14:30", now)
    assert isinstance(reading, Understood)
    assert reading.at == pendulum.datetime(2026, 11, 24, 14, 30, tz="Europe/Berlin")
    assert reading.describe(now) == "Tue 24 Nov 14:30, tomorrow"


def test_follow_up_none_is_a_choice(now: DateTime) -> None:
    assert read_follow_up("none", now) == Understood(at=None, has_time=False)


def test_a_follow_up_time_already_past_is_refused(now: DateTime) -> None:
    reading = read_follow_up("today 08:00", now)
    assert isinstance(reading, NotUnderstood)
    assert "already passed" in reading.reason
    assert isinstance(read_follow_up("today 17:00", now), Understood)


# -- building records ----------------------------------------------------------------------------


def test_build_records_makes_the_checkin_notes_commitments_and_follow_up(now: DateTime) -> None:
    records = build_records(full_fields(), "p1", now, open_missing_ids={"n1", "n2"})
    checkin = records.checkin
    assert (checkin.person_id, checkin.at, checkin.mood) == ("p1", now, 4)
    assert checkin.how_they_are == "Rested after the holiday"
    assert checkin.their_words == "I want to own the release checklist"
    assert checkin.no_follow_up is False
    assert [(n.kind, n.text) for n in records.notes] == [
        (NoteKind.PROGRESS, "Shipped the export"),
        (NoteKind.PROGRESS, "Led the retro"),
        (NoteKind.MISSING, "No staging access"),
    ]
    assert all(n.checkin_id == checkin.id and n.at == now for n in records.notes)
    assert [(c.text, c.category, c.due) for c in records.commitments] == [
        ("new laptop", Category.TOOLS, Date(2026, 11, 27)),
        ("course on testing", Category.TRAINING, Date(2026, 12, 10)),
        ("listen more", Category.OTHER, None),
    ]
    assert all(c.checkin_id == checkin.id and c.created_at == now for c in records.commitments)
    followup = records.followup
    assert followup is not None
    assert followup.at == pendulum.datetime(2026, 11, 24, 14, 30, tz="Europe/Berlin")
    assert (followup.topic, followup.checkin_id) == ("Release checklist", checkin.id)
    assert records.resolve_note_ids == ["n1"]


def test_none_builds_a_checkin_with_no_follow_up(now: DateTime) -> None:
    records = build_records(CheckInFields(how_they_are="Fine", follow_up="none"), "p1", now)
    assert records.checkin.no_follow_up is True
    assert records.followup is None
    assert records.notes == [] and records.commitments == []


@pytest.mark.parametrize("typed", ["", "   ", "someday", "today 08:00"])
def test_no_readable_follow_up_refuses_to_build(typed: str, now: DateTime) -> None:
    with pytest.raises(NoFollowUpChosen) as refusal:
        build_records(CheckInFields(how_they_are="Fine", follow_up=typed), "p1", now)
    assert str(refusal.value)


def test_an_empty_follow_up_explains_the_cycle(now: DateTime) -> None:
    with pytest.raises(NoFollowUpChosen, match="none"):
        build_records(CheckInFields(), "p1", now)


def test_resolutions_of_items_no_longer_open_are_dropped(now: DateTime) -> None:
    fields = CheckInFields(follow_up="none", resolved=["gone", "n2", "n2"])
    records = build_records(fields, "p1", now, open_missing_ids={"n2"})
    assert records.resolve_note_ids == ["n2"]
    assert build_records(fields, "p1", now).resolve_note_ids == ["gone", "n2"]


def test_the_saved_message_names_the_next_step() -> None:
    from kindcheck.domain.model import FollowUp
    from kindcheck.screens.checkin import saved_message

    now = pendulum.datetime(2026, 11, 23, 9, 30, tz="Europe/Berlin")
    followup = FollowUp("p1", pendulum.datetime(2026, 11, 27, 10, 0, tz="Europe/Berlin"))
    assert saved_message("Ada", followup, now) == (
        "Check-in with Ada saved. Next: Fri 27 Nov 10:00, in 4 days."
    )
    assert "No follow-up planned" in saved_message("Ada", None, now)
