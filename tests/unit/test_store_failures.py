"""When saving fails: a full disk, a failed rename, a lock held too long, text that cannot be
saved. The old files stay byte for byte, nothing half-written is left, and the Store goes on."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import filelock
import pytest
from pendulum import DateTime

from kindcheck.domain.model import CheckIn, FollowUp, Note, Person, ValidationError
from kindcheck.store import files
from kindcheck.store.errors import StoreLocked, StoreWriteFailed
from kindcheck.store.store import Store
from tests.faults.records import exact, file_bytes, store_view, temp_files


def _full_disk(*_: Any) -> int:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _failed_rename(*_: Any) -> None:
    raise OSError(errno.EIO, os.strerror(errno.EIO))


FAULTS = {"os.write": ("write", _full_disk), "os.replace": ("replace", _failed_rename)}


def _writes(now: DateTime) -> dict[str, Callable[[Store, dict[str, Person]], object]]:
    """One of each kind of write, to fail in turn."""
    return {
        "add_person": lambda s, t: s.add_person(Person("Grace")),
        "update_person": lambda s, t: s.set_archived(t["ada"].id),
        "add_note": lambda s, t: s.add_note(Note(t["ada"].id, "progress", "new", now)),
        "save_checkin": lambda s, t: s.save_checkin(
            CheckIn(t["sam"].id, now), followup=FollowUp(t["sam"].id, now.add(days=7))
        ),
        "save_draft": lambda s, t: s.save_draft(t["ada"].id, {"how_they_are": "ok"}),
    }


WRITES = ["add_person", "update_person", "add_note", "save_checkin", "save_draft"]


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("write", WRITES)
def test_a_failed_write_keeps_the_old_files_and_the_store_usable(
    store: Store,
    team: dict[str, Person],
    now: DateTime,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    write: str,
) -> None:
    action = _writes(now)[write]
    before_files = file_bytes(store.folder)
    before_view = store_view(store)
    name, failure = FAULTS[fault]

    with monkeypatch.context() as patch:
        patch.setattr(files.os, name, failure)
        with pytest.raises(StoreWriteFailed) as caught:
            action(store, team)

    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("Could not save to ") and str(caught.value.path) in message
    assert "Nothing already saved was lost" in message
    assert file_bytes(store.folder) == before_files
    assert temp_files(store.folder) == []
    assert store_view(store) == before_view

    action(store, team)  # the same write now works
    assert store_view(store) == store_view(Store.open(store.path, clock=store.clock))


def test_a_failed_backup_leaves_no_half_day(
    store: Store, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backups are real copies (hard links only between days' copies, and those fail across
    file systems: then they are copied too); if copying fails no half-filled day folder is
    left to pass for a backup."""
    with monkeypatch.context() as patch:
        patch.setattr(files.os, "link", _failed_rename)
        day = store.daily_backup()
    assert day is not None
    assert {p.name for p in day.iterdir()} == {store.path.name, *(
        p.name for p in store.people_folder.iterdir()
    )}
    assert (day / store.path.name).stat().st_ino != store.path.stat().st_ino  # copies

    store.clock.advance(days=1)  # type: ignore[attr-defined]
    with monkeypatch.context() as patch:
        patch.setattr(files.os, "link", _failed_rename)
        patch.setattr("kindcheck.store.backups.copy", _full_disk)
        with pytest.raises(StoreWriteFailed, match="No space left"):
            store.daily_backup()
    assert sorted(p.name for p in store.backups_folder.iterdir()) == [day.name]
    assert store.daily_backup() is not None
    assert len(list(store.backups_folder.iterdir())) == 2


def test_a_failed_fsync_keeps_the_old_file(
    store: Store, team: dict[str, Person], now: DateTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = file_bytes(store.folder)
    with monkeypatch.context() as patch:
        patch.setattr(files.os, "fsync", _failed_rename)
        with pytest.raises(StoreWriteFailed, match="Input/output error"):
            store.add_note(Note(team["ada"].id, "progress", "new", now))
    assert file_bytes(store.folder) == before
    assert temp_files(store.folder) == []


def test_a_change_whose_summary_cannot_be_saved_is_still_saved(
    store: Store, team: dict[str, Person], now: DateTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The person's file is written first; if the index then fails, the note is kept (add_note
    returns) and the summary is rebuilt from the person's file when the index is next read."""
    ada = team["ada"].id
    index_before = store.path.read_bytes()
    real_replace = os.replace

    def replace(source: Any, target: Any) -> None:
        if Path(target) == store.path:
            _failed_rename()
        real_replace(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(files.os, "replace", replace)
        note = store.add_note(Note(ada, "missing", "No chair", now))

    assert store.path.read_bytes() == index_before
    assert temp_files(store.folder) == []
    assert note.id in [n.id for n in store.summary(ada).open_missing]
    again = Store.open(store.path, clock=store.clock)
    assert exact(again.summary(ada)) == exact(store.summary(ada))
    assert store_view(again) == store_view(store)

    store.add_note(Note(team["sam"].id, "progress", "later", now))  # saves the rebuilt summary
    third = Store.open(store.path)
    assert note.id in [n.id for n in third.summary(ada).open_missing]


def test_text_that_is_not_unicode_is_refused_cleanly(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    """A lone surrogate (e.g. a badly decoded command-line byte) cannot be written as JSON."""
    before = file_bytes(store.folder)
    with pytest.raises(ValidationError, match="not text in any alphabet"):
        store.add_note(Note(team["ada"].id, "progress", "bad \udcff byte", now))
    with pytest.raises(ValidationError):
        store.add_person(Person("Bad \ud800 name"))
    with pytest.raises(ValidationError):
        store.save_draft(team["ada"].id, {"how": "\udcff"})
    assert file_bytes(store.folder) == before
    assert temp_files(store.folder) == []
    store.add_note(Note(team["ada"].id, "progress", "fine", now))
    assert store_view(store) == store_view(Store.open(store.path))


# -- the lock ----------------------------------------------------------------------------------


def test_a_lock_held_too_long_refuses_the_write(
    store_path: Path, team: dict[str, Person], now: DateTime
) -> None:
    store = Store.open(store_path, lock_timeout=0.05)
    before = file_bytes(store.folder)
    with filelock.FileLock(store.lock_path):
        with pytest.raises(StoreLocked) as caught:
            store.add_note(Note(team["ada"].id, "progress", "new", now))
        with pytest.raises(StoreLocked):
            store.add_person(Person("Grace"))
    assert str(store.path) in str(caught.value) and "\n" not in str(caught.value)
    assert file_bytes(store.folder) == before
    store.add_note(Note(team["ada"].id, "progress", "new", now))  # free again
    assert len(Store.open(store_path).history(team["ada"].id).notes) == 3


def test_a_lock_held_by_another_process_refuses_the_write(
    store_path: Path, team: dict[str, Person], now: DateTime
) -> None:
    store = Store.open(store_path, lock_timeout=0.05)
    holder = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys, filelock\n"
            "with filelock.FileLock(sys.argv[1]):\n"
            "    print('held', flush=True)\n"
            "    sys.stdin.readline()\n",
            str(store.lock_path),
        ],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(StoreLocked):
            store.add_note(Note(team["ada"].id, "progress", "new", now))
    finally:
        holder.communicate("done\n", timeout=10)
    store.add_note(Note(team["ada"].id, "progress", "new", now))
