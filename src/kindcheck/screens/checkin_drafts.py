"""Keeping the check-in form's draft: at most about a second behind the typing, and on disk
before the form closes.

A part of `CheckInScreen`. The writes themselves happen in the store's draft writer
(`kindcheck.draft_writer`), off the event loop: a Tab or a key never waits for the disk.
Leaving the form or closing the app waits for the last draft; a write that fails is said once,
and the form stays open with the text in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer

from kindcheck.domain.checkin_draft import CheckInFields, draft_payload
from kindcheck.draft_writer import DraftWriter, Written

if TYPE_CHECKING:
    from textual.screen import Screen

    from kindcheck.domain.clock import Clock


class DraftWritten(Message):
    """A draft write of this form ended (posted from the writer's thread)."""

    def __init__(self, written: Written) -> None:
        super().__init__()
        self.written = written


class KeepsDraft:
    """Mixin for CheckInScreen: the draft timer, the writer, and what its results mean."""

    _person_id: str
    _clock: Clock
    _writer: DraftWriter
    # The fields as last handed to the writer; a draft is written only when they differ.
    _kept: dict[str, object]
    _draft_timer: Timer | None
    _draft_failing: bool
    _finished: bool
    _latest: CheckInFields | None
    _ticket: int | None  # the newest write asked for
    _answered: int  # the newest write whose result the form has shown

    # How far behind the typing the draft may fall; tests may shorten it.
    draft_delay: float = 1.0

    if TYPE_CHECKING:  # provided by CheckInScreen

        def fields(self) -> CheckInFields: ...

        def _set_status(self, text: str) -> None: ...

    def _start_drafts(self, writer: DraftWriter, kept: dict[str, object]) -> None:
        self._writer = writer
        self._kept = kept
        self._draft_timer = None
        self._draft_failing = False
        self._ticket = None
        self._answered = 0

    def _typed(self) -> None:
        """Something in the form changed: the draft follows within `draft_delay`."""
        screen: Screen[object] = self  # type: ignore[assignment]
        self._latest = self.fields()
        # A timer that is not reset while typing keeps the draft at most `draft_delay` behind.
        if not self._finished and self._draft_timer is None:
            self._draft_timer = screen.set_timer(self.draft_delay, self._draft_due)

    def _draft_due(self) -> None:
        self._draft_timer = None
        self._send(self.fields())

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _send(self, fields: CheckInFields) -> None:
        """Hand the fields to the writer when they differ from the last ones handed over."""
        data = fields.to_dict()
        if self._finished or data == self._kept:
            return
        payload = None if fields.is_blank else draft_payload(fields, self._clock())
        self._kept = data
        self._ticket = self._writer.put(self._person_id, payload, self._written_behind)

    def _written_behind(self, written: Written) -> None:
        # The writer's thread: posting a message is the thread-safe way back to the form.
        screen: Screen[object] = self  # type: ignore[assignment]
        screen.post_message(DraftWritten(written))

    def on_draft_written(self, message: DraftWritten) -> None:
        self._draft_written(message.written)

    def save_draft(self) -> bool:
        """Keep what is typed in the store now (waiting for the writer). True when it is safe
        on disk."""
        screen: Screen[object] = self  # type: ignore[assignment]
        self._stop_draft_timer()
        if self._finished or not screen.is_mounted:
            return True
        self._send(self.fields())
        if self._ticket is None:
            return True  # nothing typed since the form opened
        written = self._writer.wait(self._person_id, self._ticket)
        self._draft_written(written)
        return written.error is None

    def _draft_written(self, written: Written) -> None:
        """Show how a write ended, once: results come back by message and by `save_draft`."""
        screen: Screen[object] = self  # type: ignore[assignment]
        if written.ticket <= self._answered or self._finished:
            return
        self._answered = written.ticket
        if written.error is not None:
            if written.ticket == self._ticket:
                self._kept = {}  # not on disk: the next change, or leaving, tries again
            if not self._draft_failing:
                screen.notify(
                    str(written.error), title="Draft not saved", severity="error", markup=False
                )
                self._set_status("The draft could not be saved just now; your text is still here.")
            self._draft_failing = True
        elif self._draft_failing and written.ticket == self._ticket:
            self._draft_failing = False
            self._set_status("The draft is saved again.")

    def _keep_on_closing(self) -> None:
        """The app is closing with the form open: keep the typing, quietly. The widgets may
        already be gone, hence the copy taken at the last change."""
        if self._finished:
            return
        self._stop_draft_timer()
        fields = self._latest
        if fields is not None and not fields.is_blank:
            self._send(fields)
        if self._ticket is not None:
            self._writer.wait(self._person_id, self._ticket)
