"""Random edits on two machines, synced at random moments through a bare git remote (the real
git): nothing written on either machine is ever lost, and once both have synced twice they
hold the same records."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.store.store import Store
from kindcheck.sync.engine import sync
from kindcheck.sync.setup import clone, init
from tests.conftest import NOW

WHEN = "2026-11-23T08:30:00Z"
PEOPLE = ("Ada Lovelace", "Mika Tanaka", "Sam Okafor")

step = st.one_of(
    st.tuples(st.just("note"), st.integers(0, 1), st.sampled_from(PEOPLE)),
    st.tuples(st.just("checkin"), st.integers(0, 1), st.sampled_from(PEOPLE)),
    st.tuples(st.just("resolve"), st.integers(0, 1), st.sampled_from(PEOPLE)),
    st.tuples(st.just("person"), st.integers(0, 1), st.sampled_from(("Lin", "Noor"))),
    st.tuples(st.just("sync"), st.integers(0, 1), st.just("")),
)


def everything(store: Store) -> dict[str, object]:
    """Each record id with what it says, over the whole store."""
    store.refresh()
    found: dict[str, object] = {}
    for person in store.people(include_archived=True):
        found[person.id] = person.name
        history = store.history(person.id)
        for note in history.notes:
            found[note.id] = (note.text, note.resolved_at is not None)
        for checkin in history.checkins:
            found[checkin.id] = checkin.how_they_are
    return found


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(step, min_size=4, max_size=12))
def test_nothing_written_on_either_machine_is_lost(steps: list[tuple[str, int, str]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        first = Store.open(root / "a" / "kindcheck.json", clock=lambda: NOW)
        for name in PEOPLE:
            first.add_person(Person(name))
        init(first.layout, str(root / "remote.git"), encrypt=False,
             config_folder=root / "config", now=WHEN)
        second = Store.open(root / "b" / "kindcheck.json", clock=lambda: NOW)
        clone(second.layout, str(root / "remote.git"), str, config_folder=root / "config",
              now=WHEN)
        machines = (first, second)
        written: list[tuple[str, str]] = []  # (record id, text) of every note and check-in
        for number, (what, which, name) in enumerate(steps):
            store = machines[which]
            store.refresh()
            if what == "sync":
                sync(store.layout, WHEN)
                continue
            if what == "person":
                if not any(p.name == name for p in store.people()):
                    store.add_person(Person(name))
                continue
            person = store.find_person(name)
            if what == "note":
                note = Note(person.id, NoteKind.MISSING, f"note {number}", NOW)
                store.add_note(note)
                written.append((note.id, note.text))
            elif what == "checkin":
                checkin = CheckIn(person.id, NOW, how_they_are=f"check-in {number}",
                                  no_follow_up=True)
                store.save_checkin(checkin)
                written.append((checkin.id, checkin.how_they_are))
            else:
                open_notes = [n for n in store.history(person.id).notes if n.resolved_at is None]
                if open_notes:
                    store.set_note_resolved(person.id, open_notes[0].id)
        for store in (first, second, first):
            sync(store.layout, WHEN)
        a, b = everything(first), everything(second)
        assert a == b
        for record_id, text in written:
            assert record_id in a and text in str(a[record_id])
        assert len({n for n in a.values() if n in ("Lin", "Noor")}) == len(
            {name for what, _w, name in steps if what == "person"})
