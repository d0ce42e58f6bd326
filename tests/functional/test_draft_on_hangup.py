"""The terminal closing (SIGHUP) or a SIGTERM with the check-in form open (#11): the installed
command closes as on quit, and what was typed a moment ago is in the draft on disk."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from tests.functional.terminal import kindcheck_in_tmux

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="needs tmux (apt-get install tmux); in CI it is required",
)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def wait_gone(pid: int, deadline: float = 20.0) -> None:
    end = time.monotonic() + deadline
    while not gone(pid):
        assert time.monotonic() < end, "kindcheck never exited"
        time.sleep(0.05)  # another process: no event to wait on


@needs_tmux
@pytest.mark.slow  # a real terminal and the installed command
@pytest.mark.parametrize("how", ["terminal closed", "SIGTERM"])
def test_closing_with_the_form_open_keeps_what_was_just_typed(
    tmp_path: Path, store_path: Path, team: dict[str, Person], how: str
) -> None:
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        term.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
        pid = int(term.tmux("list-panes", "-t", "kc", "-F", "#{pane_pid}").split()[0])
        term.burst("c")
        term.wait_for(lambda s: "Save check-in" in s, "the form")
        term.burst("Just typed")
        # Well within the second the draft timer waits: only closing can write it now.
        term.wait_for(lambda s: "Just typed" in s, "the typing")
        if how == "SIGTERM":
            os.kill(pid, signal.SIGTERM)
        else:
            term.tmux("kill-server")  # the terminal goes away: kindcheck gets SIGHUP
        wait_gone(pid)
    store = Store.open(store_path)
    drafts = [store.load_draft(person_id) for person_id in store.draft_people()]
    assert [draft["how_they_are"] for draft in drafts if draft] == ["Just typed"]
