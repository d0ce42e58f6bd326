"""Starting a check-in over (ctrl+d): ask, then throw the draft away and empty the form.

A part of `CheckInScreen`, kept apart so the form's module stays about the form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Input, SelectionList, TextArea

from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.domain.checkin_draft import CheckInFields
from kindcheck.store.errors import StoreError
from kindcheck.widgets.checkin_labels import STATUS_DISCARDED
from kindcheck.widgets.literal import shown
from kindcheck.widgets.mood_picker import MoodPicker

if TYPE_CHECKING:
    from textual.screen import Screen

    from kindcheck.domain.model import Person
    from kindcheck.draft_writer import DraftWriter
    from kindcheck.store.store import Store


class DiscardsDraft:
    """Mixin for CheckInScreen: the discard action and its confirmation."""

    _store: Store
    _writer: DraftWriter
    _person_id: str
    _person: Person | None
    _kept: dict[str, object]
    _draft_failing: bool

    if TYPE_CHECKING:  # provided by CheckInScreen

        def fields(self) -> CheckInFields: ...

        def _stop_draft_timer(self) -> None: ...

        def _set_status(self, text: str) -> None: ...

    def action_discard_draft(self) -> None:
        """Ask, then throw the draft away and start the form over."""
        screen: Screen[object] = self  # type: ignore[assignment]
        has_draft = self._person_id in self._safe_draft_people()
        if not has_draft and self.fields().is_blank:
            screen.notify("There is no draft to discard.")
            return
        name = shown(self._person.name, one_line=True) if self._person else "this person"
        question = Content.assemble(
            ("Start this check-in over?", "bold"),
            f"\n\nEverything typed for {name} so far will be gone. This can't be undone.",
        )
        dialog = ConfirmDialog(question, yes="Discard", no="Keep typing")
        screen.app.push_screen(dialog, self._discard_answered)

    def _safe_draft_people(self) -> list[str]:
        try:
            return self._store.draft_people()
        except StoreError:
            return []

    def _discard_answered(self, discard: bool | None) -> None:
        if not discard:
            return
        screen: Screen[object] = self  # type: ignore[assignment]
        self._stop_draft_timer()
        try:
            # Through the draft writer, after any draft still waiting there: none comes back.
            self._writer.write_now(self._person_id, None)
        except StoreError as error:
            screen.notify(str(error), title="Draft not discarded", severity="error", markup=False)
            return
        self._kept = CheckInFields().to_dict()
        self._draft_failing = False
        for area in screen.query(".field-text").results(TextArea):
            area.clear()
        screen.query_one(MoodPicker).mood = None
        # Every Input: the follow-up, its topic, and each line about a report.
        for field in screen.query(Input).results(Input):
            field.value = ""
        screen.query_one("#resolve-missing", SelectionList).deselect_all()
        self._set_status(STATUS_DISCARDED)
        screen.query_one("#how-they-are", TextArea).focus()
