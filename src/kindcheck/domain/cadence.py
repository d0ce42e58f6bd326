"""Cadence status: is a check-in with this person due, overdue, or fine until a day?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from pendulum import Date, DateTime

from kindcheck.domain.clock import zone_of
from kindcheck.domain.model import Cadence, Person

MONTHLY = Cadence("monthly", 30)


class CadenceState(StrEnum):
    NEVER = "never"  # never checked in: counts as due
    OVERDUE = "overdue"
    DUE = "due"
    FINE = "fine"


@dataclass(frozen=True, slots=True)
class CadenceStatus:
    state: CadenceState
    due_on: Date  # the day the next check-in falls (or fell) due
    days_overdue: int = 0
    days_since: int | None = None  # days since the last real conversation

    @property
    def needs_attention(self) -> bool:
        return self.state is not CadenceState.FINE

    def describe(self) -> str:
        """Short words for the roster and the agenda."""
        if self.state is CadenceState.NEVER:
            return "no check-in yet"
        if self.state is CadenceState.DUE:
            return "due today"
        if self.state is CadenceState.OVERDUE:
            days = self.days_overdue
            return f"overdue by {days} day{'s' if days != 1 else ''}"
        return f"fine until {self.due_on.format('ddd D MMM')}"


def starting_cadence(
    chosen: Cadence | None,
    manager_id: str | None,
    people: Iterable[Person],
    *,
    default: Cadence,
    skip_level: Cadence,
) -> Cadence:
    """The cadence a new person starts with.

    What the leader chose wins. Otherwise someone whose manager is also in kindcheck is a
    skip-level: an indirect report, talked with less often than a direct one, so they start
    with `skip_level` (`skip_level_cadence` in settings.toml); everyone else with `default`.
    The choice is made once, when the person is added, and kept as their own cadence: every
    screen and command then reads the same due dates from the person alone, and changing the
    setting later never moves anyone's dates without the leader seeing it.
    """
    if chosen is not None:
        return chosen
    if manager_id is not None and any(p.id == manager_id for p in people):
        return skip_level
    return default


def cadence_status(person: Person, last_checkin: DateTime | None, now: DateTime) -> CadenceStatus:
    """Where `person` stands, from their last check-in and their cadence.

    Days are counted on the leader's calendar (the zone of `now`), so a call late in the
    evening still counts for that day.
    """
    today = now.date()
    if last_checkin is None:
        return CadenceStatus(CadenceState.NEVER, today)
    last_day = last_checkin.in_timezone(zone_of(now)).date()
    due_on = person.cadence.next_due(last_day)
    days_since = (today - last_day).days
    if due_on > today:
        return CadenceStatus(CadenceState.FINE, due_on, days_since=days_since)
    if due_on == today:
        return CadenceStatus(CadenceState.DUE, due_on, days_since=days_since)
    overdue = (today - due_on).days
    return CadenceStatus(CadenceState.OVERDUE, due_on, overdue, days_since)


def attention_order(status: CadenceStatus, next_followup: DateTime | None) -> tuple:
    """Sort key: overdue (most first), due, never checked in, then by the next date."""
    rank = {
        CadenceState.OVERDUE: 0,
        CadenceState.DUE: 1,
        CadenceState.NEVER: 2,
        CadenceState.FINE: 3,
    }[status.state]
    next_day = min(status.due_on, next_followup.date()) if next_followup else status.due_on
    return (rank, -status.days_overdue, next_day)
