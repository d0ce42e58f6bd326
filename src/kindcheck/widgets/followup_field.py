"""The "next follow-up" field: when to talk again, said back as it is typed, plus a topic."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from kindcheck.domain.clock import Clock
from kindcheck.domain.dates import EMPTY_REASON, DateReading, NotUnderstood, read_follow_up
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import shown
from kindcheck.widgets.time_entry import TimeEntry, TimeHint

PLACEHOLDER = "fri 14:00, tomorrow, +2w, 2026-12-01 or none"


class FollowUpField(Vertical):
    """A TimeEntry read with `read_follow_up` ("none" is an answer), and an optional topic."""

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
        yield TimeEntry(
            self._hint, when, placeholder=PLACEHOLDER,
            input_id="follow-up", hint_id="follow-up-preview",
        )
        yield Label("Topic (optional): an initiative or a promise to pick up", classes="sublabel")
        yield Input(topic, placeholder="e.g. staging access", id="follow-up-topic")

    @property
    def when(self) -> str:
        return self.query_one(TimeEntry).value

    @property
    def topic(self) -> str:
        return self.query_one("#follow-up-topic", Input).value

    @property
    def reading(self) -> DateReading:
        """What the typed follow-up means right now."""
        return read_follow_up(self.when, self._clock())

    def _hint(self, typed: str) -> TimeHint:
        """The day and time understood, or kindly why it can't be read."""
        now = self._clock()
        reading = read_follow_up(typed, now)
        if isinstance(reading, NotUnderstood):
            if not typed.strip():
                return TimeHint(None, False, Content.styled(EMPTY_REASON, "dim"))
            return TimeHint(None, False, Content.styled(shown(reading.reason), "$text-warning"))
        if reading.at is None:
            return TimeHint(None, True, Content("✓ No follow-up: a conscious choice."))
        said = shown(reading.describe(now))
        return TimeHint(reading.at, True, Content.assemble(("✓ ", "$text-success"), said))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "follow-up":
            self.remove_class("-refused")

    def refuse(self, reason: str) -> None:
        """Show that saving needs a follow-up first, and put the cursor there."""
        self.add_class("-refused")
        entry = self.query_one(TimeEntry)
        if not self.when.strip():
            entry.say(Content.styled(shown(reason), "$text-warning"))
        entry.input.focus()
