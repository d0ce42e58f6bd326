"""Today's rows for follow-ups the calendar cancelled (their event was deleted there): each
can be brought back with one key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import veil

if TYPE_CHECKING:
    from kindcheck.vdir.watch import CancelledInCalendar

HEADING = "Cancelled in your calendar"


def cancelled_options(items: list[CancelledInCalendar], masked: bool) -> list[Option]:
    """A heading and one row per cancelled follow-up, to go below the agenda."""
    from kindcheck.widgets.today import CANCELLED, TodayItem  # today.py imports us late

    if not items:
        return []
    options = [Option(Text(""), disabled=True)]
    options.append(Option(Text(HEADING, style="bold underline"), disabled=True))
    for item in items:
        line = Text.assemble((item.followup.at.format("ddd D MMM HH:mm"), "bold"), "  ",
                             shown(item.person.name, one_line=True))
        topic = shown(veil(item.followup.topic, masked), one_line=True)
        if topic:
            line.append(f" · {topic}", style="dim")
        line.append("  r brings it back", style="italic dim")
        key = TodayItem(CANCELLED, item.person.id, item.followup.id)
        options.append(Option(line, id=key.option_id))
    return options
