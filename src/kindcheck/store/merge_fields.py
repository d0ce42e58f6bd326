"""What the merge knows about each table: the kind of record it holds, which fields are
texts the leader wrote (never dropped: both kept when they differ), which fields are
statuses that merge by their time, and how its records are ordered in a merged file.

Pure data and small functions: no I/O, no Textual.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

CONFLICT = "conflict"  # a record's other texts, by field: {"text": ["the other text"]}
META_TABLE = "meta"
SUMMARIES_TABLE = "summaries"  # rebuilt from the person files, never merged
TOMBSTONES_TABLE = "tombstones"

# Table → the kind of record, as the leader reads it in "3 notes from elsewhere".
KINDS = {
    "checkins": "check-in",
    "notes": "note",
    "commitments": "commitment",
    "followups": "follow-up",
    "people": "person",
    "initiatives": "initiative",
    TOMBSTONES_TABLE: "deletion",
}

# Texts the leader wrote: when both machines changed one differently, both are kept.
TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "checkins": ("how_they_are", "their_words"),
    "notes": ("text",),
    "commitments": ("text",),
    "followups": ("topic",),
    # A role or team changed on both machines is the leader's word too: never dropped by a
    # sort order, but kept for them to settle like any other text.
    "people": ("what_matters", "role", "team"),
}

# Texts that are one line: keeping both joins them on one line, not with a blank line between.
ONE_LINE_FIELDS = frozenset({"role", "team"})

# A moment some status was reached: when both machines set it, the later one wins; set on one
# machine and cleared on the other, the set one wins (a resolution is a fact, an "open again"
# has no time to compare with).
STATUS_MOMENTS: dict[str, tuple[str, ...]] = {
    "notes": ("resolved_at",),
    "commitments": ("done_at",),
    "initiatives": ("done_at",),
}

# Follow-up fields that change together, stamped by `changed_at` (see `merge_followup_status`).
FOLLOWUP_STATUS = ("status", "at", "changed_at")

# The field whose moment orders new records in a merged file (then their id).
ORDER_MOMENT = {
    "checkins": "at",
    "notes": "at",
    "commitments": "created_at",
    "followups": "at",
}

# A follow-up that happened or was called off stays so when the times cannot tell.
_STATUS_RANK = {"done": 2, "cancelled": 1, "planned": 0}


def kind_of(table: str) -> str:
    """The kind of record a table holds ("note"), or the table's own name if unknown."""
    return KINDS.get(table, table)


def canonical(value: Any) -> str:
    """One spelling of a JSON value, for comparing and for deterministic choices."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def moment_order(stored: Any) -> float | None:
    """A stored moment (`[iso, zone]`) as a POSIX timestamp; None when it is not one."""
    try:
        text = stored[0]
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is None:
            return None
        return parsed.timestamp()
    except Exception:
        return None


def later_moment(one: Any, other: Any) -> Any:
    """Of two stored moments, the later (a missing or unreadable one counts as earliest);
    equal times are settled by their spelling, so the choice never depends on the order."""
    a, b = moment_order(one), moment_order(other)
    key_a = (a is not None, a or 0.0, canonical(one))
    key_b = (b is not None, b or 0.0, canonical(other))
    return one if key_a >= key_b else other


def merge_status_moment(ours: Any, theirs: Any) -> Any:
    """A status moment set on both machines differently (see STATUS_MOMENTS)."""
    if ours is None or theirs is None:
        return theirs if ours is None else ours
    return later_moment(ours, theirs)


def followup_status_wins(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Whether our follow-up's status, time and `changed_at` win over theirs.

    The later `changed_at` wins. A store an older kindcheck wrote has none (None counts as
    earliest); when the times are equal or missing, a follow-up done beats one called off,
    which beats one still planned, then the later planned time, then the spelling.
    """

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        changed = moment_order(row.get("changed_at"))
        planned = moment_order(row.get("at"))
        return (
            changed is not None,
            changed or 0.0,
            _STATUS_RANK.get(str(row.get("status")), -1),
            planned or 0.0,
            canonical([row.get(f) for f in FOLLOWUP_STATUS]),
        )

    return key(ours) >= key(theirs)


def order_key(table: str, row: dict[str, Any]) -> tuple[float, str, str]:
    """Where a new record goes in a merged table: by its moment, then its id."""
    field = ORDER_MOMENT.get(table)
    when = moment_order(row.get(field)) if field else None
    return (when if when is not None else 0.0, str(row.get("id", "")), canonical(row))
