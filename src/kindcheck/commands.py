"""The command palette (ctrl+p): every kindcheck action by name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.command import DiscoveryHit, Hit, Hits, Provider


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    name: str
    help: str
    action: str
    on_dashboard: bool  # a dashboard action (only offered there) or an app-wide one
    binding_id: str | None = None  # the key that does the same, shown beside the help


PALETTE_COMMANDS = (
    PaletteCommand("Check in", "Start a check-in with the selected person", "check_in", True,
                   "dashboard.check_in"),
    PaletteCommand("Quick note", "Note progress or something missing", "quick_note", True,
                   "dashboard.quick_note"),
    PaletteCommand("Add a person", "Add someone to your team", "add_person", True,
                   "dashboard.add_person"),
    PaletteCommand("Edit person", "Change the selected person's details", "edit_person", True,
                   "dashboard.edit_person"),
    PaletteCommand(
        "Archive person", "Take the selected person off the roster", "archive_person", True
    ),
    PaletteCommand(
        "Calendar", "Follow-ups, check-ins and commitments by week", "open_calendar", True,
        "dashboard.calendar",
    ),
    PaletteCommand(
        "Plan follow-ups for an initiative…",
        "Propose a follow-up for each person with nothing planned before its target",
        "screen.plan_initiative", False, "calendar.plan_initiative",
    ),
    PaletteCommand(  # the same from the dashboard: the calendar opens in its month view
        "Plan follow-ups for an initiative…",
        "Open the month and propose a follow-up for each person of an initiative",
        "app.plan_initiative", True,
    ),
    PaletteCommand("Insights", "How your check-ins are going", "open_insights", True,
                   "dashboard.insights"),
    PaletteCommand("Search notes", "Search every check-in, note and commitment", "search", True,
                   "dashboard.search"),
    PaletteCommand("Show one team…", "Narrow the roster to one team", "choose_team", True,
                   "dashboard.choose_team"),
    PaletteCommand("Group by team on/off", "Teams under their headers, or one list",
                   "toggle_grouping", True, "dashboard.toggle_grouping"),
    PaletteCommand(
        "Privacy mask", "Hide personal text while sharing your screen", "toggle_privacy", False,
        "app.privacy",
    ),
    PaletteCommand("Sync now", "Sync with your other machines through git", "sync_now", False,
                   "dashboard.sync"),
    PaletteCommand("Help", "Every key and the four follow-up tips", "help", False, "app.help"),
    PaletteCommand("Quit kindcheck", "Leave; everything is already saved", "quit", False),
)


class KindcheckCommands(Provider):
    """kindcheck's own actions; dashboard ones only when the palette opens on the dashboard."""

    def _available(self) -> list[PaletteCommand]:
        from kindcheck.screens.dashboard import DashboardScreen

        on_dashboard = isinstance(self.screen, DashboardScreen)
        # A "screen." action is offered only on a screen that has it (the calendar's planner).
        return [c for c in PALETTE_COMMANDS if (on_dashboard or not c.on_dashboard)
                and self._screen_has(c.action)]

    def _screen_has(self, action: str) -> bool:
        name = action.removeprefix("screen.")
        if name == action:
            return True
        return hasattr(self.screen, f"action_{name}") and bool(self.screen.check_action(name, ()))

    def _runner(self, command: PaletteCommand) -> Callable[[], object]:
        target = self.screen if command.on_dashboard else self.app

        async def run() -> None:
            await target.run_action(command.action)

        return run

    def _help(self, command: PaletteCommand) -> str:
        """The command's help, with the key that does the same (the leader's own, if set)."""
        from kindcheck.keymap import active_keymap, bindings_by_id, key_display

        binding = bindings_by_id().get(command.binding_id or "")
        if binding is None:
            return command.help
        return f"{command.help} · {key_display(self.app, binding, active_keymap(self.app))}"

    async def discover(self) -> Hits:
        for command in self._available():
            yield DiscoveryHit(command.name, self._runner(command), help=self._help(command))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._available():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    self._runner(command),
                    help=self._help(command),
                )
