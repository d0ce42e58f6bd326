"""Plan a follow-up: who, about what, and when, said back as it is typed."""

from __future__ import annotations

from pendulum import Date, DateTime
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from kindcheck.domain.calendar import WorkingHours, read_planned_time
from kindcheck.domain.clock import Clock
from kindcheck.domain.model import FollowUp, Person, ValidationError
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsStore
from kindcheck.widgets.literal import shown, user_text
from kindcheck.widgets.time_entry import TimeEntry, TimeHint

PLANNED_HOUR = (10, 0)


def first_free_time(day: Date, now: DateTime) -> DateTime:
    """The time a new plan starts at: 10:00 on `day`, or the next whole hour if that passed."""
    start = now.on(day.year, day.month, day.day).at(*PLANNED_HOUR)
    if start > now:
        return start
    next_hour = now.add(hours=1).start_of("hour")
    if next_hour.date() == now.date():
        return next_hour
    return now.add(days=1).at(*PLANNED_HOUR)


class PlanFollowUpDialog(ShowsStore, TypingGoesToText, ModalScreen[FollowUp | None]):
    """Choose a person, a topic and a time; saves with `store.add_followup`.

    Dismisses with the new follow-up, or None when the leader leaves. A failed save keeps
    everything typed and says why.
    """

    CSS_PATH = "plan_followup.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Cancel", id="plan_followup.cancel"),
        Binding("ctrl+s", "save", "Plan it", id="plan_followup.save"),
    ]

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
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        now = clock()
        self.day = max(day, now.date())  # a day gone by cannot take a new plan
        # A time proposed for an initiative comes filled in; otherwise the day's first free one.
        self.start = at if at is not None and at > now else first_free_time(self.day, now)
        self.topic = topic
        self.person = person
        self.working_hours = working_hours or WorkingHours()

    def compose(self) -> ComposeResult:
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
            hint.update("Who is it with?")
            hint.add_class("-error")
            return None
        try:
            person = self.store.find_person(typed)
        except StoreError as error:
            hint.update(user_text(str(error)))
            hint.add_class("-error")
            return None
        said = person.name + (f", {person.role}" if person.role else "")
        hint.update(user_text(said, one_line=True))
        hint.remove_class("-error")
        return person

    def _hint(self, typed: str) -> TimeHint:
        return TimeHint.planned(read_planned_time(
            typed, self.clock(), self.person,
            default_time=PLANNED_HOUR, working_hours=self.working_hours,
        ))

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
        self._update_person()
        self._update_when()
