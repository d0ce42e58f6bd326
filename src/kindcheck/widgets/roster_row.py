"""One person as the roster shows them, and the roster's order: who needs attention first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pendulum import DateTime

from kindcheck.domain.cadence import CadenceStatus, attention_order, cadence_status
from kindcheck.domain.model import Person
from kindcheck.domain.summary import PersonSummary


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person as the roster shows them."""

    person: Person
    summary: PersonSummary
    status: CadenceStatus
    has_draft: bool = False


def roster_rows(
    people: Iterable[Person],
    summaries: Mapping[str, PersonSummary],
    now: DateTime,
    drafts: Iterable[str] = (),
) -> list[RosterRow]:
    """Active people sorted most-needing-attention first (overdue, due, never, then by date)."""
    waiting = set(drafts)
    rows = []
    for person in people:
        if person.archived:
            continue
        summary = summaries.get(person.id) or PersonSummary(person.id)
        status = cadence_status(person, summary.last_checkin_at, now)
        rows.append(RosterRow(person, summary, status, person.id in waiting))

    def order(row: RosterRow) -> tuple:
        upcoming = row.summary.next_followup
        return (
            *attention_order(row.status, upcoming.at if upcoming else None),
            row.person.name.casefold(),
        )

    return sorted(rows, key=order)
