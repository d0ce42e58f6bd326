"""Move a planned follow-up to another time, saying quietly what a new time clashes with
(the leader's meetings and the other planned follow-ups), as the planner does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from pendulum import Date, DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from kindcheck.domain.calendar import WorkingHours, read_planned_time, week_start_of
from kindcheck.domain.clock import Clock, zone_of
from kindcheck.domain.dates import Understood
from kindcheck.domain.free_time import Busy, clash, clash_message, planned_as_busy
from kindcheck.domain.model import FollowUp, Person, ValidationError
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsStore, kindcheck_app
from kindcheck.widgets.literal import user_text
from kindcheck.widgets.privacy import is_masked, veil
from kindcheck.widgets.time_entry import TimeEntry, TimeHint

if TYPE_CHECKING:
    from textual.app import App

    from kindcheck.vdir.busy import BusyWeeks

# Said under the field while the week's meetings are read (a clash may still show up).
READING = "looking at your calendar…"
# Busy stretches between two moments: the leader's meetings (see kindcheck.vdir.busy).
BusyLookup = Callable[[DateTime, DateTime], Sequence[Busy]]


def followup_line(followup: FollowUp, now: DateTime, *, masked: bool = False) -> str:
    """"Mon 23 Nov 14:00, today · Staging access": a planned follow-up in a few words."""
    at = followup.at.in_timezone(now.timezone)
    when = Understood(at, has_time=True).describe(now)
    return f"{when} · {veil(followup.topic, masked)}" if followup.topic else when


class RescheduleDialog(ShowsStore, TypingGoesToText, ModalScreen[DateTime | None]):
    """Type a new time for a follow-up; saves with `store.reschedule_followup`.

    A day without a time keeps the follow-up's hour ("fri" moves 14:00 to Friday 14:00).
    A time that clashes with a meeting (`busy`, by default the `[calendar] read` folders) or
    another planned follow-up can still be chosen; the line under it says what it clashes
    with. Dismisses with the new time, or None when the leader keeps it as it was.
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
        *,
        busy: BusyLookup | None = None,
        minutes: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.person = person
        self.followup = followup
        self.working_hours = working_hours or WorkingHours()
        self._busy_lookup = busy
        self._minutes = minutes
        self._planned: list[Busy] | None = None
        self._meetings_on: dict[Date, Sequence[Busy]] = {}  # read once a day, not per key
        self._reading: Date | None = None  # the week (its first day) read in a thread now

    # -- what is taken -------------------------------------------------------------------------

    @property
    def minutes(self) -> int:
        """How long the conversation is (the calendar's `duration`)."""
        if self._minutes is None:
            self._minutes = kindcheck_app(self).settings.calendar.duration_minutes
        return self._minutes

    def _meetings(self, day: Date) -> Sequence[Busy] | None:
        """The leader's meetings on `day`, or None while they are being read.

        Asked of the shared reader's cache (the week view's weeks, vdir/busy.py); a week it
        does not know yet is read in a thread and the clash line is said again once it is
        known: the event loop never waits on calendars."""
        if day in self._meetings_on:
            return self._meetings_on[day]
        if self._busy_lookup is not None:  # given by the caller: asked as it is
            start = DateTime.create(day.year, day.month, day.day, tz=zone_of(self.clock()))
            try:
                self._meetings_on[day] = self._busy_lookup(start, start.add(days=1))
            except OSError:  # a calendar folder unreadable right now: as if free
                self._meetings_on[day] = []
            return self._meetings_on[day]
        weeks = self._weeks()
        first = week_start_of(day, kindcheck_app(self).settings.week_start)
        if weeks is None:  # no calendar to read: free
            return []
        try:
            found = weeks.week(first, wait=False)
        except OSError:
            found = {}
        if found is not None:
            self._know_week(first, found)
            return self._meetings_on[day]
        # One week read at a time: typing "2026-12-08" passes through a few weeks on the way,
        # and once a read is done the hint asks again for the week typed by then.
        if self._reading is None:
            self._reading = first
            # The app is taken here: a dialog left meanwhile has none to answer through.
            self.run_worker(partial(self._read_week, self.app, weeks, first), thread=True,
                            group="reschedule-busy", exit_on_error=False)
        return None

    def _weeks(self) -> BusyWeeks | None:
        from kindcheck.vdir.busy import busy_weeks

        return busy_weeks(kindcheck_app(self).settings.calendar.read, self.clock())

    def _know_week(self, first: Date, found: dict[Date, tuple[Busy, ...]]) -> None:
        for offset in range(7):
            day = first.add(days=offset)
            self._meetings_on[day] = found.get(day, ())

    def _read_week(self, app: App[object], weeks: BusyWeeks, first: Date) -> None:
        try:
            found = weeks.week(first, wait=True) or {}
        except OSError:
            found = {}
        app.call_from_thread(self._week_read, first, found)

    def _week_read(self, first: Date, found: dict[Date, tuple[Busy, ...]]) -> None:
        """A week's meetings are known: say the clash line again (reading the week of the
        day typed since, if that is another)."""
        self._reading = None
        self._know_week(first, found)
        if self.is_attached and self.is_mounted:
            self._update()

    def _other_followups(self) -> list[Busy]:
        """Every other planned follow-up (this one is moving away from its own time)."""
        if self._planned is None:
            try:
                people = {p.id: p for p in self.store.people() if not p.archived}
                summaries = self.store.summaries()
            except StoreError:
                return []
            planned = [(person.name, f.at) for pid, person in people.items()
                       for f in (summaries[pid].planned_followups if pid in summaries else ())
                       if f.id != self.followup.id]
            self._planned = planned_as_busy(planned, self.minutes, zone_of(self.clock()))
        return self._planned

    def _clash_line(self, at: DateTime) -> str:
        """"Clashes with a busy time 10:00–11:00", or "" when the time is free."""
        meetings = self._meetings(at.date())
        found = clash(at, self.minutes, [*(meetings or ()), *self._other_followups()])
        if found is not None:
            return clash_message(found)
        return READING if meetings is None else ""

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
        reading = read_planned_time(
            typed, now, self.person,
            default_time=(current.hour, current.minute), working_hours=self.working_hours,
        )
        if reading.at is not None:
            clashes = self._clash_line(reading.at)
            if clashes:  # allowed, said quietly under the field
                reading = replace(reading, message=f"{reading.message} · {clashes}",
                                  warning=clashes != READING)
        return TimeHint.planned(reading)

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
        self._planned = None  # the other follow-ups may have moved too
        self._update()
