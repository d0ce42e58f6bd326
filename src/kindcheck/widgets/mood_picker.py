"""A one-line mood picker for the check-in form: digits 1–5, arrows to move, 0 to clear."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from kindcheck.widgets import css_beside

MOOD_WORDS = {1: "struggling", 2: "low", 3: "okay", 4: "good", 5: "great"}


class MoodPicker(Widget, can_focus=True):
    """Mood from 1 (struggling) to 5 (great), or none: mood is optional."""

    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        *(
            Binding(str(n), f"choose({n})", f"Mood {n}", id=f"mood.{n}", show=False)
            for n in range(1, 6)
        ),
        # No letter keys here: a letter typed on the picker goes on to the next field.
        Binding("right", "step(1)", "Higher mood", id="mood.higher", show=False),
        Binding("left", "step(-1)", "Lower mood", id="mood.lower", show=False),
        Binding("0,backspace,delete", "choose(0)", "No mood", id="mood.clear", show=False),
    ]

    mood: reactive[int | None] = reactive(None, init=False)

    @dataclass
    class Changed(Message):
        """The mood was chosen, moved or cleared."""

        picker: MoodPicker
        mood: int | None

        @property
        def control(self) -> MoodPicker:
            return self.picker

    def __init__(
        self, mood: int | None = None, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(MoodPicker.mood, mood)

    def render(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        for n in range(1, 6):
            chip = f" {n} "
            if n == self.mood:
                parts.append((chip, "bold reverse" if self.has_focus else "bold underline"))
            else:
                parts.append(chip)
        word = MOOD_WORDS.get(self.mood or 0, "not chosen")
        parts.append((f"  {word} · 1–5, 0 clears", "dim"))
        return Content.assemble(*parts)

    def action_choose(self, mood: int) -> None:
        """Pick a mood; 0 means none."""
        self.mood = mood if 1 <= mood <= 5 else None

    def action_step(self, delta: int) -> None:
        """Move the mood up or down, starting from the middle when none is chosen."""
        start = self.mood if self.mood is not None else 3 - delta
        self.mood = max(1, min(5, start + delta))

    def watch_mood(self, mood: int | None) -> None:
        self.post_message(self.Changed(self, mood))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
