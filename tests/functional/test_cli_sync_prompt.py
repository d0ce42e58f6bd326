"""`sync clone` on a real terminal (tmux): without --key it asks for the key, and what is typed
never shows on the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kindcheck.domain.model import Note, NoteKind, Person
from tests.conftest import NOW
from tests.functional.terminal import KINDCHECK, Terminal
from tests.functional.test_cli_sync import Machine

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


def test_clone_asks_for_the_key_without_showing_it(tmp_path: Path) -> None:
    a = Machine(tmp_path, "a")
    store = a.store()
    ada = store.add_person(Person("Ada Lovelace"))
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Shipped the export", NOW))
    remote = tmp_path / "remote.git"
    key = a.ok("sync", "init", str(remote), "--encrypt").splitlines()[-1]
    b = Machine(tmp_path, "b")
    term = Terminal(tmp_path / "tmux.sock")
    env = {"KINDCHECK_CONFIG": str(b.config), "KINDCHECK_NOW": NOW.isoformat(),
           "TZ": "Europe/Berlin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    command = (" ".join(f"{k}='{v}'" for k, v in env.items())
               + f" '{KINDCHECK}' --data '{b.path}' sync clone '{remote}'; echo done:$?; "
               "sleep 60")
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "kc", "-x", "120", "-y", "34",
              "env -i " + command)
    try:
        term.wait_for(lambda text: "Sync key:" in text, "the prompt")
        term.burst(key, "<Enter>")
        term.wait_for(lambda text: "done:" in text, "the clone finishing")
        joined = term.lines().replace("\n", " ")
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)
    assert "done:0" in joined and "1 note and 1 person from elsewhere." in joined
    assert key not in joined and key[20:40] not in joined
    assert b.records() == a.records()
