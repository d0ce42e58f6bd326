"""Check-in drafts: what the leader has typed so far, kept in `kindcheck.drafts.json` so a
crash or a closed terminal loses nothing. A part of `Store` (its lock, clock and summaries)."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from tinydb import Query

from kindcheck.store import codec

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.domain.summary import PersonSummary
    from kindcheck.store.index import PeopleIndex
    from kindcheck.store.shard import Shard, Tables


def check_drafts(tables: Tables) -> None:
    """Refuse a drafts file whose rows kindcheck cannot read."""
    for row in tables.get("drafts", {}).values():
        if not isinstance(row.get("person_id"), str) or not isinstance(row.get("fields"), dict):
            raise codec.ShapeError("a draft kindcheck cannot read")


class DraftsMixin:
    """The drafts part of `Store`."""

    clock: Clock
    _drafts: Shard
    _index: PeopleIndex
    _thread_lock: threading.RLock

    if TYPE_CHECKING:  # provided by Store

        def summary(self, person_id: str) -> PersonSummary: ...

        def _writing(self) -> contextlib.AbstractContextManager[None]: ...

    def save_draft(self, person_id: str, fields: dict[str, Any]) -> None:
        """Keep what the leader has typed so far in a check-in with `person_id`."""
        with self._writing(), self._drafts.change() as db:
            saved_at = codec.dump_moment(self.clock())
            # How many check-ins existed while this draft was typed: one more means the
            # draft became a check-in (see _live_drafts).
            seen = self.summary(person_id).checkin_count
            db.table("drafts").upsert(
                {"person_id": person_id, "fields": fields, "saved_at": saved_at,
                 "checkins_seen": seen},
                Query().person_id == person_id,
            )

    def load_draft(self, person_id: str) -> dict[str, Any] | None:
        """The fields of the draft waiting for `person_id`, if there is one."""
        row = self._live_drafts().get(person_id)
        return dict(row["fields"]) if row else None

    def draft_people(self) -> list[str]:
        """Ids of people with a check-in draft waiting."""
        return list(self._live_drafts())

    def discard_draft(self, person_id: str) -> None:
        with self._thread_lock:
            if not self._drafts.exists:
                return
            if self._drafts.db().table("drafts").get(Query().person_id == person_id) is None:
                return
        with self._writing(), self._drafts.change() as db:
            db.table("drafts").remove(Query().person_id == person_id)

    def _live_drafts(self) -> dict[str, dict[str, Any]]:
        """Drafts by person, leaving out any a saved check-in already used.

        Saving a check-in and dropping its draft are two files: a crash between them would
        bring the draft back and invite saving the same conversation twice.
        """
        with self._thread_lock:
            if not self._drafts.exists:
                return {}
            rows = self._drafts.db().table("drafts").all()
        live: dict[str, dict[str, Any]] = {}
        for row in rows:
            person_id = row.get("person_id")
            if not isinstance(person_id, str) or person_id not in self._index.people:
                continue
            if not isinstance(row.get("fields"), dict):
                continue
            seen = row.get("checkins_seen")
            if isinstance(seen, int) and self.summary(person_id).checkin_count > seen:
                continue
            live[person_id] = row
        return live
