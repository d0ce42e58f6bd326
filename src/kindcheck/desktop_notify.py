"""Reminders outside the app: a desktop notification sent through the terminal.

`[calendar] notify` chooses how a follow-up reminder reaches the leader beyond kindcheck's
own notice and bell:

- "off" or "bell" (the default is "off"): nothing more than the notice and the bell, which
  every terminal (and tmux, as a window alert) understands;
- "osc9": `ESC ] 9 ; text BEL`, shown as a desktop notification by iTerm2, Windows Terminal,
  WezTerm, foot, kitty and others;
- "osc777": `ESC ] 777 ; notify ; title ; body BEL`, for rxvt-unicode, foot, Ghostty and
  VTE-based terminals (GNOME Terminal, Tilix...).

A terminal that knows neither sequence ignores it silently, so nothing shows on screen.

What goes out is the person's name and nothing else (no topic: a notification can be seen
by anyone near the screen, and is kept by the desktop's history). Every control character
is removed, so a name can never end the sequence early or start another one.

Inside tmux a sequence from the app reaches the outer terminal only when wrapped for tmux's
passthrough (`ESC P tmux; ... ESC \\`), and tmux drops even that unless the leader has set
`allow-passthrough on` (off by default since tmux 3.3). kindcheck asks tmux once: with
passthrough on the sequence is wrapped; with it off nothing more is sent, and the bell the
App rings anyway is the reminder (tmux passes it on as a window alert).

Textual has no public way to write raw bytes to the terminal; its own `App.bell` and
`App.copy_to_clipboard` write through the App's driver, and so does `terminal_writer`
(tests/unit/test_desktop_notify.py fails loudly should an upgrade change that).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kindcheck.domain.text import is_control

TITLE = "kindcheck"
LONGEST = 120  # a notification is a glance, and a name is never this long
OSC_KINDS = ("osc9", "osc777")
ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"


def clean(text: str) -> str:
    """`text` fit for inside an escape sequence: no control character, one line, short."""
    kept = "".join(" " if char in "\n\t" else char for char in text
                   if char in "\n\t" or not is_control(char))
    return " ".join(kept.split())[:LONGEST]


def reminder_text(name: str, soon: bool) -> str:
    """What the notification says: the person's name, and whether it is now or soon."""
    return f"Check-in with {clean(name)} " + ("in 5 minutes" if soon else "now")


def osc9(body: str) -> str:
    """The OSC 9 notification sequence for `body`."""
    return f"{ESC}]9;{clean(body)}{BEL}"


def osc777(title: str, body: str) -> str:
    """The OSC 777 notification sequence; a ";" in the title would end it early."""
    return f"{ESC}]777;notify;{clean(title).replace(';', ',')};{clean(body)}{BEL}"


def for_tmux(sequence: str) -> str:
    """`sequence` wrapped for tmux's passthrough: each ESC inside doubled."""
    return f"{ESC}Ptmux;{sequence.replace(ESC, ESC + ESC)}{ST}"


def sequence_for(kind: str, body: str, *, tmux: bool = False) -> str:
    """The bytes to write for a notification of `kind` ("osc9" or "osc777")."""
    if kind == "osc9":
        sequence = osc9(f"{TITLE}: {body}")
    elif kind == "osc777":
        sequence = osc777(TITLE, body)
    else:
        raise ValueError(f"no terminal notification called {kind!r}")
    return for_tmux(sequence) if tmux else sequence


def tmux_passthrough(env: Mapping[str, str] | None = None) -> bool | None:
    """None outside tmux; inside it, whether tmux lets a wrapped sequence through."""
    env = os.environ if env is None else env
    if not env.get("TMUX"):
        return None
    try:
        answer = subprocess.run(
            ["tmux", "show-options", "-gqv", "allow-passthrough"],
            capture_output=True, text=True, timeout=2, env=dict(env), check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False  # cannot ask: assume the default, off
    return answer.stdout.strip() in ("on", "all")


def terminal_writer(app: Any) -> Callable[[str], None]:
    """Writes to the terminal a Textual App runs in, between its frames; nothing while it
    has no terminal (before it starts, after it stops, or in a browser)."""

    def write(data: str) -> None:
        driver = app._driver  # None before it starts; pinned in test_desktop_notify.py
        if driver is not None and not app.is_web:
            driver.write(data)

    return write


@dataclass
class TerminalNotifier:
    """Sends reminders as terminal notifications, as `kind` says, through `write`."""

    kind: str
    write: Callable[[str], None]
    env: Mapping[str, str] | None = None
    _tmux: bool | None = None
    _asked: bool = False

    def remind(self, name: str, *, soon: bool) -> bool:
        """Send one reminder about a follow-up with `name`; True when a sequence went out."""
        if self.kind not in OSC_KINDS:
            return False
        if not self._asked:  # once: the answer does not change while kindcheck runs
            self._tmux, self._asked = tmux_passthrough(self.env), True
        if self._tmux is False:
            return False  # tmux would swallow it: the App's bell is the reminder
        self.write(sequence_for(self.kind, reminder_text(name, soon), tmux=bool(self._tmux)))
        return True
