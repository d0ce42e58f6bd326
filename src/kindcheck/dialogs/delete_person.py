"""Deleting someone who left, for good: names what goes, and wants their name typed back.

Reached from the person editor (ctrl+g, or its Delete… button). Nothing is removed until
the name typed matches theirs (any case); escape keeps everything.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kindcheck.domain.model import Person
from kindcheck.domain.text import normalized
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import kindcheck_app
from kindcheck.widgets.literal import shown, user_text


def name_matches(typed: str, person: Person) -> bool:
    """Whether `typed` is the person's name (any case, spaces tidied)."""
    return normalized(" ".join(typed.split())).casefold() == person.name.casefold()


class DeletePersonDialog(TypingGoesToText, ModalScreen[bool]):
    """Answers True once the person is deleted, False when kept."""

    CSS_PATH = "delete_person.tcss"
    AUTO_FOCUS = "#delete-name"
    BINDINGS = [
        Binding("escape", "keep", "Keep", tooltip="Keep them and everything about them",
                id="delete_person.keep"),
    ]

    def __init__(self, store: Store, person: Person) -> None:
        super().__init__()
        self.store = store
        self.person = person

    def compose(self) -> ComposeResult:
        removal = self.store.removal_preview(self.person.id)
        name = self.person.name
        export = f'kindcheck export --format json --person "{name}"'
        with Vertical(id="delete-person") as box:
            box.border_title = Content(f"Delete {shown(name, one_line=True)} for good?")
            lines = [f"This removes {removal.describe()}.", *removal.consequences(),
                     f"Their data is theirs: to give it to them, first run: {export}"]
            yield Static(user_text("\n".join(lines)), id="delete-what")
            yield Static("Type their name to delete them:", id="delete-ask")
            yield Input(id="delete-name", placeholder=shown(name, one_line=True), compact=True)
            yield Static("", id="delete-error")
            with Horizontal(id="delete-buttons"):
                yield Button("Keep (esc)", id="keep", compact=True)
                yield Button("Delete for good", id="delete", variant="error", compact=True,
                             disabled=True)

    def reload(self) -> None:
        """What is counted was counted on opening; the typed name stays."""

    @on(Input.Changed, "#delete-name")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#delete", Button).disabled = not name_matches(event.value, self.person)
        self.query_one("#delete-error", Static).update("")

    @on(Input.Submitted, "#delete-name")
    def _submitted(self) -> None:
        self.action_delete()

    @on(Button.Pressed, "#delete")
    def _delete_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_delete()

    @on(Button.Pressed, "#keep")
    def _keep_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_keep()

    def action_keep(self) -> None:
        self.dismiss(False)

    def action_delete(self) -> None:
        typed = self.query_one("#delete-name", Input).value
        if not name_matches(typed, self.person):
            self.query_one("#delete-error", Static).update(
                user_text(f"Type {self.person.name} exactly to delete them.")
            )
            return
        try:
            removal = self.store.delete_person(self.person.id)
        except StoreError as error:
            self.notify(str(error), title="Not deleted", severity="error", timeout=10)
            return
        reports = f" {removal.reports_line()}." if removal.reports else ""
        self.notify(f"Deleted {removal.describe()}.{reports}", timeout=8)
        kindcheck_app(self).reload_screens()
        self.dismiss(True)
