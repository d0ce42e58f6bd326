"""Key initiatives and commitments: what the month is planned around.

An initiative has a name, the people involved, an optional target date, and is open until it
is marked done. The store keeps them (store/initiatives.py). Coverage says who has a
conversation planned before the target; `initiative_plan` proposes times for the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pendulum import Date, DateTime

from kindcheck.domain.clock import zone_of
from kindcheck.domain.input_rules import is_new_input
from kindcheck.domain.model import FollowUp, Person, ValidationError, check_text, new_id
from kindcheck.domain.summary import PersonSummary
from kindcheck.domain.text import is_invisible, normalized


@dataclass(slots=True)
class Initiative:
    """A key initiative or commitment, and the people it involves."""

    name: str
    person_ids: list[str] = field(default_factory=list)
    target: Date | None = None  # the day it should be done by, if there is one
    done_at: DateTime | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        if is_new_input():
            self.name = check_text("initiative", self.name)
        self.name = normalized(" ".join(self.name.split()))
        if not self.name or (is_new_input() and is_invisible(self.name)):
            raise ValidationError("The initiative needs a name.")
        self.person_ids = list(dict.fromkeys(self.person_ids))  # each person once

    @property
    def is_open(self) -> bool:
        return self.done_at is None


def find_initiative(initiatives: Iterable[Initiative], query: str) -> Initiative:
    """The initiative named `query` (any case), or the one whose name starts with it.

    Open ones are preferred: a done initiative is found only by its whole name.
    """
    everyone = sorted(initiatives, key=lambda i: i.name.casefold())
    wanted = normalized(" ".join(query.split())).casefold()
    if not wanted:
        raise ValidationError("Type the initiative's name, or the start of it.")
    exact = [i for i in everyone if i.name.casefold() == wanted]
    open_exact = [i for i in exact if i.is_open]
    if len(open_exact) == 1 or len(exact) == 1:
        return (open_exact or exact)[0]
    found = [i for i in everyone if i.is_open and i.name.casefold().startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(i.name for i in found[:8])
        raise ValidationError(f"{len(found)} initiatives start with {query!r}: {names}. "
                              "Type more of the name.")
    names = ", ".join(i.name for i in everyone if i.is_open)[:300] or "none yet"
    raise ValidationError(f"No open initiative is called {query!r}. Open ones: {names}.")


# -- coverage: who has a conversation planned before the target ------------------------------


def is_covered_by(initiative: Initiative, followup: FollowUp, now: DateTime) -> bool:
    """Whether `followup` is a conversation planned ahead, before `initiative`'s target day.

    "Before" means on an earlier day, in the leader's zone (the zone of `now`): a chat on the
    target day itself comes too late to help. Without a target, any planned chat ahead counts.
    """
    if not followup.is_planned or followup.at < now:
        return False
    if initiative.target is None:
        return True
    return followup.at.in_timezone(zone_of(now)).date() < initiative.target


def uncovered(initiative: Initiative, followups: Iterable[FollowUp], now: DateTime) -> list[str]:
    """The ids of the initiative's people with no follow-up planned before its target.

    In the initiative's own order; a done initiative needs nothing, so it has nobody uncovered.
    """
    if not initiative.is_open:
        return []
    covered = {f.person_id for f in followups if is_covered_by(initiative, f, now)}
    return [pid for pid in initiative.person_ids if pid not in covered]


@dataclass(frozen=True, slots=True)
class Coverage:
    """An open initiative, the (active) people in it, and those with nothing planned yet."""

    initiative: Initiative
    people: tuple[Person, ...]
    uncovered: tuple[Person, ...]

    def target_passed(self, today: Date) -> bool:
        target = self.initiative.target
        return target is not None and target <= today


def coverages(
    initiatives: Iterable[Initiative],
    people: Iterable[Person],
    summaries: Mapping[str, PersonSummary],
    now: DateTime,
) -> list[Coverage]:
    """Coverage for each open initiative, in the order given; archived people are left out."""
    by_id = {p.id: p for p in people if not p.archived}
    planned = [f for s in summaries.values() for f in s.planned_followups]
    found = []
    for initiative in initiatives:
        if not initiative.is_open:
            continue
        involved = tuple(by_id[pid] for pid in initiative.person_ids if pid in by_id)
        missing = set(uncovered(initiative, planned, now))
        found.append(Coverage(initiative, involved, tuple(p for p in involved if p.id in missing)))
    return found


@dataclass(frozen=True, slots=True)
class Involvement:
    """One person in an initiative: the last and next conversation, and whether it is in time."""

    person: Person
    last: DateTime | None  # the latest check-in
    next: DateTime | None  # the next planned follow-up, if any
    uncovered: bool  # nothing planned before the target


def involvements(
    coverage: Coverage, summaries: Mapping[str, PersonSummary], now: DateTime
) -> list[Involvement]:
    """Each person of `coverage`, with their last and next conversation (for the insights)."""
    missing = {p.id for p in coverage.uncovered}
    rows = []
    for person in coverage.people:
        summary = summaries.get(person.id) or PersonSummary(person.id)
        ahead = [f.at for f in summary.planned_followups if f.is_planned and f.at >= now]
        rows.append(Involvement(person, summary.last_checkin_at, min(ahead, default=None),
                                person.id in missing))
    return rows
