"""Issue #13's "Done when", walked on the installed command in a real terminal with a vdir (the
folder vdirsyncer syncs with a CalDAV server; the round trip through Radicale itself is in
tests/integration): a follow-up planned in the app appears as an event with its alarm and only
the person's name, moving it in the calendar moves it in the app, the week view shows busy
times from a second calendar, and `kindcheck calendar status` counts it all."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.terminal import kindcheck_in_tmux
from tests.functional.test_cli_shell_commands import kindcheck

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="needs tmux (apt-get install tmux); in CI it is required",
    ),
    pytest.mark.slow,  # the installed command, a real terminal: seconds
]

MEETING = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone else//EN\r\nBEGIN:VEVENT\r\n"
    "UID:board-1@example.com\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Board review\r\n"
    "DTSTART;TZID=Europe/Berlin:20261124T130000\r\nDTEND;TZID=Europe/Berlin:20261124T150000\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def wait_for_file(folder: Path, deadline: float = 20) -> Path:
    end = time.monotonic() + deadline
    while not (found := sorted(folder.glob("*.ics"))):
        if time.monotonic() > end:
            raise AssertionError(f"no event was written in {folder}")
        time.sleep(0.05)  # a file another process writes: nothing to wait on but the folder
    [event] = found
    return event


def test_planned_in_the_app_moved_in_the_calendar(
    tmp_path: Path, store_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = store.add_person(Person("Ada Lovelace", what_matters="Her daughter's first school"))
    vdir, work = tmp_path / "cal" / "kindcheck", tmp_path / "cal" / "work"
    work.mkdir(parents=True)
    (work / "board.ics").write_text(MEETING, encoding="utf-8", newline="")
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[calendar]\nvdir = "{vdir}"\nread = ["{work}"]\nalarm = "15m"\n',
                        encoding="utf-8")

    with kindcheck_in_tmux(tmp_path, store_path) as term:
        term.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
        term.burst("c", "Good week", "<C-s>")
        term.wait_for(lambda s: "ends with the next follow-up" in s, "the follow-up asked for")
        term.burst("wed 10:00", "<Tab>", "School worries", "<C-s>")
        term.wait_for(lambda s: "saved" in s.lower(), "the check-in saved")

        event = wait_for_file(vdir)
        text = event.read_text(encoding="utf-8")
        assert "SUMMARY:Check-in with Ada Lovelace" in text
        assert "TRIGGER:-PT15M" in text
        assert "School worries" not in text and "daughter" not in text  # names only, by default
        assert re.search(r"DTSTART;TZID=Europe/Berlin:20261125T100000", text), text

        # Moved in the calendar (as vdirsyncer would write it after a move on the server).
        moved = text.replace("20261125T100000", "20261126T141500").replace(
            "20261125T103000", "20261126T144500")
        temp = event.with_suffix(".tmp")
        temp.write_text(moved, encoding="utf-8", newline="")
        temp.replace(event)
        term.wait_for(lambda s: "Moved in your calendar" in s and "Thu 26 Nov 14:15" in s,
                      "the move said in the app")

        term.burst("w")
        term.wait_for(lambda s: "Board review" in s, "the busy time from the work calendar")
        term.burst("p")
        term.wait_for(lambda s: "Board review" not in s and "busy" in s,
                      "the meeting's title under the privacy mask")
        term.burst("p", "<Escape>", "q")

    [followup] = Store.open(store_path, clock=lambda: NOW).history(ada.id).planned_followups
    assert followup.at.in_tz("Europe/Berlin").format("ddd HH:mm") == "Thu 14:15"

    monkeypatch.setenv("KINDCHECK_CONFIG", str(settings))
    status = kindcheck(store_path, "calendar", "status")
    assert status.returncode == 0, status.stderr
    assert f"Calendar: {vdir}" in status.stdout
    assert "Events of kindcheck's: 1" in status.stdout
    assert f"Also read for busy times: {work}" in status.stdout
