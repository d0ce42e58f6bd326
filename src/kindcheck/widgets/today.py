"""Today: follow-ups planned for today, people due or overdue, my commitments due or late."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pendulum import DateTime
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kindcheck.domain.cadence import CadenceState
from kindcheck.domain.dates import format_relative_day
from kindcheck.widgets import css_beside
from kindcheck.widgets.cut import (
    COMMITMENT_CELLS,
    LIST_NAME_CELLS,
    TOPIC_CELLS,
    cut,
    rows_room,
    share_line,
)
from kindcheck.widgets.privacy import veil
from kindcheck.widgets.tones import Tones, tones

if TYPE_CHECKING:
    from kindcheck.domain.agenda import Agenda  # built by the dashboard after the first frame
    from kindcheck.store.settle import Unsettled

FOLLOWUP, PERSON, COMMITMENT, SETTLE = "followup", "person", "commitment", "settle"
CANCELLED = "cancelled"  # a follow-up the calendar cancelled (widgets/today_calendar.py)
WIDTH = 34  # the pane's inside at 120 columns, until it is laid out
MISSED = "  (time passed)"


@dataclass(frozen=True, slots=True)
class TodayItem:
    """What an option in the Today list points at."""

    kind: str
    person_id: str
    record_id: str = ""

    @property
    def option_id(self) -> str:
        return f"{self.kind}:{self.person_id}:{self.record_id}"

    @classmethod
    def from_option_id(cls, option_id: str | None) -> TodayItem | None:
        if not option_id or option_id.count(":") != 2:
            return None
        kind, person_id, record_id = option_id.split(":")
        return cls(kind, person_id, record_id)


def settle_key(item: Unsettled) -> TodayItem:
    """The Today row of a text changed on two machines."""
    return TodayItem(SETTLE, item.person_id, f"{item.table}/{item.record_id}/{item.field}")


def agenda_options(
    agenda: Agenda, now: DateTime, masked: bool, tone: Tones,
    unsettled: Sequence[tuple[Unsettled, str]] = (), *, width: int = WIDTH,
) -> list[Option]:
    """The agenda as list options: section headings (not selectable) and actionable rows.

    `unsettled`: texts changed on two machines, each with the name of who it is about.
    `width`: the pane's, in cells: names and topics are cut so that a row takes two lines
    at most (the pane is narrow: one line would leave a topic or a promise a few letters).
    """
    room = rows_room(width)
    if agenda.is_clear and not unsettled:
        calm = Text("Nothing asks for you today. Enjoy it.", style="italic")
        return [Option(calm, disabled=True)]
    options: list[Option] = []

    def heading(title: str) -> None:
        if options:
            options.append(Option(Text(""), disabled=True))
        options.append(Option(Text(title, style="bold underline"), disabled=True))

    if unsettled:
        heading("Changed on two machines")
        for unsure, name in unsettled:
            said = f"{unsure.subject} was changed on two machines: settle it"
            line = Text.assemble((said, tone.warning))
            line.append(f" · {cut(name, LIST_NAME_CELLS)}", style="dim")  # on its own line
            options.append(Option(line, id=settle_key(unsure).option_id))
    if agenda.followups:
        heading("Follow-ups today")
        for item in agenda.followups:
            at = item.followup.at.in_timezone(now.timezone) if now.timezone else item.followup.at
            topic = veil(item.followup.topic, masked)
            fixed = 7 + (3 if topic else 0) + (len(MISSED) if item.missed else 0)
            name, topic = share_line(
                room, fixed, [(item.person.name, LIST_NAME_CELLS), (topic, TOPIC_CELLS)]
            )
            line = Text.assemble((at.format("HH:mm"), "bold"), "  ", name)
            if topic:
                line.append(f" · {topic}", style="dim")
            if item.missed:
                line.append(MISSED, style=tone.warning + Style(italic=True))
            key = TodayItem(FOLLOWUP, item.person.id, item.followup.id)
            options.append(Option(line, id=key.option_id))
    if agenda.people:
        heading("Due for a check-in")
        for entry in agenda.people:
            style = tone.error if entry.status.state is CadenceState.OVERDUE else tone.warning
            said = entry.status.describe()
            (name,) = share_line(room, len(said) + 3, [(entry.person.name, LIST_NAME_CELLS)])
            line = Text.assemble(name, " — ", (said, style))
            options.append(Option(line, id=TodayItem(PERSON, entry.person.id).option_id))
    if agenda.commitments:
        heading("My commitments")
        for promise in agenda.commitments:
            due = promise.commitment.due
            when = format_relative_day(due, now.date()) if due else ""
            due_said = f", late (due {when})" if promise.late else f", due {when}"
            # The promise is the row's point: cut only when very long (three lines or so).
            promised = cut(veil(promise.commitment.text, masked), COMMITMENT_CELLS)
            name = cut(promise.person.name, LIST_NAME_CELLS)
            line = Text.assemble("☐ ", promised)
            line.append(f" · for {name}", style="dim")
            line.append(due_said, style=tone.error if promise.late else tone.warning)
            key = TodayItem(COMMITMENT, promise.person.id, promise.commitment.id)
            options.append(Option(line, id=key.option_id))
    return options


def _unsettled_in_store(pane: OptionList) -> Sequence[tuple[Unsettled, str]]:
    from kindcheck.store.errors import StoreError
    from kindcheck.widgets.app_link import kindcheck_app

    try:
        return kindcheck_app(pane).store.to_settle_named()
    except (TypeError, StoreError):  # not inside kindcheck, or the index cannot be read now
        return ()


class TodayPane(OptionList):
    """Today's agenda; every row leads to a person, and a commitment can be ticked off."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="today.down"),
        Binding("k", "cursor_up", "Up", show=False, id="today.up"),
        Binding(
            "enter",
            "select",
            "Show person",
            tooltip="Show this person on the roster",
            id="today.select",
        ),
        Binding(
            "x",
            "done",
            "Mark done",
            tooltip="Mark the highlighted commitment done",
            id="today.done",
        ),
        Binding(
            "r",
            "restore",
            "Bring back",
            tooltip="Plan again the follow-up your calendar cancelled, and put it back there",
            id="today.restore",
        ),
    ]

    @dataclass
    class PersonChosen(Message):
        """Enter on a row: show this person."""

        person_id: str

    @dataclass
    class CommitmentDone(Message):
        """`x` on a commitment: the leader kept their promise."""

        person_id: str
        commitment_id: str

    @dataclass
    class RestoreFollowUp(Message):
        """`r` on a follow-up the calendar cancelled: plan it again (the App does)."""

        person_id: str
        followup_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Today"
        self._done_enabled: bool | None = None
        self._restore_enabled = False
        self._unsettled: dict[str, tuple[Unsettled, str]] = {}

    @property
    def highlighted_item(self) -> TodayItem | None:
        option = self.highlighted_option
        return TodayItem.from_option_id(option.id if option else None)

    def show(
        self, agenda: Agenda, now: DateTime, *, masked: bool,
        unsettled: Sequence[tuple[Unsettled, str]] | None = None,
    ) -> None:
        """Fill the list, keeping the highlight on the same row when it is still there.

        `unsettled`: texts changed on two machines, with who each is about (to settle here);
        by default the App's store is asked.
        """
        if unsettled is None:
            unsettled = _unsettled_in_store(self)
        previous = self.highlighted_option.id if self.highlighted_option else None
        self._unsettled = {settle_key(item).option_id: (item, name) for item, name in unsettled}
        width = self._row_width()
        self._shown_with = (agenda, now, masked, unsettled, width)
        options = agenda_options(agenda, now, masked, tones(self), unsettled, width=width)
        from kindcheck.widgets.app_link import kindcheck_app
        from kindcheck.widgets.today_calendar import cancelled_options

        # Follow-ups the leader's calendar cancelled, to bring back (kindcheck.calendar_app).
        options += cancelled_options(kindcheck_app(self).calendar.cancelled(), masked, width)
        self.set_options(options)
        ids = [option.id for option in self.options]
        if previous is not None and previous in ids:
            self.highlighted = ids.index(previous)
        else:
            self.action_first()

    def _row_width(self) -> int:
        # Room for a scrollbar too: rows must not wrap when the list grows long.
        width = self.scrollable_content_region.width
        return width - 2 if width > 2 else WIDTH

    def on_resize(self, event: Resize) -> None:
        # Rows are cut to the pane's width: cut them again for the new one.
        shown_with = getattr(self, "_shown_with", None)
        if shown_with is not None and shown_with[-1] != self._row_width():
            agenda, now, masked, unsettled, _ = shown_with
            self.show(agenda, now, masked=masked, unsettled=unsettled)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "done":
            item = self.highlighted_item
            # Greyed out in the footer unless a commitment is under the cursor.
            return (item is not None and item.kind == COMMITMENT) or None
        if action == "restore":
            item = self.highlighted_item
            return item is not None and item.kind == CANCELLED  # hidden elsewhere: it is rare
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        # Only when "done" changes: each refresh makes the Footer rebuild all its keys.
        item = self.highlighted_item
        enabled = item is not None and item.kind == COMMITMENT
        restore = item is not None and item.kind == CANCELLED  # `r` (calendar) likewise
        if enabled != self._done_enabled or restore != self._restore_enabled:
            self._done_enabled, self._restore_enabled = enabled, restore
            self.refresh_bindings()

    def action_done(self) -> None:
        item = self.highlighted_item
        if item is not None and item.kind == COMMITMENT:
            self.post_message(self.CommitmentDone(item.person_id, item.record_id))

    def action_restore(self) -> None:
        item = self.highlighted_item
        if item is not None and item.kind == CANCELLED:
            self.post_message(self.RestoreFollowUp(item.person_id, item.record_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = TodayItem.from_option_id(event.option.id)
        if item is not None and item.kind == SETTLE:
            self._settle(self._unsettled.get(event.option.id or ""))
        elif item is not None:
            self.post_message(self.PersonChosen(item.person_id))

    def _settle(self, found: tuple[Unsettled, str] | None) -> None:
        """Open the dialog that keeps one text, the other, or both."""
        if found is None:
            return
        from kindcheck.dialogs.settle import SettleDialog
        from kindcheck.widgets.app_link import kindcheck_app

        app = kindcheck_app(self)
        item, name = found

        def settled(done: bool | None) -> None:
            if done:
                app.notify("Settled.")
                app.reload_screens(item.person_id)

        app.push_screen(SettleDialog(app.store, item, name), settled)
