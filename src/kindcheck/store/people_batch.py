"""Saving many people in one write (`store.save_people`): what `kindcheck import people` needs.

All the people live in the index, so adding and changing any number of them is one atomic
write of the index under the store's lock: an import either lands whole or not at all.
Everything is checked first against the people as they will be after the write: names
unique (in any case), every manager someone here, and no reports-to loop.
"""

from __future__ import annotations

import contextlib
import copy
from typing import TYPE_CHECKING

from tinydb import Query

from kindcheck.domain.model import ValidationError
from kindcheck.domain.org import check_manager
from kindcheck.store import people_codec

if TYPE_CHECKING:
    from kindcheck.domain.model import Person
    from kindcheck.store.index import PeopleIndex

by_id = Query().id


class PeopleBatchMixin:
    """The many-people part of `Store`."""

    _index: PeopleIndex

    if TYPE_CHECKING:  # provided by Store

        def _writing(self) -> contextlib.AbstractContextManager[None]: ...

    def save_people(self, people: list[Person]) -> None:
        """Add the new ones and save changes to the others (matched by id), in one write."""
        from kindcheck.store.index import _SAFE_ID

        with self._writing():
            index = self._index
            after = dict(index.people)
            for person in people:
                if not _SAFE_ID.fullmatch(person.id):
                    raise ValidationError("A person's id may hold only letters, digits, - "
                                          "and _.")
                after[person.id] = copy.copy(person)
            names: dict[str, str] = {}
            for person in after.values():
                key = person.name.casefold()
                if key in names and names[key] != person.id:
                    raise ValidationError(f"There is already someone called {person.name}.")
                names[key] = person.id
            everyone = list(after.values())
            for person in people:
                check_manager(everyone, after[person.id])
            with index.change() as db:
                table = db.table("people")
                for person in people:
                    record = people_codec.dump_person(person)
                    if person.id in index.people:
                        table.update(record, by_id == person.id)
                    else:
                        table.insert(record)
            index.people.update({p.id: after[p.id] for p in people})
