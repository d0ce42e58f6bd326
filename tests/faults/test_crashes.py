"""Real processes: a writer killed with SIGKILL at random instants never loses a note it
acknowledged, and two writers at once never lose each other's notes."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kindcheck.domain.model import Note, Person
from kindcheck.domain.summary import summarize
from kindcheck.store.store import Store
from tests.faults.records import exact, temp_files

# Real processes killed mid-write, again and again: slow, so outside the quick set.
pytestmark = pytest.mark.slow

WRITER = Path(__file__).with_name("note_writer.py")
KILLS = 100


def _start(path: Path, person_id: str, count: int, *, wait: bool = False) -> subprocess.Popen[str]:
    args = [sys.executable, str(WRITER), str(path), person_id, str(count)]
    child = subprocess.Popen(
        [*args, "--wait"] if wait else args,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    if first != "ready\n":
        _, err = child.communicate(timeout=30)
        pytest.fail(f"the writer did not start: {first!r} {err}")
    return child


def _acknowledged(output: str) -> list[str]:
    """Ids the child printed in full; a line cut short by the kill acknowledges nothing."""
    lines = output.split("\n")[:-1]  # whatever follows the last newline is incomplete
    errors = [line for line in lines if line.startswith("error")]
    assert errors == [], errors
    return lines


def _assert_whole(store: Store, person_id: str, acknowledged: set[str]) -> set[str]:
    notes = {n.id for n in store.history(person_id).notes}
    missing = acknowledged - notes
    assert not missing, f"{len(missing)} acknowledged notes lost"
    assert exact(store.summary(person_id)) == exact(summarize(store.history(person_id)))
    return notes


def test_notes_acknowledged_before_a_kill_are_never_lost(tmp_path: Path) -> None:
    path = tmp_path / "data" / "kindcheck.json"
    ada = Store.open(path).add_person(Person("Ada"))
    rng = random.Random(20261123)
    acknowledged: set[str] = set()
    saved_unacknowledged = 0
    kills = 0
    # On a busy machine a writer may die before it has written much: go on killing until
    # the writers have got some notes out, so the check is never of near-empty runs.
    deadline = time.monotonic() + 240
    while kills < KILLS or (len(acknowledged) <= KILLS // 4 and time.monotonic() < deadline):
        kills += 1
        child = _start(path, ada.id, 0)
        time.sleep(rng.uniform(0, 0.05))  # the point: die at a random instant
        child.send_signal(signal.SIGKILL)
        output, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        acknowledged.update(_acknowledged(output))
        notes = _assert_whole(Store.open(path), ada.id, acknowledged)
        saved_unacknowledged = len(notes - acknowledged)

    # The writers did get to write (how much depends on the machine's load, so loosely).
    assert len(acknowledged) > KILLS // 4
    assert saved_unacknowledged <= kills  # at most the one in flight when each died
    store = Store.open(path)
    store.add_note(Note(ada.id, "progress", "after the crashes", store.clock()))
    assert temp_files(path.parent) == []
    _assert_whole(Store.open(path), ada.id, acknowledged)


def test_two_writers_at_once_keep_all_their_notes(tmp_path: Path) -> None:
    path = tmp_path / "data" / "kindcheck.json"
    ada = Store.open(path).add_person(Person("Ada"))
    children = [_start(path, ada.id, 200, wait=True) for _ in range(2)]
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    acknowledged: set[str] = set()
    for child in children:
        output, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        ids = _acknowledged(output)
        assert len(ids) == 200
        acknowledged.update(ids)

    assert len(acknowledged) == 400
    store = Store.open(path)
    assert _assert_whole(store, ada.id, acknowledged) == acknowledged
    summary = store.summary(ada.id)
    assert summary.progress_count + summary.missing_count == 400
    assert temp_files(path.parent) == []
