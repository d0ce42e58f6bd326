"""Settle a text changed on two machines: keep one of the texts, or all of them joined."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kindcheck.domain.model import ValidationError
from kindcheck.store.errors import StoreError
from kindcheck.store.settle import Unsettled, joined
from kindcheck.store.store import Store
from kindcheck.widgets.literal import user_text
from kindcheck.widgets.privacy import is_masked, veil

FIELD_NAMES = {
    "how_they_are": "how they are",
    "their_words": "their own words",
    "what_matters": "what matters to them",
    "role": "role",
    "team": "team",
    "topic": "topic",
    "text": "text",
}
MOST_TEXTS = 9  # more would not fit; "keep both" joins them all


def settle_title(item: Unsettled, name: str) -> str:
    """"A note about Ada was changed on two machines": what the dialog (and Today) says."""
    kind = item.kind
    article = "An" if kind[0] in "aeiou" else "A"
    if item.table == "people" and item.field == "what_matters":
        return f"What matters to {name} was changed on two machines"
    if item.table == "people":
        return f"{name}'s {FIELD_NAMES.get(item.field, item.field)} was changed on two machines"
    return f"{article} {kind} about {name} was changed on two machines"


class SettleDialog(ModalScreen[bool]):
    """Both texts, shown as written; 1 or 2 keeps one, b keeps them all, joined.

    Saves with `store.settle` and dismisses with True; escape leaves it for later (False).
    """

    CSS_PATH = "settle.tcss"
    BINDINGS = [
        # A third machine's text (rare) has its own button.
        Binding("1", "keep(1)", "Keep 1", id="settle.first"),
        Binding("2", "keep(2)", "Keep 2", id="settle.second"),
        Binding("b", "keep_both", "Keep both", id="settle.both"),
        Binding("escape", "later", "Later", id="settle.later"),
    ]

    def __init__(self, store: Store, item: Unsettled, name: str) -> None:
        super().__init__()
        self.store = store
        self.item = item
        self.name_shown = name

    @property
    def texts(self) -> tuple[str, ...]:
        return self.item.texts[:MOST_TEXTS]

    def compose(self) -> ComposeResult:
        masked = is_masked(self.app)
        field = FIELD_NAMES.get(self.item.field, self.item.field.replace("_", " "))
        with Vertical(classes="dialog", id="settle"):
            yield Static(user_text(settle_title(self.item, self.name_shown), one_line=True),
                         classes="dialog-title")
            yield Static(f"Its {field} differs. Which should stay?", classes="hint")
            with VerticalScroll(id="settle-texts"):
                for number, text in enumerate(self.texts, start=1):
                    yield Static(f"{number}", classes="settle-number")
                    yield Static(user_text(veil(text, masked)), id=f"settle-text-{number}",
                                 classes="settle-text")
            with Horizontal(classes="dialog-buttons"):
                for number in range(1, len(self.texts) + 1):
                    yield Button(f"Keep {number} ({number})", id=f"settle-keep-{number}",
                                 compact=True)
                yield Button("Keep both (b)", id="settle-both", variant="primary", compact=True)
                yield Button("Later (esc)", id="settle-later", compact=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep" and parameters:
            number = parameters[0]
            return isinstance(number, int) and number <= len(self.texts)
        return True

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button.startswith("settle-keep-"):
            self.action_keep(int(button.rsplit("-", 1)[1]))
        elif button == "settle-both":
            self.action_keep_both()
        else:
            self.action_later()

    def action_keep(self, number: int) -> None:
        if 1 <= number <= len(self.texts):
            self._save(self.texts[number - 1])

    def action_keep_both(self) -> None:
        self._save(joined(self.item.texts, self.item.field))

    def action_later(self) -> None:
        self.dismiss(False)

    def _save(self, text: str) -> None:
        try:
            self.store.settle(self.item, text)
        except (StoreError, ValidationError) as error:
            self.notify(str(error), severity="error")
            return
        self.dismiss(True)

    def reload(self) -> None:
        """Nothing to redraw: saving checks the record is still there."""
