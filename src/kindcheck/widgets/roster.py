"""The team roster: everyone active, the ones needing attention first, grouped by team
under a header row per team when there is more than one."""

from __future__ import annotations

from pendulum import DateTime
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable

from kindcheck.domain.teams import group_by_team
from kindcheck.widgets import css_beside
from kindcheck.widgets.roster_cells import (
    COLUMNS,
    DROPPABLE,
    INDENT,
    header_cells,
    person_cells,
)
from kindcheck.widgets.roster_lines import (
    HEADER_PREFIX,
    Line,
    TeamHeader,
    has_teams,
    line_key,
    roster_lines,
)
from kindcheck.widgets.roster_row import RosterRow, roster_rows
from kindcheck.widgets.team_label import team_content
from kindcheck.widgets.tones import Tones, tones

__all__ = ["Roster", "RosterRow", "roster_rows"]


class Roster(DataTable[Text]):
    """The people on the team, under a header per team when there are several; moving the
    cursor selects a person (or, on a header, their team)."""

    DEFAULT_CSS = css_beside(__file__)
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="roster.down"),
        Binding("k", "cursor_up", "Up", show=False, id="roster.up"),
        Binding(
            "enter",
            "select_cursor",
            "Check in",
            show=False,
            tooltip="Check in with the highlighted person (on a team: fold or unfold it)",
            id="roster.check_in",
        ),
        Binding(
            "space",
            "toggle_fold",
            "Fold",
            tooltip="Fold or unfold the highlighted team",
            id="roster.fold",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.border_title = "Team"
        self._rows: list[RosterRow] = []  # everyone, in attention order
        self._lines: list[Line] = []  # what the table shows, in order
        self._now: DateTime | None = None
        self._masked = False
        self._columns: tuple[str, ...] = ()
        # Made once per `show`: a resize only picks other columns from the same cells.
        self._cells_shown: list[dict[str, Text]] = []
        self._keys_shown: list[str] = []  # the table's row keys, as last filled
        self._fill_on_resize: str | None = None  # whom to keep under the cursor then
        # Cells made for a line are made again only when the line, the day, the mask or the
        # theme changed: the heads-up signal alone costs a fraction of a millisecond a person.
        # Two sets kept: with and without the indent under team headers (see `_squeezed`).
        self._made: dict[str, tuple[Line, dict[str, Text]]] = {}
        self._made_for: tuple[object, ...] = ()
        self._made_before: tuple[tuple[object, ...], dict[str, tuple[Line, dict[str, Text]]]]
        self._made_before = ((), {})
        # People sit in from their team's header only while that costs no column the flat
        # roster would show: grouping must never hide someone's next follow-up.
        self._squeezed = False
        self._tone: Tones | None = None
        # Kept while the app is open: how the leader likes to look at their teams.
        self.grouped = True
        self.folded: set[str] = set()
        self.team_filter: str | None = None

    @property
    def person_ids(self) -> list[str]:
        """Everyone on the roster, including people in a folded team or filtered out."""
        return [row.person.id for row in self._rows]

    @property
    def has_teams(self) -> bool:
        return has_teams(self._rows)

    @property
    def team_names(self) -> list[str]:
        return [team for team, _ in group_by_team(self._rows, lambda row: row.person.team)]

    def team_rows(self, team: str) -> list[RosterRow]:
        """The people of one team, in attention order."""
        return [row for row in self._rows if row.person.team == team]

    @property
    def highlighted_line(self) -> Line | None:
        if not self._lines:
            return None
        return self._lines[min(self.cursor_row, len(self._lines) - 1)]

    @property
    def highlighted_person_id(self) -> str | None:
        """The person under the cursor, if there is anyone (None on a team's header)."""
        line = self.highlighted_line
        return line.person.id if isinstance(line, RosterRow) else None

    @property
    def highlighted_team(self) -> TeamHeader | None:
        line = self.highlighted_line
        return line if isinstance(line, TeamHeader) else None

    def show(self, rows: list[RosterRow], now: DateTime, *, masked: bool, keep: str | None) -> None:
        """Fill the table, keeping the cursor on `keep` when they are still here (or on the
        highlighted team's header)."""
        if keep is None and self.highlighted_team is not None:
            keep = self.highlighted_team.key
        self._rows, self._now, self._masked = rows, now, masked
        if self.team_filter is not None and not self.team_rows(self.team_filter):
            self.team_filter = None  # the team is gone: show everyone again
            self._title()
        self._relayout(keep)

    def select_person(self, person_id: str) -> bool:
        """Move the cursor to a person, unfolding their team or lifting a filter that hides
        them; False when they are not on the roster."""
        row = next((r for r in self._rows if r.person.id == person_id), None)
        if row is None:
            return False
        team = row.person.team
        hidden = team in self.folded or self.team_filter not in (None, team)
        if person_id not in self._line_keys() and hidden:
            self.folded.discard(team)
            if self.team_filter is not None and self.team_filter != team:
                self.set_team_filter(None, keep=person_id)
            self._relayout(person_id)
        if self._fill_on_resize is not None:
            self._fill_on_resize = person_id
        self.move_cursor(row=self._line_keys().index(person_id))
        return True

    # -- folding, grouping, one team ---------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_fold":
            return self.highlighted_team is not None
        return True

    def action_toggle_fold(self) -> None:
        header = self.highlighted_team
        if header is None:
            return
        self.folded.symmetric_difference_update({header.status.team})
        self._relayout(header.key)

    def action_select_cursor(self) -> None:
        # On a header, enter folds; on a person it checks in, as before.
        if self.highlighted_team is not None:
            self.action_toggle_fold()
        else:
            super().action_select_cursor()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # A click on a header folds it (enter is handled above); it is no check-in.
        key = str(event.row_key.value)
        if key.startswith(HEADER_PREFIX):
            event.stop()
            self.folded.symmetric_difference_update({key.removeprefix(HEADER_PREFIX)})
            self._relayout(key)

    def set_grouped(self, grouped: bool) -> None:
        """Show teams under their headers, or everyone in one list."""
        keep = self._keep_for_change()
        self.grouped = grouped
        self._relayout(keep)

    def set_team_filter(self, team: str | None, *, keep: str | None = None) -> None:
        """Narrow the roster to one team (None: everyone)."""
        keep = keep or self._keep_for_change()
        self.team_filter = team
        if team is not None:
            self.folded.discard(team)
        self._title()
        self._relayout(keep)

    def _keep_for_change(self) -> str | None:
        # Going flat or narrowing from a header: the team's first person keeps the place.
        header = self.highlighted_team
        if header is not None:
            return header.status.person_ids[0] if header.status.person_ids else None
        return self.highlighted_person_id

    def _title(self) -> None:
        if self.team_filter is None:
            self.border_title = "Team"
        else:
            name = team_content(self.team_filter)
            self.border_title = Content.assemble("Team: ", name, " — esc shows everyone")

    # -- drawing -----------------------------------------------------------------------------

    def _line_keys(self) -> list[str]:
        return [line_key(line) for line in self._lines]

    def _relayout(self, keep: str | None) -> None:
        if self._now is None:
            return
        self._lines = roster_lines(
            self._rows, grouped=self.grouped, folded=self.folded, team_filter=self.team_filter
        )
        self._tone = tones(self)
        self._squeezed = False
        self._cells_shown = self._make_cells()
        if self._indented and self._indent_costs_a_column():
            self._squeezed = True
            self._cells_shown = self._make_cells()
        if self.size.width:
            self._fill_on_resize = None
            self._redraw(keep)
        else:
            # Not laid out yet: the first resize fills the table once, with the columns that
            # fit, instead of filling it now and again a frame later.
            self._fill_on_resize = keep or ""

    def on_resize(self, event: Resize) -> None:
        if self._fill_on_resize is not None:
            keep, self._fill_on_resize = self._fill_on_resize, None
            self._relayout(keep)  # now the width is known: the indent may not fit
        elif self._lines and (self._indented or self._squeezed or
                              self._fitting_columns(self._cells_shown) != self._columns):
            line = self.highlighted_line
            self._relayout(line_key(line) if line is not None else None)

    def _make_cells(self) -> list[dict[str, Text]]:
        assert self._now is not None
        made_for = (self._now.date(), self._masked, self._tone, self._indented)
        if made_for != self._made_for:
            before_for, before = self._made_before
            self._made_before = (self._made_for, self._made)
            self._made = before if before_for == made_for else {}
            self._made_for = made_for
        return [self._line_cells(line) for line in self._lines]

    def _indent_costs_a_column(self) -> bool:
        """True when the names' indent under team headers drops a column."""
        widths = self._widths(self._cells_shown)
        with_indent = self._fit(widths)
        names = [len("Name")] + [
            cells["name"].cell_len - (INDENT if isinstance(line, RosterRow) else 0)
            for line, cells in zip(self._lines, self._cells_shown, strict=True)
        ]
        widths["name"] = max(names) + 2 * self.cell_padding
        return len(self._fit(widths)) > len(with_indent)

    def _widths(self, cells: list[dict[str, Text]]) -> dict[str, int]:
        return {
            key: max([len(title), *(c[key].cell_len for c in cells)]) + 2 * self.cell_padding
            for key, title in COLUMNS
        }

    def _fitting_columns(self, cells: list[dict[str, Text]]) -> tuple[str, ...]:
        """The columns that fit the roster's width, dropping optional ones as needed."""
        return self._fit(self._widths(cells))

    def _fit(self, widths: dict[str, int]) -> tuple[str, ...]:
        available = self.scrollable_content_region.width
        keys = [key for key, _ in COLUMNS]
        for optional in DROPPABLE:
            if available <= 0 or sum(widths[k] for k in keys) <= available:
                break
            keys.remove(optional)
        return tuple(keys)

    def _redraw(self, keep: str | None) -> None:
        """Change only the cells that changed when every line stays where it was (a saved
        check-in that moves nobody); otherwise fill the table again."""
        keys = self._line_keys()
        if keys != self._keys_shown or self._fitting_columns(self._cells_shown) != self._columns:
            self._rebuild(keep)
            return
        for key, cells in zip(keys, self._cells_shown, strict=True):
            for column in self._columns:
                shown_cell = self.get_cell(key, column)
                if shown_cell is not cells[column] and shown_cell != cells[column]:
                    self.update_cell(key, column, cells[column], update_width=True)
        if keep is not None:
            self._move_to(keep)

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
        for line, line_cells in zip(self._lines, cells, strict=True):
            self.add_row(*(line_cells[key] for key in columns), key=line_key(line))
        first_fill, self._keys_shown = not self._keys_shown, self._line_keys()
        if keep:
            self._move_to(keep)
        elif first_fill:
            self._move_to_first_person()  # the day starts with people, not a team's header

    def _move_to(self, keep: str) -> None:
        keys = self._keys_shown
        if keep not in keys:
            # Folded away: their team's header stands in for them.
            row = next((r for r in self._rows if r.person.id == keep), None)
            keep = HEADER_PREFIX + row.person.team if row is not None else keep
        if keep in keys:
            self.move_cursor(row=keys.index(keep), animate=False)

    def _move_to_first_person(self) -> None:
        first = next((i for i, line in enumerate(self._lines) if isinstance(line, RosterRow)), 0)
        self.move_cursor(row=first, animate=False)

    @property
    def _indented(self) -> bool:
        # People sit a little in from their team's header.
        return self.grouped and self.team_filter is None and self.has_teams and not self._squeezed

    def _line_cells(self, line: Line) -> dict[str, Text]:
        key = line_key(line)
        made = self._made.get(key)
        if made is not None and made[0] == line:
            return made[1]
        tone = self._tone or tones(self)
        if isinstance(line, TeamHeader):
            cells = header_cells(line, tone)
        else:
            now = self._now
            assert now is not None
            cells = person_cells(line, now, tone, masked=self._masked,
                                 indent=bool(self._made_for[-1]))
        self._made[key] = (line, cells)
        return cells
