"""The "how can I help" field: one promise per line, read back as it is typed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from kindcheck.domain.checkin_draft import parse_help_lines
from kindcheck.domain.clock import Clock
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import shown

EXAMPLE = "e.g. tools: new laptop by fri  ·  [training] course due 2026-12-10"


class HelpLines(Vertical):
    """A TextArea for the leader's promises, with how each line was understood beneath it."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(
        self, clock: Clock, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._clock = clock
        self._initial_text = text

    def compose(self) -> ComposeResult:
        yield TextArea(self._initial_text, id="help", classes="field-text")
        yield Static(id="help-preview", classes="preview")

    def on_mount(self) -> None:
        self.update_preview()

    @property
    def text(self) -> str:
        return self.query_one("#help", TextArea).text

    @on(TextArea.Changed, "#help")
    def _help_changed(self) -> None:
        self.update_preview()

    def update_preview(self) -> None:
        """Say back each promise: its category, its text and its due day."""
        now = self._clock()
        lines = parse_help_lines(self.text, now)
        preview = self.query_one("#help-preview", Static)
        if not lines:
            preview.update(Content.styled(EXAMPLE, "dim"))
            return
        today = now.date()
        said = [
            Content.assemble(
                ("→ ", "dim"),
                (shown(line.describe(today)), "$text-warning")
                if line.due_problem
                else shown(line.describe(today)),
            )
            for line in lines
        ]
        preview.update(Content("\n").join(said))
