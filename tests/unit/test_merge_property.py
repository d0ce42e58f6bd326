"""Random edits on two copies of one person file, merged: nothing written is ever lost, and
the merge gives the same file whichever machine merges."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kindcheck.store.merge import merge_index, merge_person_file
from kindcheck.store.merge_fields import CONFLICT, TEXT_FIELDS

MOMENTS = [[f"2026-11-{day:02d}T09:00:00+00:00", "UTC"] for day in range(1, 29)]
texts = st.text(alphabet="abc \n", max_size=6)
moments = st.sampled_from(MOMENTS)


def base_file() -> dict[str, Any]:
    notes = {
        str(n): {"id": f"n{n}", "person_id": "p1", "kind": "progress", "text": f"note {n}",
                 "at": MOMENTS[n], "checkin_id": None, "resolved_at": None}
        for n in range(1, 4)
    }
    followups = {
        "1": {"id": "f1", "person_id": "p1", "at": MOMENTS[5], "topic": "growth",
              "status": "planned", "checkin_id": None, "changed_at": MOMENTS[0]},
    }
    return {"meta": {"1": {"kind": "person", "schema": 1, "rev": 1, "write": "0"}},
            "notes": notes, "followups": followups}


# One edit: (what, which record, a text, a moment, a status).
edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "edit", "resolve", "reopen", "status", "reschedule"]),
        st.integers(0, 5), texts, moments, st.sampled_from(["planned", "done", "cancelled"]),
    ),
    max_size=8,
)


def apply(document: dict[str, Any], side: str, changes: list[Any]) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    notes, followups = doc["notes"], doc["followups"]
    for number, (what, which, text, moment, status) in enumerate(changes):
        keys = sorted(notes)
        row = notes[keys[which % len(keys)]]
        if what == "add":
            # Each machine numbers its docs its own way: a fresh doc id, far from the other's.
            doc_id = str(100 * (1 if side == "a" else 2) + number)
            notes[doc_id] = {**row, "id": f"{side}{number}", "text": text, "at": moment,
                             "resolved_at": None}
        elif what == "edit":
            row["text"] = text
        elif what == "resolve":
            row["resolved_at"] = moment
        elif what == "reopen":
            row["resolved_at"] = None
        else:
            plan = followups["1"]
            plan["changed_at"] = moment
            if what == "status":
                plan["status"] = status
            else:
                plan["at"] = moment
    # Doc ids renumbered on one machine, as a rewrite could do.
    if side == "b":
        doc["notes"] = {str(n): r for n, r in enumerate(reversed(list(notes.values())), 1)}
    return doc


def by_id(doc: dict[str, Any], table: str) -> dict[str, dict[str, Any]]:
    return {row["id"]: row for row in doc.get(table, {}).values()}


@settings(max_examples=150, deadline=None)
@given(edits, edits)
def test_random_edits_merge_without_loss_in_either_order(
    changes_a: list[Any], changes_b: list[Any]
) -> None:
    base = base_file()
    a, b = apply(base, "a", changes_a), apply(base, "b", changes_b)
    merged = merge_person_file(base, a, b)
    assert merged.document == merge_person_file(base, b, a).document
    for table in ("notes", "followups"):
        result, was = by_id(merged.document, table), by_id(base, table)
        for side in (a, b):
            for record_id, row in by_id(side, table).items():
                assert record_id in result  # no record lost
                kept = result[record_id]
                for name in TEXT_FIELDS[table]:
                    text = row[name]
                    written = record_id not in was or was[record_id][name] != text
                    if written and text.strip():
                        assert text == kept[name] or text in kept.get(CONFLICT, {}).get(name, [])
    assert list(merged.document["notes"]) == [str(n) for n in
                                               range(1, len(merged.document["notes"]) + 1)]


def base_index() -> dict[str, Any]:
    people = {
        str(n): {"id": f"p{n}", "name": f"Person {n}", "role": "", "cadence": "weekly",
                 "timezone": "", "what_matters": "", "birthday": None, "archived": False,
                 "team": "", "manager_id": "p1" if n > 1 else None}
        for n in range(1, 4)
    }
    return {"meta": {"1": {"kind": "index", "schema": 1, "rev": 1, "write": "0"}},
            "people": people, "tombstones": {}}


index_edits = st.lists(
    st.tuples(st.sampled_from(["add", "what_matters", "delete", "archive"]),
              st.integers(0, 5), texts),
    max_size=6,
)


def apply_index(document: dict[str, Any], side: str, changes: list[Any]) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    for number, (what, which, text) in enumerate(changes):
        people = doc["people"]
        if not people:
            break
        key = sorted(people)[which % len(people)]
        row = people[key]
        if what == "add":
            people[str(50 + number)] = {**row, "id": f"{side}{number}", "name": text}
        elif what == "what_matters":
            row["what_matters"] = text
        elif what == "archive":
            row["archived"] = not row["archived"]
        else:
            del people[key]  # as "delete for good" does: the row goes, a tombstone stays
            doc["tombstones"][str(len(doc["tombstones"]) + 1)] = {
                "id": row["id"], "kind": "person", "deleted_at": MOMENTS[number]}
    return doc


@settings(max_examples=100, deadline=None)
@given(index_edits, index_edits)
def test_random_index_edits_keep_everyone_not_deleted_for_good(
    changes_a: list[Any], changes_b: list[Any]
) -> None:
    base = base_index()
    a, b = apply_index(base, "a", changes_a), apply_index(base, "b", changes_b)
    merged = merge_index(base, a, b)
    assert merged.document == merge_index(base, b, a).document
    gone = {t["id"] for side in (a, b) for t in side["tombstones"].values()}
    people = by_id(merged.document, "people")
    assert set(people) == (set(by_id(a, "people")) | set(by_id(b, "people"))) - gone
    assert all(p["manager_id"] not in gone for p in people.values())
    for side in (a, b):
        for person_id, row in by_id(side, "people").items():
            if person_id in gone:
                continue
            text, kept = row["what_matters"], people[person_id]
            written = base["people"].get(person_id[1:], {}).get("what_matters") != text
            if written and text.strip() and person_id.startswith("p"):
                assert text == kept["what_matters"] or text in kept.get(CONFLICT, {}).get(
                    "what_matters", [])
