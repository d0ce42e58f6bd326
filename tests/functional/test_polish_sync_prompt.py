"""ctrl+c at `sync clone`'s key prompt (a real terminal, tmux): exit 130, and the prompt's line
is ended, so what the shell prints next starts on a line of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kindcheck.domain.model import Person
from tests.conftest import NOW
from tests.functional.terminal import KINDCHECK, Terminal
from tests.functional.test_cli_sync import Machine

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


def test_ctrl_c_at_the_key_prompt_ends_its_line(tmp_path: Path) -> None:
    a = Machine(tmp_path, "a")
    a.store().add_person(Person("Ada Lovelace"))
    remote = tmp_path / "remote.git"
    a.ok("sync", "init", str(remote), "--encrypt")
    b = Machine(tmp_path, "b")
    term = Terminal(tmp_path / "tmux.sock")
    env = {"KINDCHECK_CONFIG": str(b.config), "KINDCHECK_NOW": NOW.isoformat(),
           "TZ": "Europe/Berlin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "HOME": str(tmp_path), "PATH": os.environ.get("PATH", "")}
    # printf with no newline first: "done" lands on the prompt's line unless it was ended.
    command = (" ".join(f"{k}='{v}'" for k, v in env.items())
               + f" '{KINDCHECK}' --data '{b.path}' sync clone '{remote}'; "
               "printf 'done:%s' $?; sleep 60")
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "kc", "-x", "120", "-y", "34",
              "env -i " + command)
    try:
        term.wait_for(lambda text: "Sync key:" in text, "the prompt")
        term.burst("not the key", "<C-c>")
        shown = term.wait_for(lambda text: "done:" in text, "the command ending")
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)
    lines = [line.strip() for line in shown.splitlines() if line.strip()]
    assert "done:130" in lines, shown
    assert lines[lines.index("done:130") - 1] == "Sync key:", shown
    assert "not the key" not in shown
    assert b.store().is_empty  # nothing cloned
