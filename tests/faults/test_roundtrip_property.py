"""Whatever a leader types and whenever it happens, a fresh `Store.open` gives it back unchanged.

Hypothesis runs random sequences of writes with weird text (emoji, combining marks, right-to-
left, control characters, NUL) and moments around DST changes and leap days, keeps a model of
what each write should do, and compares the model with what a freshly opened store reads.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import DateTime

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import (
    Cadence,
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    Person,
    PersonHistory,
    ValidationError,
    stored_records,
)
from kindcheck.domain.summary import summarize
from kindcheck.store.store import Store
from tests.faults.records import exact, exact_history, store_view

# Hypothesis over many generated stores: tens of seconds, so outside the quick set.
pytestmark = pytest.mark.slow

WEIRD = [
    "😀👩🏽‍💻🏳️‍🌈", "e\u0301\u0302\u0303\u0304", "שלום עולם", "مرحبا بالعالم", "\u202eevil\u202c",
    "\x00", "a\x00b", "\x01\x1b[31m\x7f", "\r\n\t", "\u2028\u2029", "\ufeff", "\u200b\u200d",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "İıß", "\\", '"', "</script>", '{"meta": 1}', "null", "\U0010ffff",
]
text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(WEIRD),
    st.lists(st.sampled_from(WEIRD) | st.text(max_size=3), min_size=1, max_size=4).map("".join),
)
ZONES: list[Any] = [
    "Europe/Berlin", "America/Sao_Paulo", "America/New_York", "Australia/Lord_Howe",
    "Pacific/Apia", "Asia/Kolkata", "America/St_Johns", "UTC",
    pendulum.FixedTimezone(19800), pendulum.FixedTimezone(-34200),
]
EDGES = [  # UTC instants near DST changes and leap days
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),  # Europe springs forward
    datetime(2026, 10, 25, 1, 0, tzinfo=UTC),  # Europe falls back: 02:30 happens twice
    datetime(2026, 3, 8, 7, 0, tzinfo=UTC),  # New York springs forward
    datetime(2026, 11, 1, 6, 0, tzinfo=UTC),  # New York falls back
    datetime(2026, 4, 4, 15, 0, tzinfo=UTC),  # Lord Howe goes back half an hour
    datetime(2011, 12, 30, 10, 0, tzinfo=UTC),  # Samoa skipped 30 December 2011
    datetime(2024, 2, 29, 12, 0, tzinfo=UTC),
    datetime(2028, 2, 29, 23, 30, tzinfo=UTC),
    datetime(2100, 2, 28, 23, 59, tzinfo=UTC),  # 2100 is no leap year
]


@st.composite
def moments(draw: st.DrawFn) -> DateTime:
    edge = draw(st.sampled_from(EDGES))
    shift = timedelta(microseconds=draw(st.integers(-3 * 3600 * 10**6, 3 * 3600 * 10**6)))
    return pendulum.instance(edge + shift).in_timezone(draw(st.sampled_from(ZONES)))


people_fields = st.fixed_dictionaries({
    "name": text, "role": text, "what_matters": text,
    "timezone": st.sampled_from(["", "Europe/Berlin", "Pacific/Apia", "America/St_Johns"]),
    "cadence": st.sampled_from(["weekly", "biweekly", "monthly", "3d", "366d"]),
    "birthday": st.none() | st.dates().map(lambda d: pendulum.date(d.year, d.month, d.day)),
})
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add_person"), people_fields),
        st.tuples(st.just("update_person"), st.integers(0, 9), text, text),
        st.tuples(st.just("add_note"), st.integers(0, 9), st.sampled_from(["progress", "missing"]),
                  text, moments()),
        st.tuples(st.just("save_checkin"), st.integers(0, 9), moments(),
                  st.none() | st.integers(1, 5), text, text, st.lists(text, max_size=2),
                  st.lists(text, max_size=2), st.none() | moments(), st.booleans()),
        st.tuples(st.just("resolve"), st.integers(0, 9), st.integers(0, 99), moments()),
        st.tuples(st.just("archive"), st.integers(0, 9), st.booleans()),
        st.tuples(st.just("draft"), st.integers(0, 9), text),
    ),
    min_size=1, max_size=20,
)


@dataclass
class Model:
    """What the store should hold after the writes so far."""

    people: dict[str, Person] = field(default_factory=dict)
    histories: dict[str, PersonHistory] = field(default_factory=dict)
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def pick(self, index: int) -> Person | None:
        people = list(self.people.values())
        return people[index % len(people)] if people else None


def _apply(store: Store, model: Model, clock: ManualClock, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "add_person":
        fields = dict(op[1])
        try:
            person = Person(**{**fields, "cadence": Cadence.parse(fields["cadence"])})
            store.add_person(person)
        except ValidationError:
            return  # an empty or taken name: refused, nothing changes
        model.people[person.id] = replace(person)
        model.histories[person.id] = PersonHistory(person.id)
        return
    person = model.pick(op[1])
    if person is None:
        return
    history = model.histories[person.id]
    if kind == "update_person":
        changed = replace(person, role=op[2], what_matters=op[3])
        store.update_person(changed)
        model.people[person.id] = changed
    elif kind == "add_note":
        try:
            note = Note(person.id, op[2], op[3], op[4])
        except ValidationError:
            return
        store.add_note(note)
        history.notes.append(note)
    elif kind == "save_checkin":
        _save_checkin(store, model, person, op)
    elif kind == "resolve":
        clock.moment = op[3]
        records = [*history.notes, *history.commitments]
        if not records:
            return
        record = records[op[2] % len(records)]
        if isinstance(record, Note):
            store.set_note_resolved(person.id, record.id)
            record.resolved_at = clock()
        else:
            store.set_commitment_done(person.id, record.id)
            record.done_at = clock()
    elif kind == "archive":
        store.set_archived(person.id, op[2])
        model.people[person.id] = replace(person, archived=op[2])
    elif kind == "draft":
        store.save_draft(person.id, {"how_they_are": op[2], "lines": [op[2], op[2][::-1]]})
        model.drafts[person.id] = {"how_they_are": op[2], "lines": [op[2], op[2][::-1]]}


def _save_checkin(store: Store, model: Model, person: Person, op: tuple[Any, ...]) -> None:
    _, _, at, mood, how, words, note_texts, help_texts, next_at, resolve = op
    history = model.histories[person.id]
    checkin = CheckIn(person.id, at, mood, how, words, no_follow_up=next_at is None)
    notes = [Note(person.id, "missing", t, at, checkin.id) for t in note_texts if t.strip()]
    commitments = [Commitment(person.id, t, at, checkin_id=checkin.id)
                   for t in help_texts if t.strip()]
    followup = None if next_at is None else FollowUp(person.id, next_at, how, checkin_id=checkin.id)
    resolved = [n for n in history.notes if n.is_open][:1] if resolve else []
    store.save_checkin(checkin, notes=notes, commitments=commitments, followup=followup,
                       resolve_note_ids=[n.id for n in resolved])
    history.checkins.append(checkin)
    history.notes.extend(notes)
    history.commitments.extend(commitments)
    for note in resolved:
        note.resolved_at = at
    end_of_day = at.end_of("day")
    for planned in history.followups:
        if planned.is_planned and planned.at <= end_of_day:
            planned.status = FollowUpStatus.DONE
            planned.changed_at = at  # the talk that made it done is when it changed
    if followup is not None:
        history.followups.append(followup)
    model.drafts.pop(person.id, None)


def _assert_matches(model: Model, store: Store) -> None:
    assert {p.id: exact(p) for p in store.people(include_archived=True)} == {
        pid: exact(p) for pid, p in model.people.items()
    }
    for pid, history in model.histories.items():
        assert exact_history(store.history(pid)) == exact_history(history)
        assert exact(store.summary(pid)) == exact(summarize(history))
    assert {pid: store.load_draft(pid) for pid in store.draft_people()} == model.drafts


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=people_fields, ops=operations, start=moments())
def test_random_writes_round_trip_through_a_fresh_open(
    first: dict[str, Any], ops: list[tuple[Any, ...]], start: DateTime
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(start)
        store = Store.open(Path(folder) / "kindcheck.json", clock=clock)
        model = Model()
        # Records are built as if read from an older store: the input rules (no control
        # characters, limits) are tested elsewhere; here whatever a file holds must round-trip.
        with stored_records():
            for op in [("add_person", {**first, "name": f"First {first['name']}"}), *ops]:
                _apply(store, model, clock, op)
        _assert_matches(model, store)
        fresh = Store.open(store.path, clock=clock)
        _assert_matches(model, fresh)
        assert store_view(fresh) == store_view(store)


def test_a_megabyte_of_text_round_trips(tmp_path: Path, now: DateTime) -> None:
    rng = random.Random(1)
    pieces = [*WEIRD, "plain words ", "\n", "🙂", "ñ"]
    chunks: list[str] = []
    size = 0
    while size < 1_000_000:
        chunks.append(rng.choice(pieces))
        size += len(chunks[-1].encode())
    big = "".join(chunks)
    store = Store.open(tmp_path / "kindcheck.json", clock=lambda: now)
    with stored_records():  # far over the input limits, as an older store could hold
        ada = store.add_person(Person("Ada", what_matters=big))
        note = store.add_note(Note(ada.id, "missing", big, now))
    store.save_draft(ada.id, {"how_they_are": big})
    fresh = Store.open(store.path)
    assert fresh.person(ada.id).what_matters == big
    [again] = fresh.history(ada.id).notes
    assert exact(again) == exact(note)
    assert fresh.summary(ada.id).open_missing[0].text == big
    assert fresh.load_draft(ada.id) == {"how_they_are": big}
