"""A small chooser of teams: typing narrows the list, enter shows that team on the roster."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from kindcheck.domain.teams import team_title
from kindcheck.key_order import TypingGoesToText
from kindcheck.widgets import css_beside
from kindcheck.widgets.team_label import team_label


class TeamChooser(TypingGoesToText, ModalScreen[str | None]):
    """Pick one team (returns its name; "" for people with no team), or None to cancel."""

    DEFAULT_CSS = css_beside(__file__)
    AUTO_FOCUS = "#team-query"
    BINDINGS = [
        Binding("down", "move(1)", "Next", show=False, id="team_chooser.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="team_chooser.up"),
        Binding("escape", "cancel", "Cancel", tooltip="Show everyone, as before",
                id="team_chooser.cancel"),
    ]

    def __init__(self, teams: list[str]) -> None:
        super().__init__()
        self.teams = teams

    def compose(self) -> ComposeResult:
        with Vertical(id="team-chooser") as box:
            box.border_title = "Show one team"
            yield Input(id="team-query", placeholder="Type to narrow")
            options = OptionList(id="team-options")
            options.can_focus = False  # every key typed goes to the query
            yield options
            yield Static("enter show · ↑ ↓ choose · esc cancel", id="team-hint")

    def on_mount(self) -> None:
        self._fill("")

    @property
    def matching(self) -> list[str]:
        """The teams whose name contains what is typed (ignoring case), those starting with
        it first."""
        query = self.query_one("#team-query", Input).value.strip().casefold()
        found = [team for team in self.teams if query in team_title(team).casefold()]
        return sorted(found, key=lambda team: not team_title(team).casefold().startswith(query))

    def _fill(self, query: str) -> None:
        options = self.query_one("#team-options", OptionList)
        options.clear_options()
        matching = self.matching
        if not matching:
            options.add_option(Option("No team by that name", disabled=True))
            return
        options.add_options(
            Option(team_label(team), id=f"team-{index}")
            for index, team in enumerate(matching)
        )
        options.highlighted = 0

    def reload(self) -> None:
        """The teams were read when opened; what is typed stays."""

    @on(Input.Changed)
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _chosen(self) -> None:
        options = self.query_one("#team-options", OptionList)
        matching = self.matching
        if matching and options.highlighted is not None:
            self.dismiss(matching[options.highlighted])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        matching = self.matching
        if 0 <= event.option_index < len(matching):
            self.dismiss(matching[event.option_index])

    def action_move(self, step: int) -> None:
        options = self.query_one("#team-options", OptionList)
        count = len(self.matching)
        if count:
            options.highlighted = ((options.highlighted or 0) + step) % count

    def action_cancel(self) -> None:
        self.dismiss(None)
