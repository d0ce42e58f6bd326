"""The calendar: a week (or a month) of follow-ups, check-ins done and commitments due.

The plan comes straight from the store's summaries, so it shows at once. Check-ins done
further back need every person's history; those load in a thread and fill in when ready,
and stay cached until the store changes.
"""

from __future__ import annotations

from typing import Literal

from pendulum import Date, DateTime
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
    WEEKDAY_ABBR,
    Calendar,
    CalendarItem,
    CalendarWeek,
    ItemKind,
)
from kindcheck.domain.clock import Clock
from kindcheck.domain.model import FollowUp, FollowUpStatus, PersonHistory, ValidationError
from kindcheck.messages import StoreChanged
from kindcheck.settings import Settings
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store
from kindcheck.widgets.month_view import MonthView
from kindcheck.widgets.week_view import WeekView

View = Literal["week", "month"]
# Actions that need a planned follow-up under the cursor.
_FOLLOWUP_ACTIONS = {"reschedule", "cancel_followup"}


class CalendarScreen(Screen[None]):
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
        Binding("enter", "open", "Open", id="calendar.open"),
        Binding("r", "reschedule", "Reschedule", id="calendar.reschedule"),
        Binding("x", "cancel_followup", "Cancel", id="calendar.cancel_followup"),
        Binding("left,h", "move_day(-1)", "Day before", show=False, id="calendar.left"),
        Binding("right,l", "move_day(1)", "Day after", show=False, id="calendar.right"),
        Binding("up,k", "move_item(-1)", "Up", show=False, id="calendar.up"),
        Binding("down,j", "move_item(1)", "Down", show=False, id="calendar.down"),
    ]

    class HistoriesLoaded(Message):
        """Every person's history, read in a thread for the check-ins done."""

        def __init__(self, histories: dict[str, PersonHistory], key: tuple) -> None:
            super().__init__()
            self.histories = histories
            self.key = key

    def __init__(self, store: Store, clock: Clock, settings: Settings | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.settings = settings or Settings()
        self.view: View = "week"
        self.selected: Date = clock().date()
        self.item_index = 0
        self._histories: dict[str, PersonHistory] | None = None
        self._histories_key: tuple | None = None  # what the loaded histories are good for
        self._loading_key: tuple | None = None
        self._calendar: Calendar | None = None
        self._week: CalendarWeek | None = None
        self._allowed: tuple[View, bool] | None = None  # what check_action last allowed

    def compose(self) -> ComposeResult:
        yield Static("", id="calendar-title")
        yield WeekView(id="week-view")
        yield MonthView(id="month-view")
        yield Static("", id="calendar-plan")
        yield Static("", id="calendar-detail")
        yield Footer()

    def on_mount(self) -> None:
        self._rebuild()

    def on_screen_resume(self) -> None:
        # A check-in or a dialog may have changed the store while we were covered.
        if self._calendar is not None:
            self._rebuild()

    def reload(self) -> None:
        """The store changed on disk: read the plan again and the histories in the background."""
        self._histories_key = None
        self._rebuild()

    # -- data ---------------------------------------------------------------------------------

    def _rebuild(self) -> None:
        """Assemble the calendar from the store's summaries (and histories, once loaded)."""
        summaries = self.store.summaries()
        key = tuple(sorted(
            (pid, s.checkin_count, s.kept_on_time + s.kept_late) for pid, s in summaries.items()
        ))
        fresh = self._histories if key == self._histories_key else None
        self._calendar = Calendar(self.store.people(), summaries, self.clock(), fresh)
        if key != self._histories_key and key != self._loading_key:
            self._loading_key = key
            self._load_histories(key)
        self._show()

    @work(thread=True, exclusive=True, group="calendar-histories")
    def _load_histories(self, key: tuple) -> None:
        try:
            histories = self.store.histories(include_archived=False)
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.post_message(self.HistoriesLoaded(histories, key))

    def on_calendar_screen_histories_loaded(self, message: HistoriesLoaded) -> None:
        if message.key != self._loading_key:
            return  # the store changed again while reading; a newer read is on its way
        self._histories, self._histories_key, self._loading_key = (
            message.histories, message.key, None
        )
        self._rebuild()

    # -- drawing ------------------------------------------------------------------------------

    @property
    def _loading(self) -> bool:
        return self._loading_key is not None

    def _show(self) -> None:
        assert self._calendar is not None
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
            week_view.show(self._week, day_index, self.item_index if items else None)
        else:
            month = self._calendar.month(self.selected.year, self.selected.month, week_start)
            month_view.show(month, self.selected)
        self._show_title()
        self._show_plan()
        self._show_detail()
        # The footer redraws on every bindings refresh: only ask when what is allowed changed.
        item = self.selected_item
        allowed = (self.view, item is not None and item.kind is ItemKind.FOLLOWUP)
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
            if int(self.settings.week_start) == 0:
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
            plan.update("Plan: " + " · ".join(u.describe() for u in unplanned))
        elif self._week.end < self.clock().date():
            plan.update("")
        else:
            plan.update("Everyone due this week has a follow-up planned.")
        plan.set_class(bool(unplanned), "-todo")

    def _show_detail(self) -> None:
        item = self.selected_item
        day = f"{WEEKDAY_ABBR[self.selected.weekday()]} {self.selected.day}"
        if item is None:
            text = f"{day}: nothing here yet. f plans a follow-up."
            if self.view == "month":
                text = f"{day}. enter opens its week · f plans a follow-up."
        elif item.kind is ItemKind.FOLLOWUP:
            text = f"{item.describe()} · enter: check in · r: reschedule · x: cancel"
        else:
            text = item.describe()
        self.query_one("#calendar-detail", Static).update(text)

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

    def _select_followup(self, day: Date, followup_id: str) -> None:
        assert self._calendar is not None
        items = self._calendar.day(day).items
        index = next(
            (i for i, item in enumerate(items)
             if item.followup is not None and item.followup.id == followup_id),
            0,
        )
        self.select(day, index)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _FOLLOWUP_ACTIONS:
            item = self.selected_item
            return item is not None and item.kind is ItemKind.FOLLOWUP
        if action == "open" and self.view == "week":
            item = self.selected_item
            return None if item is None or item.kind is not ItemKind.FOLLOWUP else True
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
        try:
            from kindcheck.screens.checkin import CheckInScreen
        except ImportError:
            self.notify("The check-in form is not available yet.", severity="warning")
            return
        self.app.push_screen(CheckInScreen(self.store, self.clock, item.person.id))

    def action_plan(self) -> None:
        """Plan a follow-up on the selected day, suggesting someone who still needs one."""
        assert self._week is not None
        if self._week.unplanned:
            person = self._week.unplanned[0].person
        else:
            item = self.selected_item
            person = item.person if item is not None else None
        day = self.selected

        def planned(followup: FollowUp | None) -> None:
            if followup is None:
                return
            self.post_message(StoreChanged(followup.person_id))
            self._rebuild()
            self._jump_to(followup)
            self.notify(f"Planned: {self.store.person(followup.person_id).name}.")

        dialog = PlanFollowUpDialog(
            self.store, self.clock, day, person, self.settings.working_hours
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
            self._jump_to(followup, at)

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

        question = (
            f"Cancel the follow-up with {person.name}, "
            f"{followup_line(followup, self.clock())}? It stays in their history as cancelled."
        )
        self.app.push_screen(ConfirmDialog(question, yes="Cancel it", no="Keep it"), answered)

    def _jump_to(self, followup: FollowUp, at: DateTime | None = None) -> None:
        """Show the week holding a follow-up with the cursor on it."""
        moment = (at or followup.at).in_timezone(self.clock().timezone)
        self._select_followup(moment.date(), followup.id)
