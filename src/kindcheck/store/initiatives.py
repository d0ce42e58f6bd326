"""Key initiatives, kept in the index file's own "initiatives" table (`store.initiatives`).

The index is small and read on every start, so the month's few initiatives cost nothing to
keep there, and a change to one is a single atomic write under the store's lock, like a
change to a person. An older kindcheck ignores the table and keeps it when it writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from tinydb import Query

from kindcheck.domain.initiatives import Initiative, find_initiative
from kindcheck.domain.model import ValidationError
from kindcheck.store import codec, people_codec

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.index import PeopleIndex

TABLE = "initiatives"
by_id = Query().id


class Initiatives:
    """Adding, listing and finishing initiatives; `Store.initiatives` hands out one."""

    def __init__(
        self,
        index: PeopleIndex,
        writing: Callable[[], contextlib.AbstractContextManager[None]],
        refresh: Callable[[], bool],
        clock: Clock,
    ) -> None:
        self._index = index
        self._writing = writing  # the store's lock, after catching up with other processes
        self._refresh = refresh
        self._clock = clock

    def all(self, *, include_done: bool = True) -> list[Initiative]:
        """Open ones first, soonest target first (none last), then by name; done ones after."""
        self._refresh()
        return self._stored(include_done)

    def find(self, query: str) -> Initiative:
        """The initiative named `query`, or the one open initiative whose name starts with it."""
        return find_initiative(self.all(), query)

    def add(self, initiative: Initiative) -> Initiative:
        """Save a new initiative; its people must be here, its name not an open one's."""
        with self._writing():
            for person_id in initiative.person_ids:
                if person_id not in self._index.people:
                    raise ValidationError(f"Someone in {initiative.name} is not in kindcheck.")
            for other in self._stored(include_done=False):
                if other.name.casefold() == initiative.name.casefold():
                    raise ValidationError(f"There is already an open initiative called "
                                          f"{other.name}.")
            with self._index.change() as db:
                db.table(TABLE).insert(people_codec.dump_initiative(initiative))
        return initiative

    def mark_done(self, initiative_id: str, done: bool = True) -> Initiative:
        """Mark an initiative done now (or open again); returns it as saved."""
        with self._writing():
            found = [i for i in self._stored(include_done=True) if i.id == initiative_id]
            if not found:
                raise ValidationError("That initiative is no longer there; perhaps it was "
                                      "removed.")
            initiative = found[0]
            initiative.done_at = self._clock() if done else None
            with self._index.change() as db:
                stored = codec.dump_moment(initiative.done_at)
                db.table(TABLE).update({"done_at": stored}, by_id == initiative_id)
        return initiative

    def _stored(self, include_done: bool) -> list[Initiative]:
        rows = self._index.shard.db().table(TABLE).all()
        found = [people_codec.load_initiative(dict(row)) for row in rows]
        chosen = [i for i in found if include_done or i.is_open]
        return sorted(chosen, key=lambda i: (
            not i.is_open, i.target is None, i.target or "", i.name.casefold()
        ))  # fmt: skip


class InitiativesMixin:
    """The initiatives part of `Store`: `store.initiatives.add(...)`, `.all()`, `.mark_done()`."""

    clock: Clock
    _index: PeopleIndex

    if TYPE_CHECKING:  # provided by Store

        def refresh(self) -> bool: ...

        def _writing(self) -> contextlib.AbstractContextManager[None]: ...

    @property
    def initiatives(self) -> Initiatives:
        """Key initiatives and commitments, kept in the index."""
        return Initiatives(self._index, self._writing, self.refresh, self.clock)
