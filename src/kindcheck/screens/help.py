"""Every key of every screen, read from their BINDINGS (with the leader's own keys from
settings.toml) so this page never drifts."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from kindcheck.keymap import active_keymap, keys_for, own_bindings
from kindcheck.widgets.privacy import PrivacyBanner

# Screens are imported by name only when help opens, which keeps start-up light.
_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Everywhere", ("kindcheck.app:KindcheckApp",)),
    ("Dashboard", ("kindcheck.screens.dashboard:DashboardScreen",)),
    ("Team roster", ("kindcheck.widgets.roster:Roster",)),
    ("Today", ("kindcheck.widgets.today:TodayPane",)),
    (
        "Progress vs. missing",
        (
            "kindcheck.widgets.progress_missing:MissingList",
            "kindcheck.widgets.progress_missing:NoteList",
        ),
    ),
    ("Welcome", ("kindcheck.widgets.welcome:Welcome",)),
    ("Check-in form", ("kindcheck.screens.checkin:CheckInScreen",)),
    ("Calendar", ("kindcheck.screens.calendar:CalendarScreen",)),
    ("Plan a follow-up", ("kindcheck.dialogs.plan_followup:PlanFollowUpDialog",)),
    ("Plan for an initiative", ("kindcheck.dialogs.plan_initiative:PlanInitiativeDialog",)),
    ("Plan for an initiative, one by one",
     ("kindcheck.dialogs.plan_initiative_step:PlanInitiativeStep",)),
    ("Reschedule", ("kindcheck.dialogs.reschedule:RescheduleDialog",)),
    ("Settle a text changed on two machines", ("kindcheck.dialogs.settle:SettleDialog",)),
    ("Insights", ("kindcheck.screens.insights:InsightsScreen",)),
    ("Search", ("kindcheck.screens.search:SearchScreen",)),
    ("Person editor", ("kindcheck.dialogs.person_editor:PersonEditor",)),
    ("Delete someone for good", ("kindcheck.dialogs.delete_person:DeletePersonDialog",)),
    ("Quick note", ("kindcheck.dialogs.quick_note:QuickNote",)),
    ("Show one team", ("kindcheck.widgets.team_chooser:TeamChooser",)),
    ("Help", ("kindcheck.screens.help:HelpScreen",)),
)

# Keys that come from Textual itself rather than from a kindcheck screen.
_MOVING_AROUND = (
    ("tab / shift+tab", "Move between panes and fields"),
    ("↑ ↓ / j k", "Move within a list"),
    ("^p", "Command palette: every action by name"),
    ("^q", "Quit from anywhere"),
)

_MOVES = {"cursor_down", "cursor_up", "scroll(1)", "scroll(-1)"}

FOLLOW_UP_TIPS = (
    (
        "What is missing, not what is wrong",
        "Ask what stands between them and what they committed to: obstacles and patterns, "
        "not blame.",
    ),
    (
        "Progress, not just problems",
        "Notice and say out loud what is going well. Celebrating progress keeps it coming.",
    ),
    (
        "Self-reflection and ownership",
        "Let them describe their progress in their own words, and what they will own next.",
    ),
    (
        "A cycle of accountability",
        "End every conversation by planning the next follow-up, so nothing quietly drops.",
    ),
)


@dataclass(frozen=True, slots=True)
class KeyLine:
    keys: str
    description: str


def _load(target: str) -> type | None:
    module_name, _, attribute = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    found = getattr(module, attribute, None)
    return found if isinstance(found, type) else None


def key_sections(
    key_display: Callable[[Binding], str] = lambda b: b.key,
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[KeyLine]]]:
    """Every screen's keys, section by section, in the order a leader meets them, with the
    leader's own keys (`keymap`, binding id → keys) where they chose some."""
    keymap = keymap or {}
    sections: list[tuple[str, list[KeyLine]]] = [
        ("Moving around", [KeyLine(keys, words) for keys, words in _MOVING_AROUND])
    ]
    for title, targets in _SECTIONS:
        lines: list[KeyLine] = []
        seen: set[str] = set()
        for target in targets:
            cls = _load(target)
            if cls is None:
                continue
            for binding in own_bindings(cls):
                # Plain up/down moves are covered once, under "Moving around".
                if not binding.description or binding.action in _MOVES or binding.action in seen:
                    continue
                seen.add(binding.action)
                keys = " / ".join(key_display(binding.with_key(key))
                                  for key in keys_for(binding, keymap))
                lines.append(KeyLine(keys, binding.tooltip or binding.description))
        if lines:
            sections.append((title, lines))
    return sections


def section_table(title: str, lines: Iterable[KeyLine]) -> RenderableType:
    """One section: a title, then keys beside what they do (long words wrap under the words)."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", min_width=8)
    table.add_column()
    for line in lines:
        table.add_row(line.keys, line.description)
    return Group(Text(title, style="bold underline"), Padding(table, (0, 0, 0, 2)))


def tips_table() -> RenderableType:
    """The four follow-up tips, numbered, each with a line on what it means in practice."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for number, (tip, words) in enumerate(FOLLOW_UP_TIPS, start=1):
        table.add_row(f"{number}.", Text.assemble((tip, "bold"), "\n", words))
    return Group(Text("The four follow-up tips", style="bold underline"), table)


def insights_table() -> RenderableType:
    """How each figure on the insights screen is computed, in plain words."""
    from kindcheck.domain.insights import HOW_COMPUTED

    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold", min_width=12)
    table.add_column()
    for figure, how in HOW_COMPUTED:
        table.add_row(figure, how)
    return Group(Text("How the insights are computed", style="bold underline"), table)


class HelpScreen(Screen[None]):
    """One page with every key and the four follow-up tips."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
        Binding("j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrivacyBanner()
        with VerticalScroll(id="help-scroll"):
            yield Static(tips_table(), id="help-tips")
            sections = key_sections(self.app.get_key_display, active_keymap(self.app))
            # Two columns, filled alternately, keep related sections side by side.
            with Horizontal(id="help-keys"):
                for column in (sections[0::2], sections[1::2]):
                    with Vertical(classes="help-column"):
                        for title, lines in column:
                            yield Static(section_table(title, lines), classes="help-section")
            yield Static(insights_table(), id="help-insights")
        yield Footer()

    def reload(self) -> None:
        """Nothing here depends on the store."""

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)
