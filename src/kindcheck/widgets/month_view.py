"""A month on the calendar: a grid of days, each saying briefly what it holds.

The widget only draws; the calendar screen owns the selected day. An initiative's target
day carries its name ("◆ Q1 launch"), and a line under the grid says who still needs a
follow-up before it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pendulum import Date
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from kindcheck.domain.calendar import CalendarItem, CalendarMonth, DayPlan, ItemKind, weekday_name
from kindcheck.domain.initiatives import Coverage
from kindcheck.widgets import css_beside
from kindcheck.widgets.initiative_list import InitiativeList, day_marks, in_month
from kindcheck.widgets.literal import shown


def short_line(item: CalendarItem) -> Text:
    """One short line for an item in a month cell: "14:00 Ada", "✓ Mika", "☐ Sam"."""
    name = shown(item.short_name, one_line=True)
    if item.kind is ItemKind.FOLLOWUP:
        assert item.at is not None
        return Text.assemble((f"{item.at:%H:%M} ", "bold"), name)
    if item.kind is ItemKind.CHECKIN:
        return Text.assemble(("✓ ", "bold"), name, style="dim")
    mark = "☑ " if item.done else "☐ "
    return Text.assemble((mark, "bold"), name, style="dim" if item.done else "")


# An initiative due on a day: its name (already veiled if need be), and whether anyone in it
# still has nothing planned before it.
Mark = tuple[str, bool]


def mark_line(mark: Mark) -> Text:
    """"◆ Q1 launch", bold while someone in it still needs a follow-up."""
    name, todo = mark
    return Text.assemble(("◆ ", "bold"), shown(name, one_line=True),
                         style="bold" if todo else "dim")


class MonthCell(Widget):
    """One day of the month grid; shows as many items as fit, then "+N more"."""

    def __init__(self, plan: DayPlan, *, selected: bool, marks: tuple[Mark, ...] = ()) -> None:
        classes = "-today" if plan.is_today else ""
        if not plan.in_month:
            classes += " -outside"
        if selected:
            classes += " -selected"
        super().__init__(classes=classes)
        self.plan = plan
        self.marks = marks

    def set_plan(self, plan: DayPlan, marks: tuple[Mark, ...] = ()) -> None:
        """Show another day in this cell."""
        if plan == self.plan and marks == self.marks:
            return
        self.plan, self.marks = plan, marks
        self.set_class(plan.is_today, "-today")
        self.set_class(not plan.in_month, "-outside")
        self.refresh()

    def render(self) -> Text:
        width = max(self.content_size.width, 1)
        height = max(self.content_size.height, 1)
        head = Text(str(self.plan.day.day), style="bold")
        if self.plan.is_today:
            head.append(" today")
        lines = [*map(mark_line, self.marks), *map(short_line, self.plan.items)]
        room = height - 1
        if len(lines) > room:
            shown = max(room - 1, 0)
            lines = [*lines[:shown], Text(f"+{len(lines) - shown} more", style="italic")]
        fitted = []
        for line in [head, *lines][:height]:
            line.truncate(width, overflow="ellipsis")
            fitted.append(line)
        return Text("\n").join(fitted)


class MonthView(Vertical):
    """The weekday names, then a grid of whole weeks covering the month."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.month: CalendarMonth | None = None
        self.selected: Date | None = None
        self.marks: Mapping[Date, tuple[Mark, ...]] = {}
        self._initiatives: tuple[Sequence[Coverage], Date | None, bool] = ((), None, False)

    def compose(self) -> ComposeResult:
        if self.month is None:
            return
        first_week = self.month.weeks[0]
        with Horizontal(classes="weekday-names"):
            for plan in first_week:
                yield Static(weekday_name(plan.day), classes="weekday-name")
        with Grid(classes="month-grid"):
            for week in self.month.weeks:
                for plan in week:
                    yield MonthCell(plan, selected=plan.day == self.selected,
                                    marks=self.marks.get(plan.day, ()))
        initiatives = InitiativeList(classes="initiatives")
        self._show_initiatives(initiatives)
        yield initiatives

    def _show_initiatives(self, initiatives: InitiativeList) -> None:
        coverages, today, masked = self._initiatives
        initiatives.show(coverages, today or self.selected or Date.today(), masked=masked)

    def show(
        self,
        month: CalendarMonth,
        selected: Date,
        coverages: Sequence[Coverage] = (),
        *,
        today: Date | None = None,
        masked: bool = False,
    ) -> None:
        """Draw `month` with the day `selected` marked, and where its initiatives stand."""
        self.selected = selected
        shown_here = in_month(coverages, month)
        self.marks = day_marks(shown_here, masked=masked)
        self._initiatives = (shown_here, today, masked)
        for initiatives in self.query(InitiativeList):
            self._show_initiatives(initiatives)
        cells = list(self.query(MonthCell))
        plans = [plan for week in month.weeks for plan in week]
        if self.month is None or len(cells) != len(plans):
            self.month = month
            self.refresh(recompose=True)
            return
        if month != self.month:
            # Paging months reuses the cells: rebuilding them costs a redraw.
            self.month = month
        for cell, plan in zip(cells, plans, strict=True):
            cell.set_plan(plan, self.marks.get(plan.day, ()))
        for cell in cells:
            if cell.has_class("-selected") != (cell.plan.day == selected):
                cell.set_class(cell.plan.day == selected, "-selected")
