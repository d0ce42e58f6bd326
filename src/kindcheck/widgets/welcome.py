"""The first thing a new leader sees: how to add someone, or how to look around a sample team."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static

from kindcheck.widgets import css_beside


def welcome_text() -> Text:
    """The welcome's words, with the keys standing out."""
    text = Text()
    text.append("Welcome to kindcheck\n\n", style="bold")
    text.append(
        "Check in, don't check on: ask how people are, notice what is going well and what is "
        "missing, offer help, and follow through.\n\n"
    )
    text.append("Nobody is here yet. To begin:\n\n")
    for key, words in (
        ("a", "add the first person on your team"),
        ("d", "load a sample team to look around"),
        ("?", "see every key on one page"),
    ):
        text.append(f"  {key}  ", style="bold reverse")
        text.append(f"  {words}\n")
    text.append("\nYou can also load the sample team from a terminal: ")
    text.append("kindcheck demo", style="bold")
    text.append("\n")
    return text


class Welcome(Static, can_focus=True):
    """Shown instead of the panes while nobody is on the team."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding(
            "d",
            "load_sample_team",
            "Sample team",
            tooltip="Load the sample team into this empty store",
            id="welcome.sample_team",
        )
    ]

    @dataclass
    class LoadSampleTeam(Message):
        """The leader asked to fill this empty store with the sample team."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(welcome_text(), id=id)

    def action_load_sample_team(self) -> None:
        self.post_message(self.LoadSampleTeam())
