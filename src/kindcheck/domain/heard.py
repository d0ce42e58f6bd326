"""Heard through a manager: what a manager said about one of their people, in their check-in.

Such a line is kept as a progress-kind Note in the report's own file, with `heard_from` set
to the manager's id. Progress rather than a new kind: it is something to know, not an open
item to resolve, and an older kindcheck (or a second machine not yet updated) reads a file
with an extra key but refuses one with a kind of note it does not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pendulum import DateTime

from kindcheck.domain.model import Note, Person, PersonHistory

SOMEONE = "their manager"  # said when the manager is no longer in kindcheck


def names_by_id(people: Iterable[Person]) -> dict[str, str]:
    """Everyone's name by id, for saying whom a note was heard through."""
    return {person.id: person.name for person in people}


def heard_through(note: Note, names: Mapping[str, str]) -> str:
    """The manager's name a note was heard through; "" for a first-hand note."""
    if note.heard_from is None:
        return ""
    return names.get(note.heard_from, SOMEONE)


def heard_since_last_checkin(history: PersonHistory) -> list[Note]:
    """Notes heard through a manager since the last check-in with this person, oldest first.

    These are what to bring up at the next conversation; once it happened, they are history.
    """
    last = history.last_checkin
    since: DateTime | None = last.at if last else None
    found = [
        n for n in history.notes
        if n.heard_from is not None and (since is None or n.at > since)
    ]  # fmt: skip
    return sorted(found, key=lambda n: n.at)
