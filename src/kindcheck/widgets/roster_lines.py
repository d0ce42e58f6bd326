"""What the roster shows line by line: people, and a header row per team when grouped."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kindcheck.domain.teams import TeamStatus, group_by_team, team_status, worth_grouping
from kindcheck.widgets.roster_row import RosterRow

# Header rows share the table's row keys with people: a prefix no person id can have.
HEADER_PREFIX = "\0team:"


@dataclass(frozen=True, slots=True)
class TeamHeader:
    """The header row of one team: its status, and whether its people are folded away."""

    status: TeamStatus
    folded: bool = False

    @property
    def key(self) -> str:
        return HEADER_PREFIX + self.status.team


Line = RosterRow | TeamHeader


def line_key(line: Line) -> str:
    """The table's row key for a line."""
    return line.key if isinstance(line, TeamHeader) else line.person.id


def has_teams(rows: Sequence[RosterRow]) -> bool:
    """True when the people fall into more than one team (so headers help)."""
    return worth_grouping(row.person.team for row in rows)


def roster_lines(
    rows: Sequence[RosterRow],
    *,
    grouped: bool,
    folded: Collection[str],
    team_filter: str | None,
) -> list[Line]:
    """The lines to show, in order: `rows` (already in attention order), narrowed to
    `team_filter` when set, under team headers when `grouped` and there is more than one team.
    A folded team shows only its header."""
    if team_filter is not None:
        return [row for row in rows if row.person.team == team_filter]
    if not grouped or not has_teams(rows):
        return list(rows)
    lines: list[Line] = []
    for team, members in group_by_team(rows, lambda row: row.person.team):
        status = team_status(team, [(row.summary, row.status) for row in members])
        lines.append(TeamHeader(status, team in folded))
        if team not in folded:
            lines.extend(members)
    return lines
