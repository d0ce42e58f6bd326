"""The calendar: a week (or a month) of follow-ups, check-ins done and commitments due.

The plan comes straight from the store's summaries, so it shows at once. Check-ins done
further back need every person's history; those load in a thread and fill in when ready,
and stay cached until the store changes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from pendulum import Date, DateTime, WeekDay
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from kindcheck.dialogs.confirm import ConfirmDialog
from kindcheck.dialogs.plan_followup import PlanFollowUpDialog
from kindcheck.dialogs.reschedule import RescheduleDialog, followup_line
from kindcheck.domain.calendar import (
    Calendar,
    CalendarItem,
    CalendarWeek,
    ItemKind,
    weekday_name,
)
from kindcheck.domain.clock import Clock
from kindcheck.domain.model import FollowUp, FollowUpStatus, PersonHistory, ValidationError
from kindcheck.messages import StartCheckIn, StoreChanged
from kindcheck.screens.calendar_initiatives import PlansForInitiatives
from kindcheck.settings import Settings
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.vdir.busy import busy_weeks
from kindcheck.widgets.app_link import ShowsPersonalText, ShowsStore
from kindcheck.widgets.literal import user_text
from kindcheck.widgets.month_view import MonthView
from kindcheck.widgets.privacy import PrivacyBanner, is_masked, veil
from kindcheck.widgets.week_view import WeekView

View = Literal["week", "month"]
# Actions that need a planned follow-up under the cursor.
_FOLLOWUP_ACTIONS = {"reschedule", "cancel_followup"}


class CalendarScreen(ShowsStore, ShowsPersonalText, PlansForInitiatives, Screen[None]):
    """Week and month views of the leader's calendar, for planning and following up."""

    CSS_PATH = "calendar.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="calendar.back"),
        Binding("left_square_bracket", "page(-1)", "Prev", key_display="[",
                id="calendar.previous"),
        Binding("right_square_bracket", "page(1)", "Next", key_display="]", id="calendar.next"),
        Binding("t", "today", "Today", id="calendar.today"),
        Binding("m", "toggle_view", "Week/Month", id="calendar.toggle_view"),
        Binding("f", "plan", "Plan", id="calendar.plan"),
        Binding("i", "plan_initiative", "Plan for initiative", id="calendar.plan_initiative"),
        Binding("enter", "open", "Open", id="calendar.open"),
        Binding("r", "reschedule", "Reschedule", id="calendar.reschedule"),
        Binding("x", "cancel_followup", "Cancel", id="calendar.cancel_followup"),
        Binding("left,h", "move_day(-1)", "Day before", show=False, id="calendar.left"),
        Binding("right,l", "move_day(1)", "Day after", show=False, id="calendar.right"),
        Binding("up,k", "move_item(-1)", "Up", show=False, id="calendar.up"),
        Binding("down,j", "move_item(1)", "Down", show=False, id="calendar.down"),
    ]

    class HistoriesLoaded(Message):
        """Every person's history, read in a thread for the check-ins done (or why not)."""

        def __init__(
            self,
            generation: int,
            key: tuple,
            histories: dict[str, PersonHistory] | None,
            problem: str = "",
        ) -> None:
            super().__init__()
            self.generation = generation
            self.key = key
            self.histories = histories
            self.problem = problem

    def __init__(self, store: Store, clock: Clock, settings: Settings | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.settings = settings or Settings()
        self.view: View = "week"
        self.selected: Date = clock().date()
        self.item_index = 0
        self._histories: dict[str, PersonHistory] | None = None
        self._histories_key: tuple | None = None  # the store's state the histories match
        self._reading: int | None = None  # which read is under way, if any
        self._reads = 0
        self._calendar: Calendar | None = None
        self._week: CalendarWeek | None = None
        self._allowed: tuple[View, bool] | None = None  # what check_action last allowed

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        yield Static("", id="calendar-title")
        yield WeekView(id="week-view")
        yield MonthView(id="month-view")
        yield Static("", id="calendar-plan")
        yield Static("", id="calendar-detail")
        yield Footer()

    def privacy_changed(self, masked: bool) -> None:
        self._show()

    def on_screen_resume(self) -> None:
        # On first showing, and after a check-in or a dialog that may have changed the store.
        self._rebuild()

    def reload(self) -> None:
        """The store changed (on disk or in another screen): show it.

        The histories are read again only when the summaries say the past changed (a check-in
        or a kept commitment more or less); a new follow-up needs no re-read.
        """
        self._rebuild()

    # -- data ---------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Assemble the calendar from the summaries and the histories read so far."""
        summaries = self.store.summaries()
        key = tuple(sorted(
            (pid, s.checkin_count, s.kept_on_time + s.kept_late) for pid, s in summaries.items()
        ))
        # Histories a little behind are still right about the past; the summaries add the news.
        self._calendar = Calendar(self.store.people(), summaries, self.clock(), self._histories)
        self._read_initiatives()
        if key != self._histories_key and self._reading is None:
            self._reads += 1
            self._reading = self._reads
            self._load_histories(self._reads, key)
        self._show()

    @work(thread=True, exclusive=True, group="calendar-histories")
    def _load_histories(self, generation: int, key: tuple) -> None:
        try:
            histories = self.store.histories(include_archived=False)
        except StoreError as error:
            self.post_message(self.HistoriesLoaded(generation, key, None, str(error)))
            return
        self.post_message(self.HistoriesLoaded(generation, key, histories))

    def on_calendar_screen_histories_loaded(self, message: HistoriesLoaded) -> None:
        if message.generation != self._reading:
            return  # an older read, overtaken by a newer one
        self._reading = None
        # Even a failed read settles this state of the store: no retrying until it changes.
        self._histories_key = message.key
        if message.histories is None:
            self.notify(message.problem, severity="error")
        else:
            self._histories = message.histories
        self._rebuild()

    # -- drawing ------------------------------------------------------------------------------

    @property
    def _loading(self) -> bool:
        return self._reading is not None

    def _show(self) -> None:
        if self._calendar is None:
            return  # not shown yet: the first resume builds it
        week_view = self.query_one(WeekView)
        month_view = self.query_one(MonthView)
        week_view.display = self.view == "week"
        month_view.display = self.view == "month"
        week_start = self.settings.week_start
        self._week = self._calendar.week(self.selected, week_start)
        day_index = (self.selected - self._week.start).days
        items = self._week.days[day_index].items
        self.item_index = min(max(self.item_index, 0), max(len(items) - 1, 0))
        if self.view == "week":
            week_view.show(
                self._week, day_index, self.item_index if items else None,
                masked=is_masked(self),
                busy=busy_weeks(self.settings.calendar.read, self.clock()),  # meetings
            )
        else:
            month = self._calendar.month(self.selected.year, self.selected.month, week_start)
            month_view.show(month, self.selected, self._coverages, today=self.clock().date(),
                            masked=is_masked(self))
        self._show_title()
        self._show_plan()
        self._show_detail()
        # The footer redraws on every bindings refresh: only ask when what is allowed changed.
        item = self.selected_item
        allowed = (self.view, item is not None and item.kind is ItemKind.FOLLOWUP,
                   self.initiative_to_plan() is not None)
        if allowed != self._allowed:
            self._allowed = allowed
            self.refresh_bindings()

    def _show_title(self) -> None:
        assert self._week is not None
        today = self.clock().date()
        if self.view == "month":
            title = self.selected.format("MMMM YYYY")
            if (self.selected.year, self.selected.month) == (today.year, today.month):
                title += " · this month"
        else:
            title = f"Week of {self._week.title()}"
            if self.settings.week_start is WeekDay.MONDAY:  # ISO week numbers start Mondays
                title = f"Week {self._week.start.isocalendar()[1]} · {self._week.title()}"
            if self._week.start <= today <= self._week.end:
                title += " · this week"
        if self._loading:
            title += " · reading earlier check-ins…"
        self.query_one("#calendar-title", Static).update(title)

    def _show_plan(self) -> None:
        assert self._week is not None
        plan = self.query_one("#calendar-plan", Static)
        unplanned = self._week.unplanned
        if unplanned:
            plan.update(user_text("Plan: " + " · ".join(u.describe() for u in unplanned)))
        elif self._week.end < self.clock().date():
            plan.update("")
        else:
            plan.update("Everyone due this week has a follow-up planned.")
        plan.set_class(bool(unplanned), "-todo")

    def _show_detail(self) -> None:
        item = self.selected_item
        day = f"{weekday_name(self.selected)} {self.selected.day}"
        if item is None:
            text = f"{day}: nothing here yet. f plans a follow-up."
            if self.view == "month":
                text = f"{day}. enter opens its week · {self.plan_hint(self.selected)}."
        else:
            if is_masked(self):
                item = replace(item, text=veil(item.text, masked=True))
            text = item.describe()
            if item.kind is ItemKind.FOLLOWUP:
                text += " · enter: check in · r: reschedule · x: cancel"
        self.query_one("#calendar-detail", Static).update(user_text(text, one_line=True))

    # -- selection ----------------------------------------------------------------------------

    @property
    def selected_item(self) -> CalendarItem | None:
        """The item under the cursor in the week view, if any."""
        if self.view != "week" or self._week is None:
            return None
        items = self._week.days[(self.selected - self._week.start).days].items
        return items[self.item_index] if 0 <= self.item_index < len(items) else None

    def select(self, day: Date, item_index: int = 0) -> None:
        """Move the cursor to `day` (and one of its items) and redraw."""
        self.selected, self.item_index = day, item_index
        self._show()

    def _select_followup(self, followup_id: str, at: DateTime) -> None:
        """Put the cursor on a follow-up, on its day (the week or month moves along)."""
        assert self._calendar is not None
        day = at.in_timezone(self.clock().timezone).date()
        items = self._calendar.day(day).items
        index = next(
            (i for i, item in enumerate(items)
             if item.followup is not None and item.followup.id == followup_id),
            0,
        )
        self.select(day, index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "plan_initiative":  # in the month, while an initiative has people to plan
            return self.view == "month" and self.initiative_to_plan() is not None
        if self.view == "month":
            return action not in _FOLLOWUP_ACTIONS  # enter opens a week; r and x hide
        if action in _FOLLOWUP_ACTIONS or action == "open":
            # None dims the key but keeps it in place, so the footer does not jump about.
            item = self.selected_item
            return True if item is not None and item.kind is ItemKind.FOLLOWUP else None
        return True

    # -- actions ------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_move_day(self, step: int) -> None:
        self.select(self.selected.add(days=step))

    def action_move_item(self, step: int) -> None:
        if self.view == "month":
            self.select(self.selected.add(days=7 * step))
        else:
            self.select(self.selected, self.item_index + step)

    def action_page(self, step: int) -> None:
        """Previous or next week (or month), keeping the weekday (or the day of the month)."""
        if self.view == "month":
            self.select(self.selected.add(months=step))
        else:
            self.select(self.selected.add(weeks=step))

    def action_today(self) -> None:
        self.select(self.clock().date())

    def action_toggle_view(self) -> None:
        self.view = "month" if self.view == "week" else "week"
        self.select(self.selected)

    def action_open(self) -> None:
        """Month: open the selected day's week. Week: start the check-in for a follow-up."""
        if self.view == "month":
            self.view = "week"
            self.select(self.selected)
            return
        item = self.selected_item
        if item is None or item.kind is not ItemKind.FOLLOWUP:
            return
        # The App opens the check-in form and refreshes every screen once it is done.
        self.post_message(StartCheckIn(item.person.id))

    def action_plan(self) -> None:
        """Plan a follow-up on the selected day, suggesting someone who still needs one.

        In the month, on or a few days before an initiative's target: plan for its people."""
        if self.view == "month" and (coverage := self.initiative_to_plan(near=self.selected)):
            return self.plan_for(coverage)
        assert self._week is not None
        if self._week.unplanned:
            person = self._week.unplanned[0].person
        else:
            item = self.selected_item
            person = item.person if item is not None else None

        def planned(followup: FollowUp | None) -> None:
            if followup is None:
                return
            self.post_message(StoreChanged(followup.person_id))
            self._rebuild()
            self._select_followup(followup.id, followup.at)
            self.notify(f"Planned: {self.store.person(followup.person_id).name}.")

        dialog = PlanFollowUpDialog(
            self.store, self.clock, self.selected, person, self.settings.working_hours
        )
        self.app.push_screen(dialog, planned)

    def action_reschedule(self) -> None:
        item = self.selected_item
        if item is None or item.followup is None:
            return
        followup = item.followup

        def moved(at: DateTime | None) -> None:
            if at is None:
                return
            self.post_message(StoreChanged(followup.person_id))
            self._rebuild()
            self._select_followup(followup.id, at)

        dialog = RescheduleDialog(
            self.store, self.clock, item.person, followup, self.settings.working_hours
        )
        self.app.push_screen(dialog, moved)

    def action_cancel_followup(self) -> None:
        item = self.selected_item
        if item is None or item.followup is None:
            return
        person, followup = item.person, item.followup

        def answered(cancel: bool | None) -> None:
            if not cancel:
                return
            try:
                self.store.set_followup_status(person.id, followup.id, FollowUpStatus.CANCELLED)
            except (StoreError, ValidationError) as error:
                self.notify(str(error), severity="error")
                return
            self.post_message(StoreChanged(person.id))
            self.notify(f"Cancelled the follow-up with {person.name}.")
            self._rebuild()

        # A plain str: the dialog shows it literally (names and topics are never markup).
        question = (
            f"Cancel the follow-up with {person.name}, "
            f"{followup_line(followup, self.clock(), masked=is_masked(self))}? "
            "It stays in their history as cancelled."
        )
        self.app.push_screen(ConfirmDialog(question, yes="Cancel it", no="Keep it"), answered)
