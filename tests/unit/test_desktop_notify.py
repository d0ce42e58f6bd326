"""Terminal notifications for reminders (desktop_notify.py): the exact bytes, no way for a
name to inject a sequence, tmux's passthrough asked of a real tmux, and the Textual internals
the writer relies on."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver

from kindcheck.desktop_notify import (
    TerminalNotifier,
    clean,
    for_tmux,
    osc777,
    reminder_text,
    sequence_for,
    terminal_writer,
    tmux_passthrough,
)

ESC, BEL = "\x1b", "\x07"
# Any control character at all: C0, DEL, C1, and the bidi controls.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_the_sequences_byte_for_byte() -> None:
    body = reminder_text("Ada Lovelace", soon=True)
    assert body == "Check-in with Ada Lovelace in 5 minutes"
    assert sequence_for("osc9", body) == (
        "\x1b]9;kindcheck: Check-in with Ada Lovelace in 5 minutes\x07"
    )
    assert sequence_for("osc777", reminder_text("Ada Lovelace", soon=False)) == (
        "\x1b]777;notify;kindcheck;Check-in with Ada Lovelace now\x07"
    )
    assert for_tmux("\x1b]9;hi\x07") == "\x1bPtmux;\x1b\x1b]9;hi\x07\x1b\\"
    with pytest.raises(ValueError):
        sequence_for("bell", body)


def test_control_characters_never_reach_the_terminal() -> None:
    nasty = "Ada\x1b]52;c;b3duZWQ=\x07\x1b\\ \x9b31m\x9c\u202eevil\u2066\x7f\nLovelace\r"
    assert not CONTROL.search(clean(nasty))
    assert clean(nasty) == "Ada]52;c;b3duZWQ=\\ 31mevil Lovelace"
    assert osc777("a;b", "x") == "\x1b]777;notify;a,b;x\x07"  # no field smuggled in a title


def _inner(sequence: str, prefix: str) -> str:
    assert sequence.startswith(prefix) and sequence.endswith(BEL)
    return sequence[len(prefix):-1]


@given(st.text(max_size=300))
def test_any_name_gives_one_sequence_and_nothing_else(name: str) -> None:
    body = reminder_text(name, soon=True)
    for kind, prefix in (("osc9", "\x1b]9;kindcheck: "), ("osc777", "\x1b]777;notify;kindcheck;")):
        sequence = sequence_for(kind, body)
        inner = _inner(sequence, prefix)
        assert not CONTROL.search(inner), repr(inner)
        assert sequence.count(ESC) == 1 and sequence.count(BEL) == 1
        wrapped = sequence_for(kind, body, tmux=True)
        assert wrapped.startswith("\x1bPtmux;") and wrapped.endswith("\x1b\\")
        assert wrapped[len("\x1bPtmux;"):-2].replace(ESC + ESC, ESC) == sequence


@pytest.fixture
def tmux_socket(tmp_path: Path) -> Iterator[Path]:
    """A real tmux server of its own under tmp_path, stopped after the test."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    socket = Path(f"/tmp/kc-notify-{os.getpid()}-{tmp_path.name[-12:]}")
    subprocess.run(["tmux", "-S", str(socket), "-f", "/dev/null", "new-session", "-d"],
                   check=True, timeout=10)
    try:
        yield socket
    finally:
        subprocess.run(["tmux", "-S", str(socket), "kill-server"], check=False, timeout=10)
        socket.unlink(missing_ok=True)


def test_tmux_is_asked_whether_it_lets_sequences_through(tmux_socket: Path) -> None:
    env = {"TMUX": f"{tmux_socket},1,0", "PATH": os.environ.get("PATH", "")}
    assert tmux_passthrough({"PATH": env["PATH"]}) is None  # not inside tmux
    assert tmux_passthrough(env) is False  # tmux 3.3 and later: off unless set
    subprocess.run(["tmux", "-S", str(tmux_socket), "set", "-g", "allow-passthrough", "on"],
                   check=True, timeout=10)
    assert tmux_passthrough(env) is True
    written: list[str] = []
    notifier = TerminalNotifier("osc9", written.append, env=env)
    assert notifier.remind("Ada", soon=False)
    assert written == [for_tmux("\x1b]9;kindcheck: Check-in with Ada now\x07")]


def test_inside_tmux_without_passthrough_nothing_is_sent(tmux_socket: Path) -> None:
    env = {"TMUX": f"{tmux_socket},1,0", "PATH": os.environ.get("PATH", "")}
    written: list[str] = []
    assert not TerminalNotifier("osc777", written.append, env=env).remind("Ada", soon=True)
    assert written == []


def test_off_and_bell_send_nothing() -> None:
    written: list[str] = []
    for kind in ("off", "bell"):
        assert not TerminalNotifier(kind, written.append, env={}).remind("Ada", soon=True)
    assert written == []


# -- what terminal_writer relies on in Textual -------------------------------------------------


def test_textual_is_the_version_the_writer_was_checked_against() -> None:
    # On an upgrade: check that App still keeps its driver in `_driver` and writes raw
    # sequences through `driver.write` (App.bell, App.copy_to_clipboard), then update this.
    assert version("textual") == "8.2.8"


def test_the_app_still_writes_raw_sequences_through_its_driver() -> None:
    assert "self._driver.write(" in inspect.getsource(App.bell)
    assert "self._driver.write(" in inspect.getsource(App.copy_to_clipboard)
    assert App()._driver is None  # before it runs: the writer writes nothing
    assert "data" in inspect.signature(HeadlessDriver.write).parameters


def test_the_writer_writes_nothing_without_a_terminal() -> None:
    terminal_writer(App())("\x1b]9;x\x07")  # no driver yet: no error, nothing sent
