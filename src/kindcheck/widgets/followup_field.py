"""The "next follow-up" field: when to talk again, said back as it is typed, plus a topic."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from kindcheck.domain.checkin_draft import read_follow_up
from kindcheck.domain.clock import Clock
from kindcheck.domain.dates import EMPTY_REASON, DateReading, NotUnderstood
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import shown

PLACEHOLDER = "fri 14:00, tomorrow, +2w, 2026-12-01 or none"


class FollowUpField(Vertical):
    """An Input read with `read_follow_up`, what it understood, and an optional topic."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(
        self,
        clock: Clock,
        when: str = "",
        topic: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._clock = clock
        self._initial = (when, topic)

    def compose(self) -> ComposeResult:
        when, topic = self._initial
        yield Input(when, placeholder=PLACEHOLDER, id="follow-up")
        yield Static(id="follow-up-preview", classes="preview")
        yield Label("Topic (optional): an initiative or a promise to pick up", classes="sublabel")
        yield Input(topic, placeholder="e.g. staging access", id="follow-up-topic")

    def on_mount(self) -> None:
        self.update_preview()

    @property
    def when(self) -> str:
        return self.query_one("#follow-up", Input).value

    @property
    def topic(self) -> str:
        return self.query_one("#follow-up-topic", Input).value

    @property
    def reading(self) -> DateReading:
        """What the typed follow-up means right now."""
        return read_follow_up(self.when, self._clock())

    @on(Input.Changed, "#follow-up")
    def _when_changed(self) -> None:
        self.remove_class("-refused")
        self.update_preview()

    def update_preview(self) -> None:
        """Say back the day and time understood, or kindly why it can't be read."""
        preview = self.query_one("#follow-up-preview", Static)
        reading = self.reading
        if isinstance(reading, NotUnderstood):
            if not self.when.strip():
                preview.update(Content.styled(EMPTY_REASON, "dim"))
            else:
                preview.update(Content.styled(shown(reading.reason), "$text-warning"))
            return
        if reading.at is None:
            preview.update(Content("✓ No follow-up: a conscious choice."))
            return
        said = shown(reading.describe(self._clock()))
        preview.update(Content.assemble(("✓ ", "$text-success"), said))

    def refuse(self, reason: str) -> None:
        """Show that saving needs a follow-up first, and put the cursor there."""
        self.add_class("-refused")
        if not self.when.strip():
            self.query_one("#follow-up-preview", Static).update(
                Content.styled(shown(reason), "$text-warning")
            )
        self.query_one("#follow-up", Input).focus()
