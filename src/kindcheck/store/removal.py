"""Deleting a person for good: someone who left, whose data is theirs (`store.delete_person`).

Everything kindcheck holds about them goes, under the store's lock, each file written
atomically, in an order that a crash halfway can never turn into a lost or broken record:

1. the index, in one atomic write: their row and summary go, their reports no longer report
   to anyone, initiatives no longer name them, and a tombstone row in the `tombstones` table
   says who went and when (`{"id", "kind": "person", "deleted_at"}`: the sync merge drops a
   tombstoned person from both machines);
2. their check-in draft, if any (a draft for someone not in the index is never shown);
3. their own file, and the folder entry made durable;
4. the follow-up hooks are told (record_changes.py): the calendar removes their events.

After step 1 nobody sees them any more; a crash before step 3 leaves an unread file, which the
next deletion (or `sweep_tombstoned`) removes. The day's backups keep their copies for as many
days as backups are kept, and are not touched.
"""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tinydb import Query

from kindcheck.store import backups, codec
from kindcheck.store.errors import StoreWriteFailed
from kindcheck.store.files import fsync_folder

if TYPE_CHECKING:
    from pathlib import Path

    from kindcheck.domain.clock import Clock
    from kindcheck.domain.model import Person, PersonHistory
    from kindcheck.store.index import PeopleIndex
    from kindcheck.store.person_files import PersonFiles

TOMBSTONES = "tombstones"
by_id = Query().id
BACKUP_DAYS_KEPT = backups.DAYS_KEPT


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


@dataclass(frozen=True, slots=True)
class Removal:
    """What deleting a person removes (or removed): for the confirmation and the report."""

    person: Person
    checkins: int
    notes: int
    commitments: int
    followups: int
    drafts: int
    reports: tuple[str, ...]  # names of the people who report to them
    initiatives: tuple[str, ...]  # names of the initiatives that name them

    def describe(self) -> str:
        """ "Ada Lovelace: 42 check-ins, 130 notes, 12 commitments, 3 follow-ups, 1 draft"."""
        parts = [
            _count(self.checkins, "check-in", "check-ins"),
            _count(self.notes, "note", "notes"),
            _count(self.commitments, "commitment", "commitments"),
            _count(self.followups, "follow-up", "follow-ups"),
        ]
        if self.drafts:
            parts.append(_count(self.drafts, "draft", "drafts"))
        return f"{self.person.name}: {', '.join(parts)}"

    def reports_line(self) -> str:
        """ "Sam Okafor no longer reports to anyone" (no full stop; "" with no reports)."""
        if not self.reports:
            return ""
        verb = "reports" if len(self.reports) == 1 else "report"
        return f"{', '.join(self.reports)} no longer {verb} to anyone"

    def consequences(self) -> list[str]:
        """What else changes, one sentence each (reports, initiatives, backups)."""
        said = []
        if self.reports:
            said.append(f"{self.reports_line()}.")
        if self.initiatives:
            said.append(f"They are taken off {', '.join(self.initiatives)}.")
        said.append(f"Backups keep a copy for {BACKUP_DAYS_KEPT} days.")
        return said


class RemovalMixin:
    """The deleting part of `Store`."""

    clock: Clock
    _index: PeopleIndex
    _files: PersonFiles
    _thread_lock: threading.RLock

    if TYPE_CHECKING:  # provided by Store

        def person(self, person_id: str) -> Person: ...

        def history(self, person_id: str) -> PersonHistory: ...

        def load_draft(self, person_id: str) -> dict[str, Any] | None: ...

        def discard_draft(self, person_id: str) -> None: ...

        def _writing(self) -> contextlib.AbstractContextManager[None]: ...

        def _followups_changed(self, person_id: str) -> None: ...

    def removal_preview(self, person_id: str) -> Removal:
        """What `delete_person(person_id)` would remove, counted from their file now."""
        person = self.person(person_id)
        history = self.history(person_id)
        reports = sorted(
            (p.name for p in self._index.people.values()
             if p.manager_id == person_id and p.id != person_id),
            key=str.casefold,
        )  # fmt: skip
        named = [
            row.get("name", "?") for row in self._index.shard.db().table("initiatives").all()
            if person_id in (row.get("person_ids") or [])
        ]  # fmt: skip
        return Removal(
            person, len(history.checkins), len(history.notes), len(history.commitments),
            len(history.followups), 1 if self.load_draft(person_id) is not None else 0,
            tuple(reports), tuple(str(n) for n in named),
        )  # fmt: skip

    def delete_person(self, person_id: str) -> Removal:
        """Delete a person and everything recorded about them, for good (see the module)."""
        with self._writing():
            removal = self.removal_preview(person_id)
            self._remove_from_index(person_id)
            self.discard_draft(person_id)
            self.sweep_tombstoned()
        # Whoever keeps their follow-ups elsewhere (the calendar's vdir) drops them now, not
        # at its next sync: a person gone from the store finds no follow-up to keep.
        self._followups_changed(person_id)
        return removal

    def tombstoned(self) -> set[str]:
        """Ids of the people deleted for good from this store."""
        with self._thread_lock:
            rows = self._index.shard.db().table(TOMBSTONES).all()
        return {row["id"] for row in rows if row.get("kind") == "person"
                and isinstance(row.get("id"), str)}

    def sweep_tombstoned(self) -> list[Path]:
        """Remove the files of people deleted for good that are still there (a crash
        between the steps of a deletion); returns the files removed."""
        removed = []
        with self._writing():
            for person_id in sorted(self.tombstoned() - set(self._index.people)):
                path = self._files.shard(person_id).path
                try:
                    path.unlink()
                except FileNotFoundError:
                    continue
                except OSError as error:
                    raise StoreWriteFailed(path, error) from error
                removed.append(path)
            if removed:
                try:
                    fsync_folder(self._files.folder)
                except OSError as error:
                    raise StoreWriteFailed(self._files.folder, error) from error
        return removed

    def _remove_from_index(self, person_id: str) -> None:
        """Step 1: one atomic write of the index (call under the lock)."""
        index = self._index
        reports = [p for p in index.people.values()
                   if p.manager_id == person_id and p.id != person_id]
        index.forget(person_id)  # so the write does not save their summary again
        try:
            with index.change() as db:
                db.table("people").remove(by_id == person_id)
                for report in reports:
                    db.table("people").update({"manager_id": None}, by_id == report.id)
                db.table("summaries").remove(Query().person_id == person_id)
                initiatives = db.table("initiatives")
                for row in initiatives.all():
                    ids = row.get("person_ids")
                    if isinstance(ids, list) and person_id in ids:
                        kept = [i for i in ids if i != person_id]
                        initiatives.update({"person_ids": kept}, doc_ids=[row.doc_id])
                db.table(TOMBSTONES).insert({
                    "id": person_id, "kind": "person",
                    "deleted_at": codec.dump_moment(self.clock()),
                })  # fmt: skip
        except BaseException:
            index.read()  # nothing was written: what memory holds comes back from the file
            raise
        for report in reports:
            index.people[report.id].manager_id = None
