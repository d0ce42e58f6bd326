"""Teams on the roster: who is in which team, how each team is doing, and in what order.

A team is the free-text `Person.team`; people without one form a group of their own, shown
last. Grouping only helps when there is more than one group: a flat team stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pendulum import DateTime

from kindcheck.domain.cadence import CadenceStatus, cadence_status
from kindcheck.domain.model import Person
from kindcheck.domain.summary import PersonSummary

NO_TEAM = ""  # the group of people who have no team
NO_TEAM_TITLE = "(no team)"  # parentheses and dim italics set it apart (widgets/team_label.py)
TEAM_MOODS_SHOWN = 6

T = TypeVar("T")


def team_title(team: str) -> str:
    """How a group is named on screen."""
    return team or NO_TEAM_TITLE


def needs_attention(status: CadenceStatus, summary: PersonSummary) -> bool:
    """Someone to look at: a check-in is due, overdue or never happened, or something they
    miss is still open."""
    return status.needs_attention or bool(summary.open_missing)


@dataclass(frozen=True, slots=True)
class TeamStatus:
    """One team at a glance, for its header row."""

    team: str  # NO_TEAM for people without one
    person_ids: tuple[str, ...]
    needing_attention: tuple[str, ...]  # person ids, in the order given
    moods: tuple[int, ...]  # the team's latest moods, oldest first

    @property
    def title(self) -> str:
        return team_title(self.team)

    @property
    def size(self) -> int:
        return len(self.person_ids)

    def describe_attention(self) -> str:
        """Short words for the header: how many need attention."""
        count = len(self.needing_attention)
        if count == 0:
            return "all fine"
        return f"{count} need{'s' if count == 1 else ''} attention"


def team_status(team: str, members: Sequence[tuple[PersonSummary, CadenceStatus]]) -> TeamStatus:
    """The status of `team` from its members' summaries and cadence status.

    The mood trend mixes everyone's check-ins by time, so a team's bars read like one
    person's: the latest few moods heard in that team.
    """
    glances = sorted(
        (glance.at, glance.mood)
        for summary, _ in members
        for glance in summary.recent_checkins
        if glance.mood is not None
    )
    return TeamStatus(
        team=team,
        person_ids=tuple(summary.person_id for summary, _ in members),
        needing_attention=tuple(
            summary.person_id for summary, status in members if needs_attention(status, summary)
        ),
        moods=tuple(mood for _, mood in glances[-TEAM_MOODS_SHOWN:]),
    )


def group_by_team(items: Iterable[T], team_of: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    """`items` grouped by team, keeping their order within a team.

    Teams come in alphabetical order (ignoring case) so a leader finds them in the same place
    every day; people with no team come last.
    """
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(team_of(item), []).append(item)
    return sorted(groups.items(), key=lambda pair: (pair[0] == NO_TEAM, pair[0].casefold()))


def worth_grouping(teams: Iterable[str]) -> bool:
    """True when the people fall into more than one group (no headers for a flat team)."""
    return len(set(teams)) > 1


def team_names(people: Iterable[Person]) -> list[str]:
    """The teams of the active people, in the order the roster shows them."""
    found = {person.team for person in people if not person.archived}
    return [team for team, _ in group_by_team(found, lambda team: team)]


def team_statuses(
    people: Iterable[Person], summaries: dict[str, PersonSummary], now: DateTime
) -> list[TeamStatus]:
    """Every team of the active people, in roster order (people by name within a team)."""
    active = sorted((p for p in people if not p.archived), key=lambda p: p.name.casefold())
    statuses = []
    for team, members in group_by_team(active, lambda p: p.team):
        pairs = []
        for person in members:
            summary = summaries.get(person.id) or PersonSummary(person.id)
            pairs.append((summary, cadence_status(person, summary.last_checkin_at, now)))
        statuses.append(team_status(team, pairs))
    return statuses
