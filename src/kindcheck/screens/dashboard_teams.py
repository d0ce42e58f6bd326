"""The dashboard's team keys: show one team, group by team on or off, and the team pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kindcheck.widgets.roster import Roster
from kindcheck.widgets.team_pane import TeamPane

if TYPE_CHECKING:
    from textual.screen import Screen

# Actions that mean something only when the people fall into more than one team.
TEAM_ACTIONS = {"choose_team", "toggle_grouping", "clear_team"}


class TeamRoster:
    """Mixin for the dashboard screen: the keys that change how the roster shows teams."""

    def _team_screen(self) -> Screen[None]:
        return self  # type: ignore[return-value]

    @property
    def _roster(self) -> Roster:
        return self._team_screen().query_one("#roster", Roster)

    def team_action_allowed(self, action: str) -> bool | None:
        """Footer state of a team key: hidden unless there are teams (or a filter to clear)."""
        roster = self._roster
        if action == "clear_team":
            return roster.team_filter is not None
        return roster.has_teams or roster.team_filter is not None

    def on_team_header(self) -> bool:
        """True while a team's header is the selection on the roster."""
        return self._roster.has_focus and self._roster.highlighted_team is not None

    def action_choose_team(self) -> None:
        roster = self._roster
        if roster.team_filter is not None:
            self.action_clear_team()  # the same key brings everyone back
            return
        from kindcheck.widgets.team_chooser import TeamChooser

        self._team_screen().app.push_screen(TeamChooser(roster.team_names), self._team_chosen)

    def _team_chosen(self, team: str | None) -> None:
        if team is not None:
            self._roster.set_team_filter(team)
            self._after_team_change()

    def action_clear_team(self) -> None:
        self._roster.set_team_filter(None)
        self._after_team_change()

    def action_toggle_grouping(self) -> None:
        roster = self._roster
        roster.set_grouped(not roster.grouped)
        self._after_team_change()
        self._team_screen().notify("Grouped by team." if roster.grouped else "One list, no teams.")

    def _after_team_change(self) -> None:
        screen = self._team_screen()
        roster = self._roster
        roster.focus()
        screen.selected_person_id = roster.highlighted_person_id  # type: ignore[attr-defined]
        self.show_team_pane()
        screen.refresh_bindings()

    def show_team_pane(self) -> None:
        """Show the highlighted team's summary instead of one person's notes, or put the
        notes back when a person is highlighted."""
        screen = self._team_screen()
        # Only while the header is the selection: from Today, its person's notes show.
        selected = screen.selected_person_id  # type: ignore[attr-defined]
        header = self._roster.highlighted_team if selected is None else None
        pane = screen.query_one("#team-pane", TeamPane)
        screen.query_one("#progress-missing").display = header is None
        pane.display = header is not None
        if header is not None:
            pane.show(header.status, self._roster.team_rows(header.status.team))
