"""A quick note about the selected person: one line, progress or missing."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, RadioButton, RadioSet, Static

from kindcheck.domain.clock import Clock
from kindcheck.domain.model import Note, NoteKind, Person, ValidationError
from kindcheck.external_editor import open_in_editor
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.literal import shown, user_text


class QuickNote(TypingGoesToText, ModalScreen[Note | None]):
    """Type a line, pick progress or missing, press enter. Saves itself; keeps text on failure."""

    CSS_PATH = "quick_note.tcss"
    AUTO_FOCUS = "#note-text"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="quick_note.save"),
        Binding(
            "ctrl+t",
            "toggle_kind",
            "Progress/missing",
            tooltip="Switch between progress and missing",
            id="quick_note.toggle_kind",
        ),
        Binding(
            "escape", "cancel", "Cancel", tooltip="Close without saving", id="quick_note.cancel"
        ),
        Binding("ctrl+o", "editor", "Editor", tooltip="Write the note in your $EDITOR",
                id="quick_note.editor"),
    ]

    def __init__(
        self, store: Store, clock: Clock, person: Person, kind: NoteKind = NoteKind.PROGRESS
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.person = person
        self.initial_kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(id="quick-note") as box:
            box.border_title = Content(f"A note about {shown(self.person.name, one_line=True)}")
            yield Input(id="note-text", placeholder="What happened, or what is in their way?")
            yield Static("", id="note-error")
            # Not a tab stop: ctrl+t (or a click) switches, so every key typed goes to the note.
            with RadioSet(id="note-kind") as kind:
                kind.can_focus = False
                yield RadioButton(
                    "Progress — going well",
                    value=self.initial_kind is NoteKind.PROGRESS,
                    id="kind-progress",
                )
                yield RadioButton(
                    "Missing — something in the way (stays open until resolved)",
                    value=self.initial_kind is NoteKind.MISSING,
                    id="kind-missing",
                )
            yield Static("enter save · ctrl+t progress/missing · esc cancel", id="note-hint")

    def reload(self) -> None:
        """The typed line stays as it is."""

    @property
    def kind(self) -> NoteKind:
        missing = self.query_one("#kind-missing", RadioButton).value
        return NoteKind.MISSING if missing else NoteKind.PROGRESS

    def action_toggle_kind(self) -> None:
        target = "#kind-progress" if self.kind is NoteKind.MISSING else "#kind-missing"
        self.query_one(target, RadioButton).value = True

    def action_save(self) -> None:
        text = self.query_one("#note-text", Input).value
        error = self.query_one("#note-error", Static)
        try:
            note = Note(self.person.id, self.kind, text.strip(), self.clock())
            self.store.add_note(note)
        except ValidationError as problem:
            error.update(user_text(str(problem)))
            error.add_class("-shown")
            return
        except StoreError as problem:
            self.notify(str(problem), title="Not saved", severity="error", timeout=10)
            return
        self.dismiss(note)

    def action_editor(self) -> None:
        open_in_editor(self)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.query_one("#note-error", Static).remove_class("-shown")
