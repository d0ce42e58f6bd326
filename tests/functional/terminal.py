"""The installed `kindcheck` command in a real terminal: a tmux server of the test's own, on a
socket under tmp_path, with one 120x34 window, and the keys sent as a typist sends them."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import NOW

KINDCHECK = Path(sys.executable).parent / "kindcheck"


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

    def lines(self) -> str:
        """The screen with wrapped lines joined back as printed: `-J` keeps the space a wrap
        fell on, which gluing the rows together would drop (or not, by the path's length)."""
        return self.tmux("capture-pane", "-p", "-J", "-t", "kc")

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


@contextmanager
def kindcheck_in_tmux(
    tmp_path: Path, store_path: Path, **more_env: str
) -> Iterator[Terminal]:
    """Start the installed command on `store_path` with a clean environment (a fixed "now",
    the test's own settings and home), and stop the tmux server afterwards."""
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
        **more_env,
    }
    command = " ".join(f"{k}='{v}'" for k, v in env.items()) + f" '{KINDCHECK}'"
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "kc", "-x", "120", "-y", "34",
              "env -i " + command)
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)
