"""`kindcheck calendar sync|status|--help` and `kindcheck follow-up` writing the vdir, through
the installed command with a settings file under tmp_path."""

from __future__ import annotations

import re
from pathlib import Path

from kindcheck.domain.model import FollowUpStatus, Person
from kindcheck.vdir.events import read_event
from tests.functional.test_cli_shell_commands import kindcheck, ok, refused, reopen


def events(vdir: Path) -> list[Path]:
    return sorted(vdir.glob("*.ics"))


def test_help_explains_every_setting(store_path: Path) -> None:
    out = ok(store_path, "calendar", "--help")
    assert out.startswith("usage: kindcheck calendar")
    assert "[calendar]" in out and "examples:" in out
    for setting in ("vdir =", "read =", "duration =", "alarm =", "details =", "commitments =",
                    "notify ="):
        assert setting in out
    assert "calendar" in ok(store_path, "--help")


def test_sync_with_the_calendar_off_says_how_to_turn_it_on(store_path: Path,
                                                           ada: Person) -> None:
    line = refused(store_path, 2, "calendar", "sync")
    assert "The calendar is off: add [calendar] with vdir" in line
    assert "calendar" in refused(store_path, 2, "calendar", "status")
    assert "Say what to do" in refused(store_path, 2, "calendar")


def test_follow_up_writes_its_event(store_path: Path, ada: Person, calendar_on: Path,
                                    vdir: Path) -> None:
    ok(store_path, "follow-up", "ada", "fri", "14:00", "--topic", "Her private worries")
    [path] = events(vdir)
    followup = reopen(store_path).history(ada.id).planned_followups[0]
    assert path.name == f"kindcheck-{followup.id}@kindcheck.ics"
    assert read_event(path.read_bytes()).start == followup.at
    assert b"Check-in with Ada Lovelace" in path.read_bytes()
    assert b"worries" not in path.read_bytes()  # names only, by default


def test_sync_fills_the_vdir_and_reads_back_a_move_and_a_deletion(
    store_path: Path, ada: Person, vdir: Path, calendar_on: Path
) -> None:
    calendar_on.write_text("", encoding="utf-8")  # off while these are planned
    ok(store_path, "follow-up", "ada", "2026-11-26", "10:00")
    ok(store_path, "follow-up", "ada", "2026-11-30", "10:00")
    assert events(vdir) == []
    calendar_on.write_text(f'[calendar]\nvdir = "{vdir}"\n', encoding="utf-8")
    assert ok(store_path, "calendar", "sync") == f"Calendar in step (2 events written): {vdir}\n"
    first, second = reopen(store_path).history(ada.id).planned_followups
    moved = vdir / f"kindcheck-{first.id}@kindcheck.ics"
    text = moved.read_text(encoding="utf-8")
    moved.write_text(re.sub(r"TZID=Europe/Berlin:20261126T100000",
                            "TZID=Europe/Berlin:20261203T100000", text), encoding="utf-8")
    (vdir / f"kindcheck-{second.id}@kindcheck.ics").unlink()
    out = ok(store_path, "calendar", "sync")
    assert out.splitlines() == [
        "Moved in your calendar: Ada Lovelace to Thu 3 Dec 10:00",
        "Cancelled in your calendar: Ada Lovelace, Mon 30 Nov 10:00 (Today can bring it back).",
        f"Calendar in step (1 event written): {vdir}",
    ]
    again = reopen(store_path).history(ada.id)
    [planned] = again.planned_followups
    assert planned.id == first.id and planned.at.format("YYYY-MM-DD HH:mm") == "2026-12-03 10:00"
    assert {f.id: f.status for f in again.followups}[second.id] is FollowUpStatus.CANCELLED


def test_status_counts_and_names_broken_files(store_path: Path, ada: Person, vdir: Path,
                                              calendar_on: Path) -> None:
    ok(store_path, "follow-up", "ada", "fri", "14:00")
    (vdir / "standup.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@example.com\r\n"
        b"DTSTART:20261124T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    (vdir / "broken.ics").write_bytes(b"garbage\r\n")
    before = ok(store_path, "calendar", "status").splitlines()
    assert before == [
        f"Calendar: {vdir}",
        "Events of kindcheck's: 1 (and 1 others, left alone)",
        "Last read-back: never",
        "Could not read broken.ics: not a calendar file (Content line could not be parsed "
        "into parts: 'garbage': Invalid content line)",
    ]
    ok(store_path, "calendar", "sync")
    assert "Last read-back: Mon 23 Nov 2026, 09:30" in ok(store_path, "calendar", "status")


def test_a_vdir_that_cannot_be_written_keeps_the_followup(
    store_path: Path, ada: Person, tmp_path: Path, calendar_on: Path
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    calendar_on.write_text(f'[calendar]\nvdir = "{blocker / "cal"}"\n', encoding="utf-8")
    result = kindcheck(store_path, "follow-up", "ada", "fri", "14:00")
    assert result.returncode == 0
    assert result.stdout.startswith("Planned a follow-up with Ada Lovelace")
    [line] = result.stderr.splitlines()
    assert line.startswith("kindcheck: Saved, but the calendar could not be written")
    assert len(reopen(store_path).history(ada.id).planned_followups) == 1


def test_bad_calendar_settings_are_said_and_keep_it_off(store_path: Path, ada: Person,
                                                        calendar_on: Path, vdir: Path) -> None:
    calendar_on.write_text(f'[calendar]\nvdir = "{vdir}"\ndetails = "all"\n', encoding="utf-8")
    ok(store_path, "follow-up", "ada", "fri", "14:00")
    assert events(vdir) == []  # a typo never sends more than was chosen
    result = kindcheck(store_path, "calendar", "sync")
    assert result.returncode == 2
    first, second = result.stderr.splitlines()
    assert f"{calendar_on}, line 3: details should be one of" in first
    assert "The calendar is off" in second
