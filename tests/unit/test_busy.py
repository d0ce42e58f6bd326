"""Busy times read from the leader's own calendars (vdir/busy.py), on real .ics files."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from kindcheck.vdir import busy as busy_module
from kindcheck.vdir.busy import BusyCalendars

BERLIN = "Europe/Berlin"


def berlin(month: int, day: int, hour: int, minute: int = 0) -> DateTime:
    return pendulum.datetime(2026, month, day, hour, minute, tz=BERLIN)


def week_of(month: int, day: int) -> tuple[DateTime, DateTime]:
    start = berlin(month, day, 0)
    return start, start.add(days=7)


def event(uid: str, *lines: str) -> str:
    """One VCALENDAR holding one VEVENT made of `lines` (each "NAME:VALUE")."""
    body = "\r\n".join(lines)
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//busy//EN\r\n"
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n{body}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    return folder


def put(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def spans(blocks: list) -> list[tuple[str, str, str]]:
    return [(b.start.format("ddd D HH:mm"), b.end.format("HH:mm"), b.title) for b in blocks]


def test_a_weekly_meeting_with_a_skipped_and_a_moved_week(work: Path) -> None:
    weekly = event(
        "standup", "SUMMARY:Team sync",
        "DTSTART;TZID=Europe/Berlin:20261109T110000",
        "DTEND;TZID=Europe/Berlin:20261109T113000",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
        "EXDATE;TZID=Europe/Berlin:20261126T110000",
    )
    # The Monday of the week of the 23rd moved to 15:00 that day.
    moved = weekly.replace("END:VCALENDAR\r\n", "") + (
        "BEGIN:VEVENT\r\nUID:standup\r\nDTSTAMP:20261101T000000Z\r\n"
        "RECURRENCE-ID;TZID=Europe/Berlin:20261123T110000\r\n"
        "DTSTART;TZID=Europe/Berlin:20261123T150000\r\n"
        "DTEND;TZID=Europe/Berlin:20261123T160000\r\n"
        "SUMMARY:Team sync (moved)\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    put(work, "standup.ics", moved)
    blocks = BusyCalendars([work]).between(*week_of(11, 23))
    assert spans(blocks) == [("Mon 23 15:00", "16:00", "Team sync (moved)")]
    blocks = BusyCalendars([work]).between(*week_of(11, 30))
    assert spans(blocks) == [("Mon 30 11:00", "11:30", "Team sync"),
                             ("Thu 3 11:00", "11:30", "Team sync")]


def test_all_day_free_and_cancelled_events_do_not_make_you_busy(work: Path) -> None:
    put(work, "holiday.ics", event("h", "SUMMARY:Holiday", "DTSTART;VALUE=DATE:20261124",
                                   "DTEND;VALUE=DATE:20261125"))
    put(work, "free.ics", event("f", "SUMMARY:Focus (free)", "TRANSP:TRANSPARENT",
                                "DTSTART;TZID=Europe/Berlin:20261124T090000",
                                "DTEND;TZID=Europe/Berlin:20261124T120000"))
    put(work, "off.ics", event("c", "SUMMARY:Called off", "STATUS:CANCELLED",
                               "DTSTART;TZID=Europe/Berlin:20261124T130000",
                               "DTEND;TZID=Europe/Berlin:20261124T140000"))
    put(work, "real.ics", event("r", "SUMMARY:Budget", "TRANSP:OPAQUE",
                                "DTSTART;TZID=Europe/Berlin:20261124T150000",
                                "DTEND;TZID=Europe/Berlin:20261124T160000"))
    assert spans(BusyCalendars([work]).between(*week_of(11, 23))) == [
        ("Tue 24 15:00", "16:00", "Budget")
    ]


def test_times_from_another_zone_land_on_the_leaders_clock(work: Path) -> None:
    # New York leaves summer time a week after Berlin: for that week 9:00 there is 14:00 here.
    put(work, "ny.ics", event("ny", "SUMMARY:US sync", "RRULE:FREQ=WEEKLY;COUNT=3",
                              "DTSTART;TZID=America/New_York:20261019T090000",
                              "DTEND;TZID=America/New_York:20261019T100000"))
    put(work, "utc.ics", event("u", "SUMMARY:Vendor call", "DTSTART:20261020T080000Z",
                               "DTEND:20261020T090000Z"))
    put(work, "floating.ics", event("fl", "SUMMARY:Dentist", "DTSTART:20261021T080000",
                                    "DTEND:20261021T090000"))
    reader = BusyCalendars([work])
    first = reader.between(berlin(10, 19, 0), berlin(11, 9, 0))
    assert spans(first) == [
        ("Mon 19 15:00", "16:00", "US sync"),
        ("Tue 20 10:00", "11:00", "Vendor call"),
        ("Wed 21 08:00", "09:00", "Dentist"),  # floating: the leader's own wall clock
        ("Mon 26 14:00", "15:00", "US sync"),
        ("Mon 2 15:00", "16:00", "US sync"),
    ]
    assert all(b.start.timezone_name == BERLIN for b in first)


def test_a_broken_file_is_skipped_and_named_and_the_rest_still_count(work: Path) -> None:
    put(work, "good.ics", event("g", "SUMMARY:1:1 with my boss",
                                "DTSTART;TZID=Europe/Berlin:20261125T100000",
                                "DTEND;TZID=Europe/Berlin:20261125T110000"))
    put(work, "broken.ics", "this is not a calendar at all")
    put(work, "empty.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    put(work, "bad-rule.ics", event("b", "SUMMARY:Odd", "RRULE:FREQ=SOMETIMES",
                                    "DTSTART;TZID=Europe/Berlin:20261125T120000",
                                    "DTEND;TZID=Europe/Berlin:20261125T130000"))
    put(work, ".hidden.ics", "garbage")
    (work / "notes.txt").write_text("not an event")
    reader = BusyCalendars([work])
    assert spans(reader.between(*week_of(11, 23))) == [
        ("Wed 25 10:00", "11:00", "1:1 with my boss")
    ]
    named = {Path(path).name: reason for path, reason in reader.unreadable()}
    assert set(named) == {"broken.ics", "empty.ics", "bad-rule.ics"}
    assert named["empty.ics"] == "no event in it"
    assert named["broken.ics"].startswith("not a calendar file")


def test_kindchecks_own_follow_ups_are_not_busy_twice(work: Path) -> None:
    put(work, "kc.ics", event("kindcheck-x@kindcheck", "SUMMARY:Check-in with Ada",
                              "X-KINDCHECK-FOLLOWUP:x",
                              "DTSTART;TZID=Europe/Berlin:20261125T100000",
                              "DTEND;TZID=Europe/Berlin:20261125T103000"))
    assert BusyCalendars([work]).between(*week_of(11, 23)) == []


def test_a_missing_folder_holds_nothing_and_no_folder_reads_nothing(tmp_path: Path) -> None:
    assert BusyCalendars([tmp_path / "nowhere"]).between(*week_of(11, 23)) == []
    assert BusyCalendars([]).between(*week_of(11, 23)) == []


def test_a_week_drawn_again_reads_nothing_until_a_file_changes(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = put(work, "a.ics", event("a", "SUMMARY:First",
                                    "DTSTART;TZID=Europe/Berlin:20261125T100000",
                                    "DTEND;TZID=Europe/Berlin:20261125T110000"))
    parsed: list[bytes] = []
    real_parse = busy_module._parse
    monkeypatch.setattr(busy_module, "_parse", lambda data: parsed.append(data) or real_parse(data))
    expanded: list[object] = []
    real_blocks = busy_module._blocks_of
    monkeypatch.setattr(busy_module, "_blocks_of",
                        lambda *args: expanded.append(args) or real_blocks(*args))
    reader = BusyCalendars([work], fresh_seconds=0)  # look at the folder on every call
    assert reader.cached_between(*week_of(11, 23)) is None  # not read yet: never waits
    assert parsed == []
    for _ in range(3):
        assert spans(reader.between(*week_of(11, 23))) == [("Wed 25 10:00", "11:00", "First")]
    assert spans(reader.cached_between(*week_of(11, 23)) or []) == [
        ("Wed 25 10:00", "11:00", "First")
    ]
    assert len(parsed) == 1 and len(expanded) == 1
    path.write_text(event("a", "SUMMARY:Second, longer",
                          "DTSTART;TZID=Europe/Berlin:20261125T100000",
                          "DTEND;TZID=Europe/Berlin:20261125T120000"), newline="")
    assert reader.cached_between(*week_of(11, 23)) is None  # changed: to be read again
    assert spans(reader.between(*week_of(11, 23))) == [("Wed 25 10:00", "12:00", "Second, longer")]
    assert len(parsed) == 2


def test_by_day_puts_a_meeting_past_midnight_on_both_days(work: Path) -> None:
    put(work, "late.ics", event("l", "SUMMARY:Release night",
                                "DTSTART;TZID=Europe/Berlin:20261124T230000",
                                "DTEND;TZID=Europe/Berlin:20261125T010000"))
    put(work, "early.ics", event("e", "SUMMARY:Before",
                                 "DTSTART;TZID=Europe/Berlin:20261122T230000",
                                 "DTEND;TZID=Europe/Berlin:20261123T003000"))
    days = BusyCalendars([work]).by_day(pendulum.date(2026, 11, 23), 7, pendulum.timezone(BERLIN))
    assert {day.day: [b.title for b in blocks] for day, blocks in days.items()} == {
        23: ["Before"], 24: ["Release night"], 25: ["Release night"],
    }


def test_titles_lose_control_characters(work: Path) -> None:
    put(work, "esc.ics", event("x", "SUMMARY:Sync \x1b]0;owned\x07 now",
                               "DTSTART;TZID=Europe/Berlin:20261125T100000",
                               "DTEND;TZID=Europe/Berlin:20261125T110000"))
    [block] = BusyCalendars([work]).between(*week_of(11, 23))
    assert "\x1b" not in block.title and "\x07" not in block.title
