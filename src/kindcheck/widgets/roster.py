"""The team roster: everyone active, the ones needing attention first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pendulum import DateTime
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.events import Resize
from textual.widgets import DataTable

from kindcheck.domain.cadence import CadenceState, CadenceStatus, attention_order, cadence_status
from kindcheck.domain.dates import format_ago, format_relative_day
from kindcheck.domain.model import Person
from kindcheck.domain.nudges import roster_signal
from kindcheck.domain.summary import PersonSummary
from kindcheck.widgets import css_beside
from kindcheck.widgets.literal import user_rich
from kindcheck.widgets.privacy import veil
from kindcheck.widgets.tones import Tones, tones

BOLD, ITALIC = Style(bold=True), Style(italic=True)
MOOD_BARS = "▁▂▄▆█"  # mood 1..5
MOOD_SHOWN = 6


@dataclass(frozen=True, slots=True)
class RosterRow:
    """One person as the roster shows them."""

    person: Person
    summary: PersonSummary
    status: CadenceStatus
    has_draft: bool = False


def roster_rows(
    people: Iterable[Person],
    summaries: Mapping[str, PersonSummary],
    now: DateTime,
    drafts: Iterable[str] = (),
) -> list[RosterRow]:
    """Active people sorted most-needing-attention first (overdue, due, never, then by date)."""
    waiting = set(drafts)
    rows = []
    for person in people:
        if person.archived:
            continue
        summary = summaries.get(person.id) or PersonSummary(person.id)
        status = cadence_status(person, summary.last_checkin_at, now)
        rows.append(RosterRow(person, summary, status, person.id in waiting))

    def order(row: RosterRow) -> tuple:
        upcoming = row.summary.next_followup
        return (
            *attention_order(row.status, upcoming.at if upcoming else None),
            row.person.name.casefold(),
        )

    return sorted(rows, key=order)


def mood_trend(moods: list[int], tone: Tones) -> Text:
    """The latest moods as little bars: low ones in the theme's error colour, good ones in
    its success colour."""
    styles = (tone.error, tone.error, tone.warning, tone.success, tone.success)
    text = Text()
    for mood in moods[-MOOD_SHOWN:]:
        text.append(MOOD_BARS[mood - 1], style=styles[mood - 1])
    return text


def status_text(status: CadenceStatus, tone: Tones) -> Text:
    """The cadence status with a marker that draws the eye to who needs a conversation."""
    if status.state is CadenceState.OVERDUE:
        return Text.assemble(("● ", tone.error + BOLD), (status.describe(), tone.error))
    if status.state is CadenceState.DUE:
        return Text.assemble(("● ", tone.warning + BOLD), (status.describe(), tone.warning))
    if status.state is CadenceState.NEVER:
        return Text.assemble(("○ ", tone.warning), (status.describe(), "italic"))
    return Text(status.describe(), style="dim")


def next_followup_text(summary: PersonSummary, now: DateTime, tone: Tones) -> Text:
    upcoming = summary.next_followup
    if upcoming is None:
        return Text("—", style="dim")
    at = upcoming.at.in_timezone(now.timezone) if now.timezone else upcoming.at
    days = at.date().toordinal() - now.date().toordinal()
    if days < 0:
        return Text(f"missed {at.format('D MMM')}", style=tone.warning)
    if days <= 1:
        style = "bold" if days == 0 else ""
        return Text(f"{format_relative_day(at.date(), now.date())} {at.format('HH:mm')}", style)
    if days < 7:
        return Text(at.format("ddd HH:mm"))
    return Text(at.format("D MMM" if at.year == now.year else "D MMM YYYY"))


# Columns in display order; the optional ones are dropped (first listed first) when the
# roster is too narrow, so it never needs scrolling sideways.
COLUMNS = (
    ("name", "Name"),
    ("role", "Role"),
    ("last", "Last check-in"),
    ("next", "Next follow-up"),
    ("mood", "Mood"),
    ("cadence", "Cadence"),
    ("signal", "Heads-up"),
)
DROPPABLE = ("signal", "role", "mood", "next")


class Roster(DataTable[Text]):
    """The people on the team; moving the cursor selects a person."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="roster.down"),
        Binding("k", "cursor_up", "Up", show=False, id="roster.up"),
        Binding(
            "enter",
            "select_cursor",
            "Check in",
            show=False,
            tooltip="Check in with the highlighted person",
            id="roster.check_in",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.border_title = "Team"
        self._rows: list[RosterRow] = []
        self._now: DateTime | None = None
        self._masked = False
        self._columns: tuple[str, ...] = ()
        # Made once per `show`: a resize only picks other columns from the same cells.
        self._cells_shown: list[dict[str, Text]] = []
        self._fill_on_resize: str | None = None  # whom to keep under the cursor then

    @property
    def person_ids(self) -> list[str]:
        return [row.person.id for row in self._rows]

    @property
    def highlighted_person_id(self) -> str | None:
        """The person under the cursor, if there is anyone."""
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)].person.id

    def show(self, rows: list[RosterRow], now: DateTime, *, masked: bool, keep: str | None) -> None:
        """Fill the table, keeping the cursor on `keep` when they are still here."""
        self._rows, self._now, self._masked = rows, now, masked
        self._cells_shown = [self._cells(row) for row in rows]
        if self.size.width:
            self._fill_on_resize = None
            self._rebuild(keep)
        else:
            # Not laid out yet: the first resize fills the table once, with the columns that
            # fit, instead of filling it now and again a frame later.
            self._fill_on_resize = keep or ""

    def select_person(self, person_id: str) -> bool:
        """Move the cursor to a person; False when they are not on the roster."""
        if person_id not in self.person_ids:
            return False
        if self._fill_on_resize is not None:
            self._fill_on_resize = person_id
        self.move_cursor(row=self.person_ids.index(person_id))
        return True

    def on_resize(self, event: Resize) -> None:
        if self._fill_on_resize is not None:
            keep, self._fill_on_resize = self._fill_on_resize, None
            self._rebuild(keep)
        elif self._rows and self._fitting_columns(self._cells_shown) != self._columns:
            self._rebuild(self.highlighted_person_id)

    def _fitting_columns(self, cells: list[dict[str, Text]]) -> tuple[str, ...]:
        """The columns that fit the roster's width, dropping optional ones as needed."""
        available = self.scrollable_content_region.width
        widths = {
            key: max([len(title), *(c[key].cell_len for c in cells)]) + 2 * self.cell_padding
            for key, title in COLUMNS
        }
        keys = [key for key, _ in COLUMNS]
        for optional in DROPPABLE:
            if available <= 0 or sum(widths[k] for k in keys) <= available:
                break
            keys.remove(optional)
        return tuple(keys)

    def _rebuild(self, keep: str | None) -> None:
        cells = self._cells_shown
        columns = self._fitting_columns(cells)
        if columns != self._columns:
            self._columns = columns
            self.clear(columns=True)
            for key, title in COLUMNS:
                if key in columns:
                    self.add_column(title, key=key)
        else:
            self.clear()
        for row, row_cells in zip(self._rows, cells, strict=True):
            self.add_row(*(row_cells[key] for key in columns), key=row.person.id)
        if keep in self.person_ids:
            self.move_cursor(row=self.person_ids.index(keep), animate=False)

    def _cells(self, row: RosterRow) -> dict[str, Text]:
        now = self._now
        assert now is not None
        name = user_rich(
            row.person.name, "bold" if row.status.needs_attention else "", one_line=True
        )
        if row.has_draft:
            name.append(" (draft)", style="italic dim")
        last_at = row.summary.last_checkin_at
        tone = tones(self)
        return {
            "name": name,
            "role": user_rich(veil(row.person.role, self._masked), "dim", one_line=True),
            "last": Text(format_ago(last_at, now)) if last_at else Text("never", style="dim"),
            "next": next_followup_text(row.summary, now, tone),
            "mood": mood_trend(row.summary.moods, tone),
            "cadence": status_text(row.status, tone),
            "signal": Text(roster_signal(row.person, row.summary, now), style=tone.accent + ITALIC),
        }
