"""A team at a glance, shown instead of one person's notes while a team's header is
highlighted on the roster: who in that team needs attention, and why."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from kindcheck.domain.teams import TeamStatus, needs_attention
from kindcheck.widgets import css_beside
from kindcheck.widgets.cut import LIST_NAME_CELLS, cut
from kindcheck.widgets.roster_row import RosterRow
from kindcheck.widgets.team_label import team_content


def team_summary(status: TeamStatus, rows: list[RosterRow]) -> Content:
    """Who needs attention in the team, one line each, or a warm word when nobody does."""
    waiting = [row for row in rows if needs_attention(row.status, row.summary)]
    people = f"{status.size} {'person' if status.size == 1 else 'people'}"
    if not waiting:
        return Content(f"{people}, all fine for now. Space or enter folds the team.")
    lines = [Content(f"{people} · {status.describe_attention()}:"), Content("")]
    for row in waiting:
        reasons = [row.status.describe()] if row.status.needs_attention else []
        if row.summary.open_missing:
            count = len(row.summary.open_missing)
            reasons.append(f"{count} thing{'s' if count != 1 else ''} missing")
        name = cut(row.person.name, LIST_NAME_CELLS)
        lines.append(Content.assemble("• ", (name, "bold"), " — ", ", ".join(reasons)))
    return Content("\n").join(lines)


class TeamPane(Static):
    """The highlighted team's summary."""

    DEFAULT_CSS = css_beside(__file__)

    def show(self, status: TeamStatus, rows: list[RosterRow]) -> None:
        self.border_title = Content.assemble("Team — ", team_content(status.team))
        self.update(team_summary(status, rows))
