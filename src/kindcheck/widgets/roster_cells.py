"""What the roster's cells say: a person's row and a team's header, column by column."""

from __future__ import annotations

from pendulum import DateTime
from rich.style import Style
from rich.text import Text

from kindcheck.domain.cadence import CadenceState, CadenceStatus
from kindcheck.domain.dates import format_ago, format_relative_day
from kindcheck.domain.nudges import roster_signal
from kindcheck.domain.summary import PersonSummary
from kindcheck.widgets.cut import NAME_CELLS  # the longest names would push every column off
from kindcheck.widgets.literal import user_rich
from kindcheck.widgets.privacy import veil
from kindcheck.widgets.roster_lines import TeamHeader
from kindcheck.widgets.roster_row import RosterRow
from kindcheck.widgets.team_label import team_label
from kindcheck.widgets.tones import Tones

BOLD, ITALIC = Style(bold=True), Style(italic=True)
INDENT = 2  # people sit this far in from their team's header
MOOD_BARS = "▁▂▄▆█"  # mood 1..5
MOOD_SHOWN = 6


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


def person_cells(
    row: RosterRow, now: DateTime, tone: Tones, *, masked: bool, indent: bool = False
) -> dict[str, Text]:
    """One person's cells, by column key."""
    name = user_rich(row.person.name, "bold" if row.status.needs_attention else "", one_line=True)
    name.truncate(NAME_CELLS, overflow="ellipsis")
    if indent:
        name = Text(" " * INDENT) + name
    if row.has_draft:
        name.append(" (draft)", style="italic dim")
    last_at = row.summary.last_checkin_at
    return {
        "name": name,
        "role": user_rich(veil(row.person.role, masked), "dim", one_line=True),
        "last": Text(format_ago(last_at, now)) if last_at else Text("never", style="dim"),
        "next": next_followup_text(row.summary, now, tone),
        "mood": mood_trend(row.summary.moods, tone),
        "cadence": status_text(row.status, tone),
        "signal": Text(roster_signal(row.person, row.summary, now), style=tone.accent + ITALIC),
    }


def header_cells(header: TeamHeader, tone: Tones) -> dict[str, Text]:
    """A team's header row: its name and size, who needs attention in the cadence column
    (never dropped on a narrow roster) and the team's mood trend in the mood column.

    No header cell is wider than its people's: a header must never cost the roster a column.
    """
    status = header.status
    name = Text("▸ " if header.folded else "▾ ", style=tone.accent + BOLD)
    size = f"  {status.size}"
    title = team_label(status.team, "bold")
    title.truncate(NAME_CELLS + INDENT - len(name) - len(size), overflow="ellipsis")
    name.append_text(title)
    name.append(size, style="dim")
    attention = status.describe_attention()
    summary = Text(attention, style=tone.warning + BOLD if status.needing_attention else "dim")
    cells = {key: Text("") for key, _ in COLUMNS}
    cells["name"], cells["cadence"] = name, summary
    cells["mood"] = mood_trend(list(status.moods), tone)
    return cells
