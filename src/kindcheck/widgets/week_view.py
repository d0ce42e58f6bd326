"""A week on the calendar: seven day columns of follow-ups, check-ins and commitments due,
and the leader's meetings as busy blocks among them at their times.

The widget draws; the calendar screen owns the selection and tells it what to show. Busy
blocks are only drawn (the cursor moves over follow-ups, check-ins and commitments): they
come from the leader's own calendars, read in a thread the first time a week is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pendulum import Date
from rich.text import Text
from textual import work
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
from kindcheck.domain.free_time import Busy
from kindcheck.vdir.busy import BusyWeeks
from kindcheck.widgets import css_beside
from kindcheck.widgets.app_link import kindcheck_app
from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import veil

BUSY = "busy"  # what a meeting says under the privacy mask (or when it has no title)

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


def busy_lines(block: Busy, *, masked: bool = False) -> Text:
    """A meeting's time and title; under the privacy mask just its time and "busy"."""
    text = Text()
    text.append(block.span(), style="bold")
    title = block.title.strip()
    text.append(f"\n{BUSY if masked or not title else shown(title, one_line=True)}")
    return text


class BusyCard(Widget):
    """One meeting from the leader's calendar in a day column: drawn, never selected."""

    def __init__(self, block: Busy, *, masked: bool) -> None:
        super().__init__()
        self.block = block
        self.masked = masked

    def render(self) -> Text:
        return busy_lines(self.block, masked=self.masked)


def _in_time_order(cards: list[ItemCard], busy: list[BusyCard]) -> Iterator[Widget]:
    """The day's cards with the meetings slotted in by their start; untimed ones last."""
    waiting = list(busy)
    for card in cards:
        at = card.item.at
        while waiting and (at is None or waiting[0].block.start <= at):
            yield waiting.pop(0)
        yield card
    yield from waiting


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
        self, plan: DayPlan, *, selected: bool, selected_item: int | None, masked: bool,
        busy: tuple[Busy, ...] = (),
    ) -> None:
        classes = "-today" if plan.is_today else ""
        if selected:
            classes += " -selected"
        super().__init__(classes=classes)
        self.plan = plan
        self.busy = busy
        self.masked = masked
        self._cards = self._make_cards(selected_item if selected else None)
        self._busy_cards = self._make_busy_cards()

    def _make_busy_cards(self) -> list[BusyCard]:
        return [BusyCard(block, masked=self.masked) for block in self.busy]

    def _make_cards(self, selected_item: int | None) -> list[ItemCard]:
        return [
            ItemCard(item, selected=index == selected_item, masked=self.masked)
            for index, item in enumerate(self.plan.items)
        ]

    def compose(self) -> ComposeResult:
        yield DayName(self.plan)
        with VerticalScroll(can_focus=False, classes="day-items"):
            yield from _in_time_order(self._cards, self._busy_cards)

    def set_plan(
        self, plan: DayPlan, selected_item: int | None, busy: tuple[Busy, ...] = ()
    ) -> None:
        """Show another day in this column, replacing only the cards that differ."""
        if plan == self.plan and busy == self.busy:
            return
        same_items = plan.items == self.plan.items and busy == self.busy
        if plan != self.plan:
            self.plan = plan
            self.set_class(plan.is_today, "-today")
            name = self.query_one(DayName)
            name.plan = plan
            name.refresh()
        if not same_items:
            self.busy = busy
            box = self.query_one(".day-items", VerticalScroll)
            box.remove_children()
            self._cards = self._make_cards(selected_item)
            self._busy_cards = self._make_busy_cards()
            box.mount_all(list(_in_time_order(self._cards, self._busy_cards)))

    def set_masked(self, masked: bool) -> None:
        """Veil or unveil the personal text on this day's cards."""
        self.masked = masked
        cards: Iterable[ItemCard | BusyCard] = [*self._cards, *self._busy_cards]
        for card in cards:
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
        self.busy: dict[Date, tuple[Busy, ...]] = {}  # the meetings of the week shown
        self._busy_source: BusyWeeks | None = None
        self._reading: tuple[BusyWeeks, Date] | None = None
        self._busy_stamp: int | None = None  # the read folders as the meetings shown saw them

    def on_mount(self) -> None:
        # On the app's own poll (the one that notices the store and the vdir changing).
        every = kindcheck_app(self).poll_seconds
        if every > 0:
            self.set_interval(every, self.check_busy, name="busy folders")

    def check_busy(self) -> bool:
        """Look at the `read` folders (a stat of each file, no reading) and, when something
        in them changed since the meetings shown were read, read the week again and redraw.

        vdirsyncer replaces a file (the folder's mtime moves); an editor may rewrite one in
        place (only that file's mtime moves): the stamp sees both. True when a read began."""
        source = self._busy_source
        if source is None or self.week is None or not self.display:
            return False
        stamp = source.reader.look()
        if stamp is None or stamp == self._busy_stamp:
            return False
        self.show(self.week, self.selected_day, self.selected_item, masked=self.masked,
                  busy=source)
        return True

    def compose(self) -> ComposeResult:
        if self.week is None:
            return
        for index, plan in enumerate(self.week.days):
            yield DayColumn(
                plan,
                selected=index == self.selected_day,
                selected_item=self.selected_item,
                masked=self.masked,
                busy=self.busy.get(plan.day, ()),
            )

    def show(
        self, week: CalendarWeek, day_index: int, item_index: int | None, *,
        masked: bool = False, busy: BusyWeeks | None = None,
    ) -> None:
        """Draw `week` with one day (and maybe one of its items) selected.

        `busy` gives the leader's meetings; a week not read yet is drawn without them and
        they follow from a thread."""
        self.selected_day, self.selected_item = day_index, item_index
        masked_changed, self.masked = masked != self.masked, masked
        self._busy_source = busy
        if busy is None:
            self.busy = {}
        else:
            found = busy.week(week.start, wait=False)
            if found is None and self._reading != (busy, week.start):
                self._reading = (busy, week.start)  # one read per week at a time
                self._read_busy(busy, week.start)
            if found is not None:
                self._busy_stamp = busy.reader.stamp
                self.busy = found
            elif self.week is None or self.week.start != week.start:
                self.busy = {}  # another week: its meetings follow
            # The same week read again (its folders changed): the old blocks stay till then.
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
            column.set_plan(plan, item_index if chosen else None, self.busy.get(plan.day, ()))
            column.select(chosen, item_index)
        self._reveal_selected()

    # Not exclusive: a read cannot be stopped half-way, and one overtaken is simply ignored.
    @work(thread=True, group="week-busy", exit_on_error=False)
    def _read_busy(self, source: BusyWeeks, first: Date) -> None:
        found = source.week(first, wait=True) or {}
        self.app.call_from_thread(self._busy_read, source, first, found)

    def _busy_read(
        self, source: BusyWeeks, first: Date, found: dict[Date, tuple[Busy, ...]]
    ) -> None:
        if self._reading == (source, first):
            self._reading = None
        if self.week is None or self.week.start != first or source != self._busy_source:
            return  # the week moved on while its meetings were read
        self.show(self.week, self.selected_day, self.selected_item, masked=self.masked,
                  busy=source)

    def _reveal_selected(self) -> None:
        for card in self.query(".-selected ItemCard.-selected"):
            card.scroll_visible(animate=False)
