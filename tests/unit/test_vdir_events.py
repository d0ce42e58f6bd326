"""A follow-up as a calendar event (kindcheck.vdir.events): UID, zones, alarm, duration, how
much of the person goes in, and user text that survives the file whatever it holds."""

from __future__ import annotations

import datetime as dt

import icalendar
import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.input_rules import check_text
from kindcheck.domain.model import FollowUp, ValidationError
from kindcheck.vdir.events import (
    FOLLOWUP_PROPERTY,
    EventPlan,
    file_name,
    followup_uid,
    read_event,
)

BERLIN = "Europe/Berlin"
STAMP = pendulum.datetime(2026, 11, 23, 9, 30, tz=BERLIN)


def event_of(data: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return event


def render(followup: FollowUp, name: str = "Ada Lovelace", prep: str = "",
           **chosen: object) -> bytes:
    plan = EventPlan.of(name, followup, CalendarSettings(**chosen), prep)  # type: ignore[arg-type]
    return plan.render(sequence=3, stamp=STAMP)


def test_uid_and_file_name_come_from_the_id_alone() -> None:
    followup = FollowUp("p1", STAMP.add(days=2), "Staging access", id="abc123")
    assert followup_uid("abc123") == "kindcheck-abc123@kindcheck"
    assert file_name("abc123") == "kindcheck-abc123@kindcheck.ics"
    event = event_of(render(followup))
    assert str(event["uid"]) == "kindcheck-abc123@kindcheck"
    assert str(event[FOLLOWUP_PROPERTY]) == "abc123"
    assert int(event["sequence"]) == 3
    assert event["dtstamp"].dt == event["last-modified"].dt == STAMP.in_timezone("UTC")


def test_the_start_keeps_its_zone_and_the_duration_sets_the_end() -> None:
    followup = FollowUp("p1", pendulum.datetime(2026, 12, 3, 10, 0, tz=BERLIN))
    data = render(followup, duration_minutes=45)
    assert b"DTSTART;TZID=Europe/Berlin:20261203T100000" in data
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Berlin" in data
    event = event_of(data)
    assert event["dtend"].dt - event["dtstart"].dt == dt.timedelta(minutes=45)


def test_a_followup_across_a_dst_change_stays_at_its_wall_time() -> None:
    # Planned in winter time for the Monday after the clocks go forward (29 March 2026).
    at = pendulum.datetime(2026, 3, 23, 10, 0, tz=BERLIN).add(weeks=1)
    followup = FollowUp("p1", at)
    data = render(followup)
    assert b"DTSTART;TZID=Europe/Berlin:20260330T100000" in data
    start = read_event(data).start
    assert isinstance(start, pendulum.DateTime)
    assert (start.hour, start.minute) == (10, 0)
    assert start.utcoffset() == dt.timedelta(hours=2)  # summer time, not the winter offset
    assert start == at


def test_another_zone_is_written_as_its_own_tzid() -> None:
    followup = FollowUp("p1", pendulum.datetime(2026, 12, 3, 18, 0, tz="Asia/Tokyo"))
    data = render(followup)
    assert b"DTSTART;TZID=Asia/Tokyo:20261203T180000" in data
    assert read_event(data).start == followup.at


def test_the_alarm_is_a_display_alarm_before_the_start() -> None:
    followup = FollowUp("p1", STAMP.add(days=1))
    [alarm] = event_of(render(followup, alarm_minutes=15)).walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].dt == dt.timedelta(minutes=-15)
    assert str(alarm["description"]) == "Check-in with Ada Lovelace"
    assert event_of(render(followup, alarm_minutes=None)).walk("VALARM") == []


def test_by_default_only_the_name_leaves() -> None:
    followup = FollowUp("p1", STAMP.add(days=1), "Her burnout and the move")
    data = render(followup, prep="Tired, the move is hard. Private note.")
    assert str(event_of(data)["summary"]) == "Check-in with Ada Lovelace"
    for secret in (b"burnout", b"move", b"Private", b"Tired"):
        assert secret not in data
    assert "description" not in event_of(data)


def test_topics_add_the_topic_and_prep_adds_the_page() -> None:
    followup = FollowUp("p1", STAMP.add(days=1), "Growth goals")
    topics = event_of(render(followup, details="topics", prep="page"))
    assert str(topics["summary"]) == "Check-in with Ada Lovelace: Growth goals"
    assert "description" not in topics
    prep = event_of(render(followup, details="prep", prep="What matters: climbing\nMood: 4"))
    assert str(prep["summary"]) == "Check-in with Ada Lovelace: Growth goals"
    assert str(prep["description"]) == "What matters: climbing\nMood: 4"


def test_an_event_kindcheck_did_not_write_is_not_ours() -> None:
    followup = FollowUp("p1", STAMP.add(days=1), id="abc123")
    data = render(followup)
    assert read_event(data).followup_id == "abc123"
    borrowed = data.replace(b"X-KINDCHECK-FOLLOWUP:abc123", b"X-KINDCHECK-FOLLOWUP:zzz")
    assert read_event(borrowed).followup_id is None
    unmarked = data.replace(b"X-KINDCHECK-FOLLOWUP:abc123\r\n", b"")
    assert read_event(unmarked).followup_id is None


def _accepted_topic(text: str) -> bool:
    try:
        return check_text("topic", text) == text
    except ValidationError:
        return False


@settings(max_examples=150, deadline=None)
@given(
    topic=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                  max_size=120).filter(_accepted_topic),
    name=st.sampled_from(["Ada, Lovelace", "Zoë; Ng", "李 雷", "O'Brien \\ Co", "a\\nb"]),
)
def test_any_topic_round_trips_through_the_file(topic: str, name: str) -> None:
    followup = FollowUp("p1", STAMP.add(days=1), topic)
    data = render(followup, name=name, details="topics")
    for line in data.split(b"\r\n"):  # a well-formed file: no bare line breaks, short lines
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75
    read = read_event(data)
    expected = f"Check-in with {name}" + (f": {topic}" if topic.strip() else "")
    assert read.summary == expected
    assert read.followup_id == followup.id


def test_control_characters_never_reach_the_file() -> None:
    from kindcheck.domain.model import stored_records

    with stored_records():  # as an older kindcheck may have kept it
        followup = FollowUp("p1", STAMP.add(days=1), "a\x1b[31mb\x07, c;\nd")
    data = render(followup, details="topics")
    assert b"\x1b" not in data and b"\x07" not in data
    assert read_event(data).summary == "Check-in with Ada Lovelace: a\u241b[31mb\u2407, c;\nd"
