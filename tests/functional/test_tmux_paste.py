"""A paste holding escape codes, into the installed `kindcheck` in a real terminal (tmux).

tmux's `paste-buffer -p` sends the buffer as a bracketed paste, byte for byte, the way a
terminal pastes text copied from another terminal: here "line two" carries a colour code and a
tab. Without kindcheck.paste_guard, Textual turned the code into keys ("^[31m" typed, the Tab
moving focus) and the paste landed in the next field.
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
from tests.store_state import digest

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="needs tmux (apt-get install tmux); in CI it is required",
    ),
    pytest.mark.slow,  # a real terminal and the installed command: seconds per test
]

FOUND = b"line one\nline two\x1b[31m\ttab"


@pytest.fixture
def terminal(tmp_path: Path, store_path: Path, team: dict[str, Person]) -> Iterator[Terminal]:
    (tmp_path / "paste.txt").write_bytes(FOUND)
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        term.tmux("load-buffer", "-b", "found", str(tmp_path / "paste.txt"))
        term.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
        yield term


def keys_paste_keys(terminal: Terminal, before: list[str], after: list[str]) -> None:
    """One tmux command: the keys `before`, the paste, the keys `after` (no pause between)."""
    args: list[str] = []
    for key in before:
        args += ["send-keys", "-t", "kc", key, ";"]
    args += ["paste-buffer", "-p", "-b", "found", "-t", "kc"]
    for key in after:
        args += [";", "send-keys", "-t", "kc", key]
    terminal.tmux(*args)


def test_a_paste_with_codes_lands_whole_in_progress_and_nothing_in_missing(
    terminal: Terminal, store_path: Path, team: dict[str, Person]
) -> None:
    # Then on to the next follow-up (missing, open items, own words, help, follow-up): none.
    tabs = ["Tab"] * 5
    keys_paste_keys(
        terminal, ["c", "F", "i", "n", "e", "Tab", "Tab"], [*tabs, "n", "o", "n", "e", "C-s"]
    )
    terminal.wait_for(lambda s: "saved" in s.lower(), "the check-in saved")
    history = Store.open(store_path).history(team["ada"].id)
    checkin = history.last_checkin
    assert checkin is not None
    assert checkin.how_they_are == "Fine"
    notes = [(n.kind, n.text) for n in history.notes if n.checkin_id == checkin.id]
    # One progress note a line (tmux pastes a line break as CR); the tab is kept, as it is how
    # people indent. Nothing went to Missing.
    assert notes == [(NoteKind.PROGRESS, "line one"), (NoteKind.PROGRESS, "line two\ttab")]


def test_a_paste_with_codes_into_the_quick_note_keeps_its_first_line_only(
    terminal: Terminal, store_path: Path, team: dict[str, Person]
) -> None:
    # A quick note is one line: Textual's Input takes a paste's first line.
    keys_paste_keys(terminal, ["n"], [])
    screen = terminal.wait_for(lambda s: "A note about" in s and "line one" in s, "the paste")
    assert "[31m" not in screen and "^[" not in screen
    terminal.tmux("send-keys", "-t", "kc", "Enter")
    terminal.wait_for(lambda s: "A note about" not in s, "the quick note saved")
    notes = Store.open(store_path).history(team["ada"].id).notes
    assert [(n.kind, n.text) for n in notes if "line" in n.text] == [
        (NoteKind.PROGRESS, "line one")
    ]


def test_a_paste_with_codes_into_search_searches_for_its_text(
    terminal: Terminal, store_path: Path
) -> None:
    before = digest(store_path)
    keys_paste_keys(terminal, ["/"], [])
    screen = terminal.wait_for(lambda s: "line one" in s, "the pasted search")
    # The search field holds the paste's first line and nothing else (without the guard it
    # held "abline one": the codes typed, a Tab away and back, the paste last).
    assert search_field(screen) == "line one"
    terminal.tmux("send-keys", "-t", "kc", "-l", "Z")
    screen = terminal.wait_for(lambda s: "line oneZ" in s, "typing after the paste")
    assert search_field(screen) == "line oneZ"
    assert digest(store_path) == before


def search_field(screen: str) -> str:
    """What the search field shows: the text between its side borders."""
    [line] = [line for line in screen.splitlines() if "line one" in line]
    return line.strip().strip("▊▎").strip()
