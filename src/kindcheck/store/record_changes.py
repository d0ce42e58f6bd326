"""Adding and changing what is recorded about a person: notes, check-ins, commitments and
follow-ups. Each change is one atomic write of the person's file under the store's lock
(`Store._person_change`); the store mixes this in.

Whoever keeps a copy of the follow-ups elsewhere (the calendar's vdir) adds a hook with
`add_followup_hook`: it is called with the person's id after their follow-ups (or
commitments, which a calendar may show too) changed, once the change is saved. The store
knows nothing of calendars.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from pendulum import DateTime
from tinydb import TinyDB

from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    PersonHistory,
    ValidationError,
)
from kindcheck.store import codec, records
from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock


class RecordChangesMixin:
    """The record-changing half of `Store`."""

    clock: Clock

    if TYPE_CHECKING:  # provided by Store and DraftsMixin

        def _person_change(self, person_id: str) -> contextlib.AbstractContextManager[TinyDB]:
            ...

        def discard_draft(self, person_id: str) -> None: ...

        def _writing(self) -> contextlib.AbstractContextManager[None]: ...

    def add_followup_hook(self, hook: Callable[[str], None]) -> None:
        """Call `hook(person_id)` after each saved change to someone's follow-ups."""
        self.__dict__.setdefault("_followup_hooks", []).append(hook)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's lock, for a companion file kept in step with the store."""
        with self._writing():
            yield

    def _followups_changed(self, person_id: str) -> None:
        for hook in list(self.__dict__.get("_followup_hooks", ())):
            hook(person_id)

    def add_note(self, note: Note) -> Note:
        with self._person_change(note.person_id) as db:
            db.table("notes").insert(codec.dump_note(note))
        return note

    def set_note_resolved(self, person_id: str, note_id: str, resolved: bool = True) -> None:
        when = codec.dump_moment(self.clock()) if resolved else None
        with self._person_change(person_id) as db:
            records.update_one(db, "notes", note_id, {"resolved_at": when})

    def add_commitment(self, commitment: Commitment) -> Commitment:
        with self._person_change(commitment.person_id) as db:
            db.table("commitments").insert(codec.dump_commitment(commitment))
        self._followups_changed(commitment.person_id)  # a promise's due day may be in it too
        return commitment

    def set_commitment_done(self, person_id: str, commitment_id: str, done: bool = True) -> None:
        when = codec.dump_moment(self.clock()) if done else None
        with self._person_change(person_id) as db:
            records.update_one(db, "commitments", commitment_id, {"done_at": when})
        self._followups_changed(person_id)

    def add_followup(self, followup: FollowUp) -> FollowUp:
        if followup.changed_at is None:
            followup.changed_at = self.clock()
        with self._person_change(followup.person_id) as db:
            db.table("followups").insert(codec.dump_followup(followup))
        self._followups_changed(followup.person_id)
        return followup

    def reschedule_followup(self, person_id: str, followup_id: str, at: DateTime) -> None:
        with self._person_change(person_id) as db:
            records.update_one(db, "followups", followup_id, {
                "at": codec.dump_moment(at), "changed_at": codec.dump_moment(self.clock()),
            })
        self._followups_changed(person_id)

    def set_followup_status(self, person_id: str, followup_id: str, status: FollowUpStatus) -> None:
        status_value = FollowUpStatus(status).value
        with self._person_change(person_id) as db:
            records.update_one(db, "followups", followup_id, {
                "status": status_value, "changed_at": codec.dump_moment(self.clock()),
            })
        self._followups_changed(person_id)

    def save_checkin(
        self,
        checkin: CheckIn,
        *,
        notes: Iterable[Note] = (),
        commitments: Iterable[Commitment] = (),
        followup: FollowUp | None = None,
        resolve_note_ids: Iterable[str] = (),
        drop_draft: bool = True,
    ) -> CheckIn:
        """Save one conversation and all it produced in a single atomic write.

        Planned follow-ups up to the end of the check-in's day count as done: this talk was them.
        The person's draft is discarded afterwards (if that fails the check-in is still saved);
        `drop_draft=False` leaves that to the caller: a draft older than the check-in is never
        offered again anyway (see drafts.py `_live_drafts`).
        """
        if followup is None and not checkin.no_follow_up:
            raise ValidationError("Choose the next follow-up, or type none to plan no follow-up.")
        notes, commitments = list(notes), list(commitments)
        made: list[Note | Commitment | FollowUp] = [
            *notes, *commitments, *([followup] if followup else [])
        ]
        if any(r.person_id != checkin.person_id for r in made):
            raise ValidationError("Everything saved with a check-in must be about its person.")
        with self._person_change(checkin.person_id) as db:
            records.write_checkin(
                db, checkin, notes, commitments, followup, list(resolve_note_ids)
            )
        if drop_draft:
            with contextlib.suppress(StoreError):
                self.discard_draft(checkin.person_id)
        self._followups_changed(checkin.person_id)  # planned ones may be done now
        return checkin

    def add_history(self, history: PersonHistory) -> None:
        """Add many records for one person in a single write (sample data, imports)."""
        with self._person_change(history.person_id) as db:
            records.write_history(db, history)
        if history.followups:
            self._followups_changed(history.person_id)

