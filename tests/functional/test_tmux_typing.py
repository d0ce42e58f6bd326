"""The installed `kindcheck` command in a real terminal (tmux), typed into as fast as tmux can.

Pilot tests post key events inside the process; this one goes through a real pty, the
terminal parser and the console script users run. One tmux command sends the whole burst,
so the keys arrive with no pause between them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kindcheck.domain.model import NoteKind, Person
from kindcheck.store.store import Store
from tests.functional.terminal import Terminal, kindcheck_in_tmux

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="needs tmux (apt-get install tmux); in CI it is required",
    ),
    pytest.mark.slow,  # a real terminal and the installed command: seconds per test
]


@pytest.fixture
def terminal(tmp_path: Path, store_path: Path, team: dict[str, Person]) -> Iterator[Terminal]:
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        yield term


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
