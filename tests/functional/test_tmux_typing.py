"""The installed `kindcheck` command in a real terminal (tmux), typed into as fast as tmux can.

Pilot tests post key events inside the process; this one goes through a real pty, the
terminal parser and the console script users run. One tmux command sends the whole burst,
so the keys arrive with no pause between them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kindcheck.domain.model import NoteKind, Person
from kindcheck.store.store import Store
from tests.conftest import NOW

KINDCHECK = Path(sys.executable).parent / "kindcheck"

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="needs tmux (apt-get install tmux); in CI it is required",
    ),
    pytest.mark.slow,  # a real terminal and the installed command: seconds per test
]


class Terminal:
    """One tmux server of our own, on a socket under tmp_path, with one 120x34 window."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args],
            capture_output=True, text=True, check=True, timeout=20,
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "kc")

    def wait_for(self, condition: Callable[[str], bool], what: str, deadline: float = 20) -> str:
        end = time.monotonic() + deadline
        while True:
            text = self.screen()
            if condition(text):
                return text
            if time.monotonic() > end:
                raise AssertionError(f"the screen never showed {what}:\n{text}")
            time.sleep(0.05)  # polling a real terminal: no event to wait on

    def burst(self, *parts: str) -> None:
        """Send everything in one tmux command: text as literal keys, `<Tab>` as key names."""
        args: list[str] = []
        for part in parts:
            if args:
                args.append(";")
            if part.startswith("<") and part.endswith(">"):
                args += ["send-keys", "-t", "kc", part[1:-1]]
            else:
                args += ["send-keys", "-t", "kc", "-l", part]
        self.tmux(*args)


@pytest.fixture
def terminal(tmp_path: Path, store_path: Path, team: dict[str, Person]) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "tmux.sock")
    env = {
        "KINDCHECK_DATA": str(store_path),
        "KINDCHECK_CONFIG": str(tmp_path / "settings.toml"),
        "KINDCHECK_NOW": NOW.isoformat(),
        "TZ": "Europe/Berlin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "HOME": str(tmp_path),
        "PATH": os.environ.get("PATH", ""),
    }
    command = " ".join(f"{k}='{v}'" for k, v in env.items()) + f" '{KINDCHECK}'"
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "kc", "-x", "120", "-y", "34",
              "env -i " + command)
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)


def test_a_burst_typed_into_the_real_terminal_is_saved_field_by_field(
    terminal: Terminal, store_path: Path, team: dict[str, Person]
) -> None:
    ada = team["ada"]
    terminal.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
    terminal.burst(
        "c",
        "Tired but upbeat", "<Tab>",
        "4", "<Tab>",
        "Finished the API docs", "<Tab>",
        "Waiting on review", "<Tab>", "<Tab>",
        "I will own the rollout", "<Tab>",
        "tools: a second screen", "<Tab>",
        "fri 10:00", "<Tab>",
        "Rollout plan",
        "<C-s>",
    )
    terminal.wait_for(lambda s: "saved" in s.lower(), "the check-in saved")
    terminal.burst("q")

    history = Store.open(store_path).history(ada.id)
    checkin = history.last_checkin
    assert checkin is not None
    assert checkin.how_they_are == "Tired but upbeat"
    assert checkin.mood == 4
    assert checkin.their_words == "I will own the rollout"
    notes = {(n.kind, n.text) for n in history.notes if n.checkin_id == checkin.id}
    assert notes == {
        (NoteKind.PROGRESS, "Finished the API docs"),
        (NoteKind.MISSING, "Waiting on review"),
    }
    [promise] = [c for c in history.commitments if c.checkin_id == checkin.id]
    assert promise.text == "a second screen"
    [followup] = [f for f in history.planned_followups if f.checkin_id == checkin.id]
    assert followup.topic == "Rollout plan"
