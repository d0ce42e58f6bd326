"""Shared fixtures: a fixed clock and stores under tmp_path, never the real data dir."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import (
    Cadence,
    Category,
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
)
from kindcheck.store.store import Store

# Monday 23 November 2026, 09:30 in Berlin: the moment every test lives in.
NOW: DateTime = pendulum.datetime(2026, 11, 23, 9, 30, tz="Europe/Berlin")


@pytest.fixture(autouse=True)
def _no_real_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test away from the user's real notes and settings."""
    monkeypatch.setenv("KINDCHECK_DATA", str(tmp_path / "env-data" / "kindcheck.json"))
    monkeypatch.setenv("KINDCHECK_CONFIG", str(tmp_path / "env-config" / "settings.toml"))
    monkeypatch.setenv("TZ", "Europe/Berlin")


@pytest.fixture(autouse=True)
def _collector_left_as_found() -> Iterator[None]:
    """No test leaves Python's garbage collector changed for the tests after it.

    Once an app in a test took a reader's brief pause for start-up and switched full
    collections off for the rest of the run; a later test failed far from the cause.
    """
    before = (gc.isenabled(), gc.get_threshold())
    yield
    assert (gc.isenabled(), gc.get_threshold()) == before, "the garbage collector was left changed"


@pytest.fixture
def now() -> DateTime:
    return NOW


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kindcheck.json"


@pytest.fixture
def store(store_path: Path, clock: ManualClock) -> Store:
    return Store.open(store_path, clock=clock)


def build_small_team(store: Store, now: DateTime = NOW) -> dict[str, Person]:
    """Three people in different situations: overdue, fine, never checked in."""
    ada = store.add_person(
        Person("Ada Lovelace", role="Engineer", what_matters="Her daughter's first school year")
    )
    mika = store.add_person(
        Person("Mika Tanaka", role="Designer", cadence=Cadence.parse("biweekly"),
               timezone="Asia/Tokyo", what_matters="Climbing on weekends")
    )
    sam = store.add_person(Person("Sam Okafor", role="Support lead"))
    last = now.subtract(days=10)
    checkin = CheckIn(ada.id, last, mood=3, how_they_are="Tired, the move is hard")
    store.save_checkin(
        checkin,
        notes=[
            Note(ada.id, NoteKind.PROGRESS, "Shipped the export", last, checkin.id),
            Note(ada.id, NoteKind.MISSING, "No access to the staging logs", last, checkin.id),
        ],
        commitments=[
            Commitment(ada.id, "Ask ops for log access", last, Category.TOOLS,
                       due=now.date().subtract(days=1), checkin_id=checkin.id),
        ],
        followup=FollowUp(
            ada.id, now.replace(hour=14, minute=0), "Staging access", checkin_id=checkin.id
        ),
    )
    mika_checkin = CheckIn(mika.id, now.subtract(days=3), mood=5, how_they_are="Great trip")
    store.save_checkin(
        mika_checkin,
        notes=[Note(mika.id, NoteKind.PROGRESS, "New onboarding flow", mika_checkin.at,
                    mika_checkin.id)],
        followup=FollowUp(mika.id, now.add(days=4).replace(hour=10, minute=0), "Design review"),
    )
    return {"ada": ada, "mika": mika, "sam": sam}


@pytest.fixture
def team(store: Store) -> dict[str, Person]:
    return build_small_team(store)
