"""A week on the calendar: seven day columns of follow-ups, check-ins and commitments due.

The widget only draws; the calendar screen owns the selection and tells it what to show.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget

from kindcheck.domain.calendar import (
    CalendarItem,
    CalendarWeek,
    DayPlan,
    ItemKind,
    their_clock,
    weekday_name,
)
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import veil

# Below this many columns a card puts the time and the name on lines of their own.
COMPACT_WIDTH = 12


def item_lines(item: CalendarItem, *, compact: bool = False, masked: bool = False) -> Text:
    """The few short lines a day column shows for one item; the columns may be narrow.

    With the privacy mask on, topics and commitments are veiled; names and times stay.
    """
    gap = "\n" if compact else " "
    name = shown(item.short_name, one_line=True)
    text = Text()
    if item.kind is ItemKind.FOLLOWUP:
        assert item.at is not None
        text.append(f"{item.at:%H:%M}", style="bold")
        text.append(f"{gap}{name}")
        if item.their_time is not None:
            clock = their_clock(item.their_time, item.at)
            text.append(f"\n{clock} for {name}", style="dim")
        if item.text:
            text.append(f"\n{shown(veil(item.text, masked))}", style="italic")
        if item.missed:
            text.append("\nmissed", style="bold")
    elif item.kind is ItemKind.CHECKIN:
        assert item.at is not None
        text.append(f"✓ {item.at:%H:%M}", style="bold")
        text.append(f"{gap}{name}")
        text.append("\nchecked in" if item.mood is None else f"\nmood {item.mood}/5", style="dim")
    else:
        mark = "☑" if item.done else "☐"
        text.append(f"{mark} {name}", style="bold")
        if item.late:
            text.append(" · late")
        text.append(f"\n{shown(veil(item.text, masked))}")
    return text


class ItemCard(Widget):
    """One item in a day column."""

    def __init__(self, item: CalendarItem, *, selected: bool, masked: bool) -> None:
        classes = f"-{item.kind.value}"
        if item.missed or item.late:
            classes += " -attention"
        if item.done:
            classes += " -done"
        if selected:
            classes += " -selected"
        super().__init__(classes=classes)
        self.item = item
        self.masked = masked

    def render(self) -> Text:
        compact = self.content_size.width < COMPACT_WIDTH
        return item_lines(self.item, compact=compact, masked=self.masked)

    def on_mount(self) -> None:
        if self.has_class("-selected"):
            # After layout, so the column knows where the card sits.
            self.call_after_refresh(self.scroll_visible, animate=False)


class DayName(Widget):
    """A column's heading, "Mon 23 · today", shortened to "Mon 23 •" when narrow."""

    def __init__(self, plan: DayPlan) -> None:
        super().__init__(classes="day-name")
        self.plan = plan

    def render(self) -> str:
        day = self.plan.day
        label = f"{weekday_name(day)} {day.day}"
        if not self.plan.is_today:
            return label
        return f"{label} · today" if self.content_size.width >= len(label) + 8 else f"{label} •"


class DayColumn(Vertical):
    """One day: its name on top, then its items."""

    def __init__(
        self, plan: DayPlan, *, selected: bool, selected_item: int | None, masked: bool
    ) -> None:
        classes = "-today" if plan.is_today else ""
        if selected:
            classes += " -selected"
        super().__init__(classes=classes)
        self.plan = plan
        self.masked = masked
        self._cards = self._make_cards(selected_item if selected else None)

    def _make_cards(self, selected_item: int | None) -> list[ItemCard]:
        return [
            ItemCard(item, selected=index == selected_item, masked=self.masked)
            for index, item in enumerate(self.plan.items)
        ]

    def compose(self) -> ComposeResult:
        yield DayName(self.plan)
        with VerticalScroll(can_focus=False, classes="day-items"):
            yield from self._cards

    def set_plan(self, plan: DayPlan, selected_item: int | None) -> None:
        """Show another day in this column, replacing only the cards that differ."""
        if plan == self.plan:
            return
        same_items = plan.items == self.plan.items
        self.plan = plan
        self.set_class(plan.is_today, "-today")
        name = self.query_one(DayName)
        name.plan = plan
        name.refresh()
        if not same_items:
            box = self.query_one(".day-items", VerticalScroll)
            box.remove_children()
            self._cards = self._make_cards(selected_item)
            box.mount_all(self._cards)

    def set_masked(self, masked: bool) -> None:
        """Veil or unveil the personal text on this day's cards."""
        self.masked = masked
        for card in self._cards:
            card.masked = masked
            card.refresh()

    def select(self, selected: bool, item_index: int | None) -> None:
        """Mark the column selected or not, and which of its items is (if any)."""
        # Only touch what changes: every class change restyles the widget's subtree.
        if self.has_class("-selected") != selected:
            self.set_class(selected, "-selected")
        for index, card in enumerate(self._cards):
            wanted = selected and index == item_index
            if card.has_class("-selected") != wanted:
                card.set_class(wanted, "-selected")


class WeekView(Horizontal):
    """Seven day columns for one week."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.week: CalendarWeek | None = None
        self.selected_day = 0
        self.selected_item: int | None = None
        self.masked = False

    def compose(self) -> ComposeResult:
        if self.week is None:
            return
        for index, plan in enumerate(self.week.days):
            yield DayColumn(
                plan,
                selected=index == self.selected_day,
                selected_item=self.selected_item,
                masked=self.masked,
            )

    def show(
        self, week: CalendarWeek, day_index: int, item_index: int | None, *, masked: bool = False
    ) -> None:
        """Draw `week` with one day (and maybe one of its items) selected."""
        self.selected_day, self.selected_item = day_index, item_index
        masked_changed, self.masked = masked != self.masked, masked
        columns = list(self.query_children(DayColumn))
        if self.week is None or len(columns) != len(week.days):
            self.week = week
            self.refresh(recompose=True)
            return
        # Moving between weeks reuses the seven columns: rebuilding them costs a redraw.
        self.week = week
        for index, (column, plan) in enumerate(zip(columns, week.days, strict=True)):
            if masked_changed:
                column.set_masked(masked)
            chosen = index == day_index
            column.set_plan(plan, item_index if chosen else None)
            column.select(chosen, item_index)
        self._reveal_selected()

    def _reveal_selected(self) -> None:
        for card in self.query(".-selected ItemCard.-selected"):
            card.scroll_visible(animate=False)
