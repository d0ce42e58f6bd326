"""Plan a follow-up: who, about what, and when, said back as it is typed."""

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
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from kindcheck.domain.calendar import WorkingHours, read_planned_time
from kindcheck.domain.clock import Clock, zone_of
from kindcheck.domain.free_time import (
    HORIZON_DAYS,
    PREFERRED,
    Busy,
    clash,
    clash_message,
    first_free_time,
    planned_as_busy,
)
from kindcheck.domain.model import FollowUp, Person, ValidationError
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsStore, kindcheck_app
from kindcheck.widgets.hint_line import update_hint
from kindcheck.widgets.literal import shown, user_text
from kindcheck.widgets.time_entry import TimeEntry, TimeHint

if TYPE_CHECKING:
    from kindcheck.vdir.busy import BusyCalendars

PLANNED_HOUR = PREFERRED  # a plain "fri" lands at 10:00, as the planner prefers
# Busy stretches between two moments: the leader's meetings (see kindcheck.vdir.busy).
BusyLookup = Callable[[DateTime, DateTime], Sequence[Busy]]


def fallback_start(day: Date, now: DateTime) -> DateTime:
    """10:00 on `day`, or the next whole hour if that passed: when nothing is free at all."""
    start = now.on(day.year, day.month, day.day).at(*PLANNED_HOUR)
    if start > now:
        return start
    next_hour = now.add(hours=1).start_of("hour")
    if next_hour.date() == now.date():
        return next_hour
    return now.add(days=1).at(*PLANNED_HOUR)


