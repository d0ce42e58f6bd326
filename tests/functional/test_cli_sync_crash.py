"""A sync killed with SIGKILL at each of its steps loses nothing: the store is as before or
fully merged, and the next sync finishes the job and leaves no stray state."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from kindcheck.paths import LOCK_TIMEOUT_ENV, NOW_ENV
from kindcheck.sync.pause import FILE_ENV, STEP_ENV, STEPS
from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import COMMAND
from tests.functional.test_cli_sync import Machine, pair, remote  # noqa: F401 (fixtures)

DEADLINE = 60.0


def notes_of(machine: Machine) -> list[str]:
    store = machine.store()
    return sorted(n.text for n in store.history(store.find_person("ada").id).notes)


def killed_at(machine: Machine, step: str, signal_file: Path) -> None:
    """Start `kindcheck sync`, wait until it reaches `step`, and SIGKILL it there."""
    env = {**os.environ, NOW_ENV: NOW.isoformat(), LOCK_TIMEOUT_ENV: "2",
           "KINDCHECK_CONFIG": str(machine.config), STEP_ENV: step, FILE_ENV: str(signal_file)}
    process = subprocess.Popen([COMMAND, "--data", str(machine.path), "sync"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    end = time.monotonic() + DEADLINE
    while not signal_file.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < end, f"the sync never reached {step}"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=DEADLINE)
    if process.stderr:
        process.stderr.close()


@pytest.mark.slow
@pytest.mark.parametrize("elsewhere", [False, True], ids=["", "remote-moved-on"])
@pytest.mark.parametrize("step", STEPS)
def test_a_sync_killed_at_any_step_loses_nothing(
    pair: tuple[Machine, Machine], tmp_path: Path, step: str, elsewhere: bool,  # noqa: F811
) -> None:
    a, b = pair
    a.note("ada", "Written on A")
    a.ok("sync")
    b.note("ada", "Written on B")
    before = ["Shipped the export", "Written on B"]
    merged = ["Shipped the export", "Written on A", "Written on B"]
    killed_at(b, step, tmp_path / "paused")
    assert notes_of(b) in (before, merged)  # as before, or fully merged
    if elsewhere:  # the other machine syncs before this one is back: the histories part
        a.note("ada", "Written on A meanwhile")
        a.ok("sync")
        merged = sorted([*merged, "Written on A meanwhile"])
    b.note("ada", "Written after the crash")
    b.ok("sync")
    a.ok("sync")
    everything = sorted([*merged, "Written after the crash"])
    assert notes_of(a) == notes_of(b) == everything
    assert a.records() == b.records()
    sync_folder = b.path.parent / "kindcheck.sync"
    assert not (sync_folder / "journal.json").exists()
    assert not (sync_folder / "base" / ".git" / "index.lock").exists()
    assert not list(b.path.parent.glob(".*.tmp-*")) and not list(b.path.parent.glob("*.tmp-*"))
    status = subprocess.run(["git", "-C", str(sync_folder / "base"), "status", "--porcelain",
                             "--ignored"], capture_output=True, text=True, check=True)
    assert status.stdout == ""
