"""`kindcheck demo`: a realistic, deterministic sample team to explore kindcheck with.

The team is made up in `team.py` from a seed and "now"; this module checks the request and
writes it: one `add_person` and one `add_history` per person, so even years of history for
dozens of people land in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pendulum import DateTime

from kindcheck.domain.model import Person, ValidationError
from kindcheck.store.store import Store

if TYPE_CHECKING:
    from kindcheck.demo.team import sample_team

DEFAULT_PEOPLE = 7
DEFAULT_WEEKS = 12
DEFAULT_SEED = 7
ORG_PEOPLE = 13  # demo --org: three managers, three reports each, and one more
MAX_PEOPLE = 500
MAX_WEEKS = 520


class StoreNotEmpty(ValidationError):
    """The sample team only goes into an empty store unless the leader says --force."""

    def __init__(self, path: Path, count: int) -> None:
        people = "1 person" if count == 1 else f"{count} people"
        super().__init__(
            f"{path} already has {people}, so I left it alone. Use --force to add the sample "
            "team alongside them (nobody already there is changed)."
        )


@dataclass(slots=True)
class DemoResult:
    """What `load_demo` did."""

    added: list[Person] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names already in the store
    weeks: int = 0
    checkins: int = 0
    notes: int = 0
    commitments: int = 0
    followups: int = 0
    initiatives: int = 0

    def describe(self, path: Path, open_command: str = "kindcheck") -> str:
        """A short, friendly account for the command line."""
        count = len(self.added)
        people = "1 person" if count == 1 else f"{count} people"
        weeks = "1 week" if self.weeks == 1 else f"{self.weeks} weeks"
        lines = [f"Added {people} and {weeks} of check-ins to {path}."]
        if self.skipped:
            lines.append(f"Skipped {len(self.skipped)} already there: {', '.join(self.skipped)}.")
        if count:
            lines.append(
                f"That is {self.checkins} check-ins, {self.notes} notes, "
                f"{self.commitments} commitments and {self.followups} follow-ups."
            )
        if self.initiatives:
            teams = sorted({p.team for p in self.added if p.team})
            lines.append(f"Teams {', '.join(teams)}, and {self.initiatives} initiatives this "
                         "month: see them in the calendar's month view (w, then m).")
        lines.append(f"Open it with: {open_command}")
        return "\n".join(lines)


def check_size(people: int, weeks: int) -> None:
    """Refuse team sizes and spans the sample cannot sensibly make."""
    if not 1 <= people <= MAX_PEOPLE:
        raise ValidationError(f"--people must be between 1 and {MAX_PEOPLE}, not {people}.")
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValidationError(f"--weeks must be between 1 and {MAX_WEEKS}, not {weeks}.")


def load_demo(
    store: Store,
    now: DateTime,
    *,
    people: int = DEFAULT_PEOPLE,
    weeks: int = DEFAULT_WEEKS,
    seed: int = DEFAULT_SEED,
    force: bool = False,
    org: bool = False,
) -> DemoResult:
    """Add the sample team to `store`, or refuse (StoreNotEmpty) if it already has people.

    With `org`, the director's sample (demo/org.py): managers with their teams, and two
    initiatives. With `force`, the sample people are added next to the existing ones; a
    sample person whose name (or id) is already taken is skipped (their reports then report
    to nobody), and nobody existing is touched.
    """
    from kindcheck.demo.org import MIN_ORG_PEOPLE, sample_org
    from kindcheck.demo.team import sample_team

    check_size(people, weeks)
    if org and people < MIN_ORG_PEOPLE:
        raise ValidationError(f"--org needs at least {MIN_ORG_PEOPLE} people, not {people}.")
    existing = store.people(include_archived=True)
    if existing and not force:
        raise StoreNotEmpty(store.path, len(existing))
    taken_names = {p.name.casefold() for p in existing}
    taken_ids = {p.id for p in existing}
    result = DemoResult(weeks=weeks)
    made = sample_org(now, people=people, weeks=weeks, seed=seed) if org else None
    sample = made.people if made else sample_team(now, people=people, weeks=weeks, seed=seed)
    added: set[str] = set()
    for person, history in sample:
        if person.name.casefold() in taken_names or person.id in taken_ids:
            result.skipped.append(person.name)
            continue
        if person.manager_id is not None and person.manager_id not in added:
            person.manager_id = None  # their manager was skipped
        store.add_person(person)
        added.add(person.id)
        if history.checkins or history.notes or history.commitments or history.followups:
            store.add_history(history)
        result.added.append(person)
        result.checkins += len(history.checkins)
        result.notes += len(history.notes)
        result.commitments += len(history.commitments)
        result.followups += len(history.followups)
    open_names = {i.name.casefold() for i in store.initiatives.all(include_done=False)}
    for initiative in made.initiatives if made else []:
        initiative.person_ids = [pid for pid in initiative.person_ids if pid in added]
        if initiative.person_ids and initiative.name.casefold() not in open_names:
            store.initiatives.add(initiative)
            result.initiatives += 1
    return result


def __getattr__(name: str) -> Any:
    # The phrase banks load only when a team is made, not whenever the command line starts.
    if name == "sample_team":
        from kindcheck.demo.team import sample_team

        return sample_team
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_PEOPLE",
    "DEFAULT_SEED",
    "DEFAULT_WEEKS",
    "ORG_PEOPLE",
    "DemoResult",
    "StoreNotEmpty",
    "check_size",
    "load_demo",
    "sample_team",
]
