"""The director's sample (`kindcheck demo --org`): three managers, each with a team of their
reports, someone else reporting straight to the director, and two initiatives this month.

Made from the ordinary sample team (team.py), so everyone has weeks of check-ins, notes,
commitments and follow-ups; this module only arranges them into teams and reports-to lines
and adds the initiatives. Pure and deterministic like team.py: one seed, one "now".
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from pendulum import Date, DateTime

from kindcheck.demo import ORG_PEOPLE
from kindcheck.demo.team import sample_team
from kindcheck.domain.initiatives import Initiative, is_covered_by
from kindcheck.domain.model import Person, PersonHistory

MIN_ORG_PEOPLE = 4
TEAMS = (
    ("Platform", "Engineering manager, Platform"),
    ("Mobile", "Engineering manager, Mobile"),
    ("Support", "Support manager"),
)
INITIATIVES = ("Move the build to the new CI", "Customer onboarding revamp")


@dataclass(frozen=True, slots=True)
class SampleOrg:
    """People with their histories (managers first), and the initiatives to add."""

    people: list[tuple[Person, PersonHistory]]
    initiatives: list[Initiative]


def sample_org(now: DateTime, *, people: int = ORG_PEOPLE, weeks: int, seed: int) -> SampleOrg:
    """`people` made-up people arranged into the three managers' teams, and two initiatives
    with target dates this month (one names someone with nothing planned before it)."""
    team = sample_team(now, people=people, weeks=weeks, seed=seed)
    rng = random.Random(seed * 7919 + 1)  # its own source: the sample team stays the same
    managers = [person for person, _ in team[: len(TEAMS)]]
    for manager, (team_name, role) in zip(managers, TEAMS, strict=False):
        manager.role = role
        manager.team = team_name
        manager.manager_id = None  # they report to the director: the leader using kindcheck
    others = [person for person, _ in team[len(managers):]]
    # The last one reports straight to the director (a staff engineer, say), no team.
    reports, direct = (others[:-1], others[-1:]) if len(others) > len(managers) else (others, [])
    for index, person in enumerate(reports):
        manager = managers[index % len(managers)]
        if "manager" in person.role.casefold():  # only the three managers manage here
            person.role = "Senior engineer"
        person.team = manager.team
        person.manager_id = manager.id
    for person in direct:
        person.team = ""
        person.manager_id = None
    histories = {person.id: history for person, history in team}
    initiatives = _initiatives(now, managers, reports, histories, rng)
    return SampleOrg(team, initiatives)


def _initiatives(
    now: DateTime,
    managers: list[Person],
    reports: list[Person],
    histories: dict[str, PersonHistory],
    rng: random.Random,
) -> list[Initiative]:
    today = now.date()
    end = today.end_of("month")
    soon = min(today.add(days=9), end)
    first = _initiative(INITIATIVES[0], soon, [managers[0], *_team_of(managers[0], reports)],
                        histories, now, rng)
    second_team = managers[1:3] if len(managers) > 1 else managers
    second_people = [*second_team, *[p for m in second_team for p in _team_of(m, reports)][:3]]
    second = _initiative(INITIATIVES[1], end, second_people, histories, now, rng)
    return [first, second]


def _initiative(
    name: str,
    target: Date,
    people: list[Person],
    histories: dict[str, PersonHistory],
    now: DateTime,
    rng: random.Random,
) -> Initiative:
    initiative = Initiative(name, [p.id for p in people], target, id=f"{rng.getrandbits(48):012x}")
    planned = [f for p in people for f in histories[p.id].followups]
    if all(any(is_covered_by(initiative, f, now) for f in planned if f.person_id == p.id)
           for p in people):
        # Everyone has a talk planned: make one of them someone to plan for (the month
        # view's point), by moving their talks ahead to after the target.
        chosen = people[-1]
        for followup in histories[chosen.id].followups:
            if is_covered_by(initiative, followup, now):
                followup.at = followup.at.add(days=(target - followup.at.date()).days + 1)
    return initiative


def _team_of(manager: Person, reports: list[Person]) -> list[Person]:
    return [p for p in reports if p.manager_id == manager.id]
