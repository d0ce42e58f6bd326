"""What every export format works from: each person with their whole history."""

from __future__ import annotations

from dataclasses import dataclass

from kindcheck.domain.model import Person, PersonHistory
from kindcheck.store.store import Store


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """One person with everything recorded about them."""

    person: Person
    history: PersonHistory


def gather(store: Store, person_query: str | None = None) -> list[PersonRecord]:
    """Everyone (archived people too), or the one person `person_query` names."""
    if person_query is not None:
        people = [store.find_person(person_query)]
    else:
        people = store.people(include_archived=True)
    return [PersonRecord(p, store.history(p.id)) for p in people]
