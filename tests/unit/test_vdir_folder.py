"""Event files are written atomically (kindcheck.vdir.folder), and a vdir that cannot be
written never costs the store its change (kindcheck.vdir.mirror)."""

from __future__ import annotations

import os
from pathlib import Path

import pendulum
import pytest

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, Person
from kindcheck.store.store import Store
from kindcheck.vdir.folder import Vdir
from kindcheck.vdir.mirror import CalendarMirror


def test_a_write_leaves_no_temp_file_and_makes_the_folder(tmp_path: Path) -> None:
    vdir = Vdir(tmp_path / "a" / "b")
    vdir.write("one.ics", b"first")
    vdir.write("one.ics", b"second")
    assert [p.name for p in vdir.folder.iterdir()] == ["one.ics"]
    assert vdir.read("one.ics") == b"second"
    assert list(vdir.names()) == ["one.ics"]


def test_a_failing_write_leaves_the_old_file(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    vdir = Vdir(tmp_path / "cal")
    vdir.write("one.ics", b"old")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        vdir.write("one.ics", b"new")
    monkeypatch.undo()
    assert [p.name for p in vdir.folder.iterdir()] == ["one.ics"]
    assert vdir.read("one.ics") == b"old"


def test_hidden_and_temp_files_are_not_events(tmp_path: Path) -> None:
    vdir = Vdir(tmp_path)
    for name in ("a.ics", ".hidden.ics", ".a.ics.tmp-1-abcd", "notes.txt", "b.ics"):
        (tmp_path / name).write_bytes(b"x")
    assert list(vdir.names()) == ["a.ics", "b.ics"]


def test_a_vdir_that_cannot_be_written_keeps_the_stores_change(
    store: Store, clock: ManualClock, tmp_path: Path, now: pendulum.DateTime
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"a file where the vdir should be")
    said: list[str] = []
    mirror = CalendarMirror(store, CalendarSettings(vdir=blocker / "cal"), clock, said.append)
    store.add_followup_hook(mirror.person_changed)
    ada = store.add_person(Person("Ada Lovelace"))
    followup = store.add_followup(FollowUp(ada.id, now.add(days=1)))
    assert [f.id for f in store.history(ada.id).followups] == [followup.id]
    [line] = said
    assert line.startswith("Saved, but the calendar could not be written (")
    assert line.endswith("kindcheck calendar sync mends it.") and "\n" not in line
