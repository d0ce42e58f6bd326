"""Move a planned follow-up to another time."""

from __future__ import annotations

from pendulum import DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from kindcheck.domain.calendar import WorkingHours, read_planned_time
from kindcheck.domain.clock import Clock
from kindcheck.domain.dates import Understood
from kindcheck.domain.model import FollowUp, Person, ValidationError
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsStore
from kindcheck.widgets.literal import user_text
from kindcheck.widgets.privacy import is_masked, veil
from kindcheck.widgets.time_entry import TimeEntry, TimeHint


def followup_line(followup: FollowUp, now: DateTime, *, masked: bool = False) -> str:
    """"Mon 23 Nov 14:00, today · Staging access": a planned follow-up in a few words."""
    at = followup.at.in_timezone(now.timezone)
    when = Understood(at, has_time=True).describe(now)
    return f"{when} · {veil(followup.topic, masked)}" if followup.topic else when


class RescheduleDialog(ShowsStore, TypingGoesToText, ModalScreen[DateTime | None]):
    """Type a new time for a follow-up; saves with `store.reschedule_followup`.

    A day without a time keeps the follow-up's hour ("fri" moves 14:00 to Friday 14:00).
    Dismisses with the new time, or None when the leader keeps it as it was.
    """

    CSS_PATH = "reschedule.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Keep it", id="reschedule.cancel"),
        Binding("ctrl+s", "save", "Move it", id="reschedule.save"),
    ]

    def __init__(
        self,
        store: Store,
        clock: Clock,
        person: Person,
        followup: FollowUp,
        working_hours: WorkingHours | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.person = person
        self.followup = followup
        self.working_hours = working_hours or WorkingHours()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = f"Reschedule the follow-up with {self.person.name}"
            yield Static(user_text(title, one_line=True), classes="dialog-title")
            now_line = followup_line(self.followup, self.clock(), masked=is_masked(self.app))
            yield Static(user_text(f"Now: {now_line}", one_line=True), classes="current")
            yield Label("Move to")
            yield TimeEntry(
                self._hint, placeholder="fri, tomorrow 14:30, +3d, 2026-12-01",
                input_id="reschedule-when", hint_id="reschedule-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Move it", variant="primary", id="reschedule-save")
                yield Button("Keep it", id="reschedule-cancel")

    def _hint(self, typed: str) -> TimeHint:
        now = self.clock()
        current = self.followup.at.in_timezone(now.timezone)
        return TimeHint.planned(read_planned_time(
            typed, now, self.person,
            default_time=(current.hour, current.minute), working_hours=self.working_hours,
        ))

    def _update(self) -> None:
        self.query_one(TimeEntry).show()

    @on(TimeEntry.Submitted)
    @on(Button.Pressed, "#reschedule-save")
    def _submit(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#reschedule-cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    def action_save(self) -> None:
        """Move the follow-up, or say what is wrong and keep what was typed."""
        at = self.query_one(TimeEntry).show().at
        if at is None:
            return
        try:
            self.store.reschedule_followup(self.person.id, self.followup.id, at)
        except (StoreError, ValidationError) as error:
            self.notify(str(error), severity="error")
            return
        self.dismiss(at)

    def action_leave(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        """The store changed on disk: saving re-checks that the follow-up is still there."""
        self._update()
