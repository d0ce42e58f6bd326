"""Follow-ups cancelled in the calendar, from the shell: `kindcheck today` lists them with how
to bring one back, and `kindcheck calendar restore PERSON` plans the newest again and writes its
event back into the vdir. Through the installed command, with a real vdir under tmp_path."""

from __future__ import annotations

from pathlib import Path

from kindcheck.domain.model import FollowUpStatus, Person
from kindcheck.vdir.events import file_name, read_event
from tests.functional.test_cli_shell_commands import ok, refused, reopen


def cancel_two_in_the_calendar(store_path: Path, ada: Person, vdir: Path) -> list[str]:
    """Plan three follow-ups, delete two events as a calendar app would, read it back.

    (All of them gone at once reads as a wiped folder, which cancels nothing.)"""
    ok(store_path, "follow-up", "ada", "2026-11-26", "10:00", "--topic", "Course")
    ok(store_path, "follow-up", "ada", "2026-11-30", "10:00", "--topic", "Offsite")
    ok(store_path, "follow-up", "ada", "2026-12-09", "10:00", "--topic", "Kept")
    ids = [f.id for f in reopen(store_path).history(ada.id).planned_followups][:2]
    for followup_id in ids:
        (vdir / file_name(followup_id)).unlink()
    ok(store_path, "calendar", "sync")
    return ids


def test_today_lists_what_the_calendar_cancelled_and_how_to_bring_it_back(
    store_path: Path, ada: Person, vdir: Path, calendar_on: Path
) -> None:
    cancel_two_in_the_calendar(store_path, ada, vdir)
    lines = ok(store_path, "today").splitlines()
    at = lines.index("Cancelled in your calendar")
    assert lines[at + 1:at + 4] == [
        "  Thu 26 Nov 10:00  Ada Lovelace  Course",
        "  Mon 30 Nov 10:00  Ada Lovelace  Offsite",
        "  Bring one back with: kindcheck calendar restore PERSON",
    ]


def test_today_says_nothing_of_the_calendar_when_nothing_was_cancelled(
    store_path: Path, ada: Person, vdir: Path, calendar_on: Path
) -> None:
    ok(store_path, "follow-up", "ada", "2026-11-26", "10:00")
    assert "Cancelled in your calendar" not in ok(store_path, "today")


def test_restore_brings_back_the_newest_then_the_next_then_refuses(
    store_path: Path, ada: Person, vdir: Path, calendar_on: Path
) -> None:
    first, second = cancel_two_in_the_calendar(store_path, ada, vdir)
    assert ok(store_path, "calendar", "restore", "ada").splitlines() == [
        "Brought back, and back in your calendar:",
        "  Mon 30 Nov 10:00  Ada Lovelace  Offsite",
        "Still cancelled in your calendar (run it again for the next):",
        "  Thu 26 Nov 10:00  Ada Lovelace  Course",
    ]
    statuses = {f.id: f.status for f in reopen(store_path).history(ada.id).followups}
    assert (statuses[first], statuses[second]) == (FollowUpStatus.CANCELLED,
                                                   FollowUpStatus.PLANNED)
    event = read_event((vdir / file_name(second)).read_bytes())
    assert event.followup_id == second and not event.cancelled
    assert not (vdir / file_name(first)).exists()
    assert ok(store_path, "calendar", "restore", "ada").splitlines() == [
        "Brought back, and back in your calendar:",
        "  Thu 26 Nov 10:00  Ada Lovelace  Course",
    ]
    assert (vdir / file_name(first)).exists()
    assert "Cancelled in your calendar" not in ok(store_path, "today")
    line = refused(store_path, 2, "calendar", "restore", "ada")
    assert line == "kindcheck: Nothing of Ada Lovelace's was cancelled in your calendar."
    # The next sync leaves both planned: their events are kindcheck's again.
    ok(store_path, "calendar", "sync")
    assert len(reopen(store_path).history(ada.id).planned_followups) == 3


def test_restore_refuses_unknown_people_and_a_calendar_that_is_off(
    store_path: Path, ada: Person, vdir: Path, calendar_on: Path
) -> None:
    assert "zed" in refused(store_path, 2, "calendar", "restore", "zed")
    calendar_on.write_text("", encoding="utf-8")
    assert "The calendar is off" in refused(store_path, 2, "calendar", "restore", "ada")
