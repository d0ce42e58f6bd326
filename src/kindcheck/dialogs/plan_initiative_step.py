"""One person of an initiative planned one by one: plan them, skip them (escape), or stop
the whole run (ctrl+g or "Stop here") and keep what was planned so far."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Footer, Static

from kindcheck.dialogs.plan_followup import PlanFollowUpDialog


class PlanInitiativeStep(PlanFollowUpDialog):
    """The planner for person `step` of `steps`; `stopped` says the leader ended the run."""

    BINDINGS = [
        Binding("escape", "leave", "Skip", tooltip="Skip this person, go on with the next",
                id="plan_initiative_step.skip"),
        Binding("ctrl+g", "stop", "Stop here", tooltip="Stop planning for this initiative",
                id="plan_initiative_step.stop"),
    ]
    DEFAULT_CSS = """
    PlanInitiativeStep #plan-stop { margin-left: 1; }
    """

    def __init__(self, *args: Any, step: int, steps: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step, self.steps = step, steps
        self.stopped = False

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Footer()  # the run's keys: escape skips one, ctrl+g stops them all

    def on_mount(self) -> None:
        self.query_one(".dialog-title", Static).update(
            f"Plan a follow-up · {self.step} of {self.steps}")
        self.query_one("#plan-cancel", Button).label = "Skip"
        self.query_one(".dialog-buttons").mount(Button("Stop here", id="plan-stop"))

    @on(Button.Pressed, "#plan-stop")
    def _stop_pressed(self) -> None:
        self.action_stop()

    def action_stop(self) -> None:
        """End the run: nobody after this one is asked about."""
        self.stopped = True
        self.dismiss(None)
