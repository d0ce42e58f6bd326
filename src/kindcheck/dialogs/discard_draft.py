"""Asks before a check-in draft is thrown away: the leader's typing is never lost by accident."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class DiscardDraftDialog(ModalScreen[bool]):
    """Confirm throwing away the draft for one person. Dismisses with True to discard."""

    CSS_PATH = "discard_draft.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Discard", id="discard_draft.confirm"),
        Binding("n,escape", "answer(False)", "Keep", id="discard_draft.keep"),
    ]

    def __init__(self, person_name: str) -> None:
        super().__init__()
        self._person_name = person_name

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box"):
            yield Static(Content.from_markup("[b]Start this check-in over?[/b]"))
            yield Static(
                Content.from_markup(
                    "Everything typed for $name so far will be gone. This can't be undone.",
                    name=self._person_name,
                ),
                id="discard-text",
            )
            with Horizontal(id="discard-buttons"):
                yield Button("Keep typing (n)", id="discard-keep", variant="primary")
                yield Button("Discard (y)", id="discard-confirm", variant="error")

    def action_answer(self, discard: bool) -> None:
        """Close the dialog with the answer."""
        self.dismiss(discard)

    @on(Button.Pressed, "#discard-confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#discard-keep")
    def _keep(self) -> None:
        self.dismiss(False)
