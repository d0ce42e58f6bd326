"""A promise's all-day event under vdirsyncer's random file name (a second machine, a lost
state file) is recognised by its content, as follow-up events are: kept where it is, never
written a second time under kindcheck's own name, and removed from there when kept."""

from __future__ import annotations

from pathlib import Path

import pendulum

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Commitment, Person
from kindcheck.store.store import Store
from kindcheck.vdir.events import read_event
from kindcheck.vdir.mirror import CalendarMirror
from kindcheck.vdir.promises import promise_file_name
from kindcheck.vdir.state import load_state

RANDOM_NAME = "3b0f6c1e-9a52-4d1e-8c1b-0f3a2e6d7c44.ics"  # what vdirsyncer calls a fetched file


def promised(store: Store, clock: ManualClock, vdir: Path,
             now: pendulum.DateTime) -> tuple[CalendarMirror, Person, Commitment]:
    mirror = CalendarMirror(store, CalendarSettings(vdir=vdir, commitments=True), clock)
    store.add_followup_hook(mirror.person_changed)
    ada = store.add_person(Person("Ada Lovelace"))
    promise = store.add_commitment(Commitment(ada.id, "Log access", now,
                                              due=now.date().add(days=2)))
    mirror.sync()
    return mirror, ada, promise


def as_on_a_second_machine(store: Store, vdir: Path, promise: Commitment) -> None:
    """The event came down under a random name, and this machine never wrote it."""
    (vdir / promise_file_name(promise.id)).rename(vdir / RANDOM_NAME)
    store.layout.calendar_state_path.unlink()


def promise_files(vdir: Path) -> list[str]:
    return sorted(p.name for p in vdir.iterdir()
                  if read_event(p.read_bytes()).promise_id is not None)


def test_a_promise_under_a_random_name_is_not_written_twice(
    store: Store, clock: ManualClock, tmp_path: Path, now: pendulum.DateTime
) -> None:
    vdir = tmp_path / "cal"
    mirror, ada, promise = promised(store, clock, vdir, now)
    as_on_a_second_machine(store, vdir, promise)
    mirror.sync()
    assert promise_files(vdir) == [RANDOM_NAME]
    assert load_state(store.layout.calendar_state_path).promises[promise.id].file == RANDOM_NAME
    mirror.sync()  # and again: still one
    assert promise_files(vdir) == [RANDOM_NAME]
    store.set_commitment_done(ada.id, promise.id)
    assert promise_files(vdir) == []  # kept: its event goes, under whatever name


def test_two_copies_of_one_promise_become_one(
    store: Store, clock: ManualClock, tmp_path: Path, now: pendulum.DateTime
) -> None:
    vdir = tmp_path / "cal"
    mirror, _, promise = promised(store, clock, vdir, now)
    own = vdir / promise_file_name(promise.id)
    (vdir / RANDOM_NAME).write_bytes(own.read_bytes())  # the copy a sync brought back
    store.layout.calendar_state_path.unlink()
    mirror.sync()
    assert promise_files(vdir) == [RANDOM_NAME]