class PlanFollowUpDialog(ShowsStore, TypingGoesToText, ModalScreen[FollowUp | None]):
    """Choose a person, a topic and a time; saves with `store.add_followup`.

    The time offered first is free: inside working hours, clear of the leader's meetings
    (`busy`, by default the `[calendar] read` folders) and of other planned follow-ups. A
    clashing time can still be typed; the line under it says what it clashes with.
    Dismisses with the new follow-up, or None when the leader leaves. A failed save keeps
    everything typed and says why.
    """

    CSS_PATH = "plan_followup.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Cancel", id="plan_followup.cancel"),
        Binding("ctrl+s", "save", "Plan it", id="plan_followup.save"),
    ]
    start: DateTime  # the time proposed, set as the dialog is composed

    def __init__(
        self,
        store: Store,
        clock: Clock,
        day: Date,
        person: Person | None = None,
        working_hours: WorkingHours | None = None,
        *,
        topic: str = "",
        at: DateTime | None = None,
        busy: BusyLookup | None = None,
        minutes: int | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        now = clock()
        self.day = max(day, now.date())  # a day gone by cannot take a new plan
        self._proposed = at if at is not None and at > now else None
        self._busy_lookup = busy
        self._minutes = minutes
        self._planned: list[Busy] = []
        self._read_span: tuple[DateTime, DateTime, Sequence[Busy]] | None = None
        self._reading: list[tuple[DateTime, DateTime]] = []  # spans read in a thread now
        self.topic = topic
        self.person = person
        self.working_hours = working_hours or WorkingHours()

    # -- what is taken -------------------------------------------------------------------------

    @property
    def minutes(self) -> int:
        """How long the conversation is (the calendar's `duration`)."""
        if self._minutes is None:
            self._minutes = kindcheck_app(self).settings.calendar.duration_minutes
        return self._minutes

    def _meetings(self, start: DateTime, end: DateTime) -> Sequence[Busy] | None:
        """The leader's meetings in [start, end), or None while they are being read.

        The shared reader (vdir/busy.py) answers at once from its cache; when it would
        have to parse, the read goes to a thread and the dialog asks again once it is done:
        the event loop never waits on calendars."""
        if self._busy_lookup is not None:  # given by the caller: asked as it is
            try:
                return self._busy_lookup(start, end)
            except OSError:  # a calendar folder unreadable right now: plan as if free
                return []
        from kindcheck.vdir.busy import busy_calendars

        reader = busy_calendars(kindcheck_app(self).settings.calendar.read)
        try:
            found = reader.cached_between(start, end)
        except OSError:
            return []
        if found is not None:
            return found
        if not any(s <= start and end <= e for s, e in self._reading):
            self._reading.append((start, end))
            self.run_worker(partial(self._read_meetings, reader, start, end), thread=True,
                            group="planner-busy", exit_on_error=False)
        return None

    def _read_meetings(self, reader: BusyCalendars, start: DateTime, end: DateTime) -> None:
        try:
            found: Sequence[Busy] = reader.between(start, end)
        except OSError:
            found = []
        self.app.call_from_thread(self._meetings_read, start, end, found)

    def _meetings_read(self, start: DateTime, end: DateTime, found: Sequence[Busy]) -> None:
        """The meetings are known: move an untouched proposal clear of them, say the rest."""
        if (start, end) in self._reading:
            self._reading.remove((start, end))
        if not self.is_attached:
            return  # the leader left before the calendars were read
        if not self.is_mounted:  # read before the fields were up: answer once they are
            self._reading.append((start, end))
            self.call_after_refresh(self._meetings_read, start, end, found)
            return
        if self._read_span is None:
            self._read_span = (start, end, found)
        when = self.query_one(TimeEntry)
        if self._proposed is None and when.value == f"{self.start:%Y-%m-%d %H:%M}":
            moved = self._first_start()
            if moved != self.start:
                self.start = moved
                when.input.value = f"{moved:%Y-%m-%d %H:%M}"
                self.notify(f"Moved to {moved:%a %H:%M}, clear of your meetings.", timeout=4)
        self._update_when()

    def _read_planned(self) -> None:
        """Every planned follow-up, as busy stretches as long as this one would be."""
        try:
            people = {p.id: p for p in self.store.people() if not p.archived}
            summaries = self.store.summaries()
        except StoreError:
            return
        planned = [(person.name, f.at) for pid, person in people.items()
                   for f in (summaries[pid].planned_followups if pid in summaries else ())]
        self._planned = planned_as_busy(planned, self.minutes, zone_of(self.clock()))

    def _busy_on(self, day: Date, days: int = 1) -> list[Busy]:
        zone = zone_of(self.clock())
        start = DateTime.create(day.year, day.month, day.day, tz=zone)
        end = start.add(days=days)
        taken = [b for b in self._planned if b.overlaps(start, end)]
        read = self._read_span
        if read is not None and read[0] <= start and end <= read[1]:
            # Inside the days read for the first proposal: no new read as the leader types.
            meetings: Sequence[Busy] = [b for b in read[2] if b.overlaps(start, end)]
        else:
            found = self._meetings(start, end)
            # Still being read: planned as if free; the dialog asks again once they are known.
            meetings = found if found is not None else []
            if read is None and found is not None:
                self._read_span = (start, end, found)
        return [*meetings, *taken]

    def _first_start(self) -> DateTime:
        """The time offered: an initiative's proposal, or the day's first free time."""
        if self._proposed is not None:
            return self._proposed
        now = self.clock()
        busy = self._busy_on(self.day, HORIZON_DAYS + 1)
        found = first_free_time(self.day, now, busy, hours=self.working_hours,
                                minutes=self.minutes)
        return found or fallback_start(self.day, now)

    def compose(self) -> ComposeResult:
        self._read_planned()
        self.start = self._first_start()
        names = [p.name for p in self.store.people()]
        try:  # a topic can be an initiative: its name is offered as the leader types
            initiatives = [i.name for i in self.store.initiatives.all(include_done=False)]
        except StoreError:
            initiatives = []
        with Vertical(classes="dialog"):
            yield Static("Plan a follow-up", classes="dialog-title")
            yield Label("With")
            yield Input(
                shown(self.person.name, one_line=True) if self.person else "",
                placeholder="A name, like Sam",
                suggester=SuggestFromList(names, case_sensitive=False),
                id="plan-person",
            )
            yield Static("", id="plan-person-hint", classes="hint")
            yield Label("About")
            yield Input(
                shown(self.topic, one_line=True),
                placeholder="A topic, an initiative (optional)",
                suggester=SuggestFromList(initiatives, case_sensitive=False),
                id="plan-topic",
            )
            yield Label("When")
            yield TimeEntry(
                self._hint, f"{self.start:%Y-%m-%d %H:%M}",
                placeholder="fri 10:00, tomorrow, +3d, 2026-12-01 14:30",
                input_id="plan-when", hint_id="plan-when-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Plan it", variant="primary", id="plan-save")
                yield Button("Cancel", id="plan-cancel")

    def on_mount(self) -> None:
        self._update_person()
        self._update_when()

    # -- reading as the leader types ----------------------------------------------------------

    def _find_person(self) -> Person | None:
        """The person the name field points at, saying under it who (or why nobody)."""
        typed = self.query_one("#plan-person", Input).value
        hint = self.query_one("#plan-person-hint", Static)
        if not typed.strip():
            update_hint(hint, "Who is it with?")
            hint.add_class("-error")
            return None
        try:
            person = self.store.find_person(typed)
        except StoreError as error:
            update_hint(hint, user_text(str(error)))
            hint.add_class("-error")
            return None
        said = person.name + (f", {person.role}" if person.role else "")
        update_hint(hint, user_text(said, one_line=True))
        hint.remove_class("-error")
        return person

    def _hint(self, typed: str) -> TimeHint:
        reading = read_planned_time(
            typed, self.clock(), self.person,
            default_time=PLANNED_HOUR, working_hours=self.working_hours,
        )
        if reading.at is not None:
            found = clash(reading.at, self.minutes, self._busy_on(reading.at.date()))
            if found is not None:  # allowed, said quietly under the field
                message = f"{reading.message} · {clash_message(found)}"
                reading = replace(reading, message=message, warning=True)
        return TimeHint.planned(reading)

    def _update_person(self) -> None:
        self.person = self._find_person()

    def _update_when(self) -> None:
        self.query_one(TimeEntry).show()

    @on(Input.Changed, "#plan-person")
    def _person_changed(self) -> None:
        self._update_person()
        self._update_when()  # their clock may differ from the last person's

    @on(Input.Submitted, "#plan-person, #plan-topic")
    def _next_field(self) -> None:
        self.focus_next()

    @on(TimeEntry.Submitted)
    @on(Button.Pressed, "#plan-save")
    def _submit(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#plan-cancel")
    def _cancel_pressed(self) -> None:
        self.action_leave()

    # -- actions ------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Plan the follow-up, or say what is missing and keep the dialog open."""
        person = self._find_person()
        if person is None:
            self.query_one("#plan-person", Input).focus()
            return
        self.person = person
        when = self.query_one(TimeEntry)
        hint = when.show()
        if hint.at is None:
            when.input.focus()
            return
        topic = " ".join(self.query_one("#plan-topic", Input).value.split())
        try:
            followup = self.store.add_followup(FollowUp(person.id, hint.at, topic))
        except (StoreError, ValidationError) as error:
            self.notify(str(error), severity="error")
            return
        self.dismiss(followup)

    def action_leave(self) -> None:
        self.dismiss(None)

    def reload(self) -> None:
        """The store changed on disk: read the name and time again (typed text stays)."""
        self._read_span = None  # the meetings may have moved too: read them again
        self._read_planned()
        self._update_person()
        self._update_when()
