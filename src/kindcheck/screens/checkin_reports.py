"""A manager's check-in: who reports to them, and keeping each line about a report.

The manager's own check-in is written first, in one go. The lines about their people are
notes in other people's files, so each is its own atomic write after it; one that cannot be
written is said by name and kept in a draft, so nothing typed is lost.
"""

from __future__ import annotations

from pendulum import DateTime

from kindcheck.domain.checkin_draft import CheckInFields, draft_payload
from kindcheck.domain.model import Note, Person
from kindcheck.domain.org import reports_of
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store


def current_reports(store: Store, person_id: str) -> list[Person]:
    """The people who report straight to `person_id` (archived ones left out), by name."""
    return reports_of(store.people(), person_id)


def save_heard(store: Store, notes: list[Note]) -> list[Note]:
    """Write each heard-through note to its report's file; the ones that could not be."""
    failed: list[Note] = []
    for note in notes:
        try:
            store.add_note(note)
        except StoreError:
            failed.append(note)
    return failed


def keep_unsaved(store: Store, person_id: str, failed: list[Note], now: DateTime) -> bool:
    """Keep the lines not written as the manager's draft; True when that worked."""
    lines = {note.person_id: note.text for note in failed}
    try:
        store.save_draft(person_id, draft_payload(CheckInFields(reports=lines), now))
    except StoreError:
        return False
    return True


def not_kept_message(failed: list[Note], reports: list[Person], kept: bool) -> str:
    """One line naming whose lines were not kept, and where they are now."""
    names = {person.id: person.name for person in reports}
    who = ", ".join(names.get(note.person_id, "someone") for note in failed)
    where = "they wait in this check-in's draft" if kept else "copy them before closing"
    return f"The check-in is saved, but the lines about {who} were not kept: {where}."
