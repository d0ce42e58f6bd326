"""Issue #14's "Done when", walked on the installed command: two machines (two stores, each
with its own config folder) that write notes over a week, synced through an encrypted bare git
repository under tmp_path in both orders (one of them from the app, in a real terminal), end
with the same complete history; the remote reveals no name or note; a sync killed halfway loses
nothing; a wrong key changes nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pendulum
import pyrage
import pytest

from kindcheck.sync.pause import FILE_ENV, STEP_ENV
from tests.conftest import NOW
from tests.functional.terminal import KINDCHECK, kindcheck_in_tmux
from tests.store_state import digest

pytestmark = [
    pytest.mark.skipif(
        shutil.which("tmux") is None and not os.environ.get("CI"),
        reason="needs tmux (apt-get install tmux); in CI it is required",
    ),
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.slow,  # real git, the installed command, a real terminal: many seconds
]


class Machine:
    """One machine: its own store and its own config folder (where its sync key lives)."""

    def __init__(self, root: Path) -> None:
        self.store = root / "data" / "kindcheck.json"
        self.config = root / "config" / "settings.toml"

    def run(self, *args: str, day: int = 0, stdin: str | None = None) -> str:
        """Run the command `day` days after NOW; it must succeed."""
        done = self.attempt(*args, day=day, stdin=stdin)
        assert (done.returncode, done.stderr) == (0, ""), (args, done.stderr)
        return done.stdout

    def attempt(self, *args: str, day: int = 0,
                stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "KINDCHECK_NOW": NOW.add(days=day).isoformat(),
               "KINDCHECK_DATA": str(self.store), "KINDCHECK_CONFIG": str(self.config)}
        return subprocess.run([str(KINDCHECK), *args], capture_output=True, text=True,
                              input=stdin, env=env, timeout=120, check=False)

    def killed_halfway(self, signal: Path, day: int) -> None:
        """`kill -9` a sync at the step where it has written the merged files (sync/pause.py)."""
        env = {**os.environ, "KINDCHECK_NOW": NOW.add(days=day).isoformat(),
               "KINDCHECK_DATA": str(self.store), "KINDCHECK_CONFIG": str(self.config),
               STEP_ENV: "written", FILE_ENV: str(signal)}
        sync = subprocess.Popen([str(KINDCHECK), "sync"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            end = time.monotonic() + 60
            while not signal.exists():
                assert sync.poll() is None, "the sync ended before it was killed"
                assert time.monotonic() < end, "the sync never reached its pause"
                time.sleep(0.05)  # another process's file: nothing to wait on but the folder
            sync.kill()
        finally:
            sync.wait(timeout=60)
            signal.unlink(missing_ok=True)

    def export(self) -> dict[str, object]:
        out = self.store.parent / "export.json"
        self.run("export", "--format", "json", "--out", str(out))
        exported = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
        exported.pop("exported_at")
        return dict(exported)


def remote_objects(remote: Path) -> bytes:
    """Every object in the bare repository as git prints it, names and messages included.

    Blobs of age ciphertext are left out: random bytes hold any short word (b"Ada") by chance
    now and then, and that says nothing about privacy. Any other blob is searched like the rest.
    """
    git = ["git", "-C", str(remote)]
    listed = subprocess.run(
        [*git, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    shown = []
    for line in listed:
        name, kind = line.split()
        body = subprocess.run([*git, "cat-file", "-p", name], capture_output=True,
                              check=True).stdout
        if kind == "blob" and body.startswith(b"age-encryption.org/v1\n"):
            continue
        shown.append(body)
    assert shown, "no commits or trees in the remote"
    refs = subprocess.run([*git, "log", "--all", "--format=%an %ae %s %b"],
                          capture_output=True, check=True).stdout
    return b"\n".join([*shown, refs])


def test_two_machines_a_week_apart_end_with_the_same_history(tmp_path: Path) -> None:
    laptop, desktop = Machine(tmp_path / "laptop"), Machine(tmp_path / "desktop")
    remote = tmp_path / "remote.git"
    laptop.run("add-person", "Ada Lovelace", "--team", "Platform")
    laptop.run("note", "ada", "Shipped the search page")
    started = laptop.run("sync", "init", str(remote), "--encrypt")
    [key] = [line for line in started.splitlines() if line.startswith("AGE-SECRET-KEY-")]

    stranger = Machine(tmp_path / "stranger")
    wrong = str(pyrage.x25519.Identity.generate())
    before = digest(stranger.store.parent)
    refused = stranger.attempt("sync", "clone", str(remote), "--key", wrong)
    assert refused.returncode == 2, refused.stderr
    [line] = refused.stderr.splitlines()
    assert line == "kindcheck: That key does not open this remote's notes"
    assert digest(stranger.store.parent) == before

    desktop.run("sync", "clone", str(remote), stdin=key + "\n")  # the key typed, not echoed
    for day in range(1, 6):  # a week of notes on both, synced in both orders
        laptop.run("note", "ada", f"Laptop day {day}: paired on [review]", day=day)
        desktop.run("note", "ada", f"Desktop day {day}: quiet focus time", day=day)
        first, second = (laptop, desktop) if day % 2 else (desktop, laptop)
        first.run("sync", day=day)
        second.run("sync", day=day)
    # A sync killed halfway (its merged files written, nothing committed yet), then run again.
    laptop.run("note", "ada", "Said just before the crash", day=6)
    laptop.killed_halfway(tmp_path / "paused", day=6)
    laptop.run("sync", day=6)

    desktop.run("add-person", "Grace Hopper", day=6)
    desktop.run("promise", "grace", "Book the compiler course", day=6)
    desktop.run("sync", day=6)

    # The laptop syncs from the app: S on the dashboard, in a real terminal.
    with kindcheck_in_tmux(tmp_path, laptop.store, KINDCHECK_CONFIG=str(laptop.config),
                           KINDCHECK_NOW=NOW.add(days=6).isoformat()) as term:
        term.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
        term.burst("S")
        term.wait_for(lambda s: "Grace Hopper" in s, "the desktop's new person, synced in")
        term.burst("q")
    desktop.run("sync", day=6)  # nothing new: both are in step already

    assert laptop.export() == desktop.export()
    notes = [note["text"] for person in laptop.export()["people"]  # type: ignore[attr-defined]
             for note in person["notes"]]
    assert sum(text.startswith("Laptop day") for text in notes) == 5
    assert sum(text.startswith("Desktop day") for text in notes) == 5
    assert notes.count("Said just before the crash") == 1

    seen = remote_objects(remote)
    for secret in (b"Ada", b"Lovelace", b"Grace", b"Platform", b"Shipped", b"Laptop day",
                   b"compiler", pendulum.date(2026, 11, 24).isoformat().encode()):
        assert secret not in seen, secret
