"""How each change to a person is written into their file's tables (inside one atomic write:
the store opens the file with `Shard.change()` and hands its TinyDB here)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tinydb import Query, TinyDB

from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    PersonHistory,
    ValidationError,
)
from kindcheck.store import codec

by_id = Query().id


def update_one(db: TinyDB, table: str, record_id: str, fields: dict[str, Any]) -> None:
    """Change some fields of one record; a record that is gone is said so."""
    if not db.table(table).update(fields, by_id == record_id):
        raise ValidationError(f"That {table[:-1]} is no longer there; perhaps it was removed.")


def write_checkin(
    db: TinyDB,
    checkin: CheckIn,
    notes: Sequence[Note],
    commitments: Sequence[Commitment],
    followup: FollowUp | None,
    resolve_note_ids: Sequence[str],
) -> None:
    """One conversation and all it produced. Planned follow-ups up to the end of the
    check-in's day count as done: this talk was them."""
    end_of_day = checkin.at.end_of("day")
    db.table("checkins").insert(codec.dump_checkin(checkin))
    db.table("notes").insert_multiple(codec.dump_note(n) for n in notes)
    db.table("commitments").insert_multiple(codec.dump_commitment(c) for c in commitments)
    resolved_at = codec.dump_moment(checkin.at)
    for note_id in resolve_note_ids:
        update_one(db, "notes", note_id, {"resolved_at": resolved_at})
    followups = db.table("followups")
    for row in followups.all():
        planned = codec.load_followup(row)
        if planned.is_planned and planned.at <= end_of_day:
            followups.update(
                {"status": FollowUpStatus.DONE.value, "changed_at": resolved_at},
                by_id == planned.id,
            )
    if followup is not None:
        if followup.changed_at is None:
            followup.changed_at = checkin.at
        followups.insert(codec.dump_followup(followup))


def write_history(db: TinyDB, history: PersonHistory) -> None:
    """Many records at once (sample data, imports)."""
    db.table("checkins").insert_multiple(codec.dump_checkin(c) for c in history.checkins)
    db.table("notes").insert_multiple(codec.dump_note(n) for n in history.notes)
    db.table("commitments").insert_multiple(codec.dump_commitment(c) for c in history.commitments)
    db.table("followups").insert_multiple(codec.dump_followup(f) for f in history.followups)
