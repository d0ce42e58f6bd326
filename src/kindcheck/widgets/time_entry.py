"""A field where a time is typed, with a line under it saying what was understood.

One widget for every place a leader types when to talk (the check-in form's next follow-up,
planning a follow-up, moving one). The caller gives a reader: typed text in, a `TimeHint`
out, built on the domain's date grammar (`domain.dates.read_follow_up`, or
`domain.calendar.read_planned_time` when planning). The same reader drives the Input's
Textual `Validator`, so "is this a time I can use?" has one answer everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from kindcheck.domain.calendar import PlannedTime
from kindcheck.widgets import css_beside
from kindcheck.widgets.hint_line import update_hint
from kindcheck.widgets.literal import user_text

Tone = Literal["", "warning", "error"]


@dataclass(frozen=True)
class TimeHint:
    """What a typed time means: the moment (if any), whether it is an answer the form can
    take ("none" can be one), and the line to show under the field."""

    at: DateTime | None
    usable: bool
    text: Content
    tone: Tone = ""  # "error" or "warning" colour the whole line; "" leaves `text` as styled

    @classmethod
    def planned(cls, reading: PlannedTime) -> TimeHint:
        """A planning reading: usable when it has a moment; a warning stays usable."""
        usable = reading.at is not None
        tone: Tone = "error" if not usable else "warning" if reading.warning else ""
        return cls(reading.at, usable, user_text(reading.message), tone)


TimeReader = Callable[[str], TimeHint]


class TimeValidator(Validator):
    """Valid when the reader can use the typed text; the failure says why, in its words."""

    def __init__(self, read: TimeReader) -> None:
        super().__init__()
        self.read = read

    def validate(self, value: str) -> ValidationResult:
        hint = self.read(value)
        return self.success() if hint.usable else self.failure(hint.text.plain, value)


class TimeEntry(Vertical):
    """An Input for a time and, under it, what it was understood as (or why not)."""

    DEFAULT_CSS = css_beside(__file__)

    class Submitted(Message):
        """Enter was pressed in the field; `hint` is what it holds now."""

        def __init__(self, entry: TimeEntry, hint: TimeHint) -> None:
            super().__init__()
            self.entry = entry
            self.hint = hint

        @property
        def control(self) -> TimeEntry:
            return self.entry

    def __init__(
        self,
        read: TimeReader,
        value: str = "",
        *,
        placeholder: str = "",
        input_id: str,
        hint_id: str,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._read = read
        self._initial = value
        self._placeholder = placeholder
        self._ids = (input_id, hint_id)

    def compose(self) -> ComposeResult:
        input_id, hint_id = self._ids
        yield Input(
            self._initial,
            placeholder=self._placeholder,
            validators=[TimeValidator(self._read)],
            validate_on=["changed", "submitted"],
            id=input_id,
        )
        yield Static("", id=hint_id, classes="time-hint")

    def on_mount(self) -> None:
        self.show()

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def hint(self) -> TimeHint:
        """What the field means right now (read afresh: "now" and the person may change)."""
        return self._read(self.value)

    def show(self) -> TimeHint:
        """Say under the field what it means now, and return that."""
        hint = self.hint
        self.say(hint.text, hint.tone)
        return hint

    def say(self, text: Content, tone: Tone = "") -> None:
        """Put `text` on the line under the field (a reason to refuse, say)."""
        line = self.query_one(".time-hint", Static)
        update_hint(line, text)
        line.set_class(tone == "error", "-error")
        line.set_class(tone == "warning", "-warning")

    @on(Input.Changed)
    def _changed(self) -> None:
        # Not stopped: the form saves its draft on every change.
        self.show()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, self.show()))
