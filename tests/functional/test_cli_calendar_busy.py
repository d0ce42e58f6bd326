"""`kindcheck calendar status` names the meetings' files it could not read (#13), through the
installed command, and changes nothing in them."""

from __future__ import annotations

import os
from pathlib import Path

from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from tests.functional.test_cli_shell_commands import ok
from tests.store_state import digest

GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:g\r\n"
    "DTSTAMP:20261101T000000Z\r\nSUMMARY:Budget\r\n"
    "DTSTART;TZID=Europe/Berlin:20261124T100000\r\nDTEND;TZID=Europe/Berlin:20261124T110000\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_status_lists_broken_meeting_files_and_keeps_going(
    store: Store, store_path: Path, tmp_path: Path
) -> None:
    store.add_person(Person("Ada Lovelace"))
    work = tmp_path / "calendars" / "work"
    work.mkdir(parents=True)
    (work / "good.ics").write_text(GOOD, newline="")
    (work / "broken.ics").write_text("BEGIN:VCALENDAR\r\nnot really\r\n", newline="")
    (work / "nothing.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", newline="")
    settings = Path(os.environ["KINDCHECK_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    vdir = tmp_path / "calendars" / "kindcheck"
    settings.write_text(f'[calendar]\nvdir = "{vdir}"\nread = ["{work}"]\n', encoding="utf-8")
    before = digest(work)
    out = ok(store_path, "calendar", "status")
    assert f"Also read for busy times: {work}" in out
    lines = [line for line in out.splitlines() if "left out of busy times" in line]
    assert len(lines) == 2
    assert lines[0].startswith(f"Could not read {work / 'broken.ics'} (left out of busy times): ")
    assert lines[1] == (f"Could not read {work / 'nothing.ics'} (left out of busy times): "
                        "no event in it")
    assert "good.ics" not in out
    assert digest(work) == before
