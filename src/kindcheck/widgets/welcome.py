"""The first thing a new leader sees: how to add someone, or how to look around a sample team
(which it loads, off the UI thread, when asked)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from kindcheck.widgets import css_beside
from kindcheck.widgets.app_link import kindcheck_app


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
    class SampleTeamLoaded(Message):
        """The sample team is in the store (`added` people), or could not be (`error`)."""

        added: int
        error: str = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(welcome_text(), id=id)

    def action_load_sample_team(self) -> None:
        self.notify("Loading the sample team…")
        self._fill_sample_team()

    @work(thread=True, exclusive=True, group="sample-team", exit_on_error=False)
    def _fill_sample_team(self) -> int:
        # Writing weeks of history for several people takes a moment: not on the UI thread.
        from kindcheck.demo import load_demo

        app = kindcheck_app(self)
        return len(load_demo(app.store, app.clock()).added)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "sample-team":
            return
        if event.state is WorkerState.SUCCESS:
            self.post_message(self.SampleTeamLoaded(int(event.worker.result or 0)))
        elif event.state is WorkerState.ERROR:
            self.post_message(self.SampleTeamLoaded(0, str(event.worker.error)))
