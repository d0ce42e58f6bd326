"""The dashboard's keys, and which of them need someone selected or a team at all."""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Actions that need someone selected: greyed out in the footer while nobody is.
NEEDS_PERSON = {"edit_person", "check_in", "quick_note", "archive_person"}
# Actions that mean nothing on an empty team: hidden while the welcome shows.
NEEDS_TEAM = NEEDS_PERSON | {"open_calendar", "open_insights", "search"}

DASHBOARD_BINDINGS: list[BindingType] = [
    Binding(
        "c",
        "check_in",
        "Check in",
        tooltip="Start a check-in with the selected person",
        id="dashboard.check_in",
    ),
    Binding(
        "n",
        "quick_note",
        "Note",
        tooltip="Quick note: progress, or something missing",
        id="dashboard.quick_note",
    ),
    Binding("a", "add_person", "Add", tooltip="Add a person", id="dashboard.add_person"),
    Binding(
        "e",
        "edit_person",
        "Edit",
        tooltip="Edit the selected person (archive from there)",
        id="dashboard.edit_person",
    ),
    Binding(
        "w",
        "open_calendar",
        "Calendar",
        tooltip="Calendar: follow-ups by week or month",
        id="dashboard.calendar",
    ),
    Binding(
        "i",
        "open_insights",
        "Insights",
        tooltip="Insights: how your check-ins are going",
        id="dashboard.insights",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        tooltip="Search every check-in, note and commitment",
        id="dashboard.search",
    ),
    Binding(
        "t",
        "choose_team",
        "One team",
        tooltip="Show one team on the roster (again: show everyone)",
        id="dashboard.choose_team",
    ),
    Binding(
        "escape",
        "clear_team",
        "Everyone",
        tooltip="Show everyone again after showing one team",
        id="dashboard.clear_team",
    ),
    Binding(
        "g",
        "toggle_grouping",
        "Group",
        tooltip="Group the roster by team, or show one list",
        id="dashboard.toggle_grouping",
    ),
    Binding(
        "S",
        "app.sync_now",
        "Sync",
        show=False,
        tooltip="Sync with your other machines now (kindcheck sync init sets it up)",
        id="dashboard.sync",
    ),
    Binding(
        "q",
        "app.quit",
        "Quit",
        show=False,
        tooltip="Quit (everything is already saved)",
        id="dashboard.quit",
    ),
]
