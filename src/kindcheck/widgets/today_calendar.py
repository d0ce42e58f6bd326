"""Today's rows for follow-ups the calendar cancelled (their event was deleted there): each
can be brought back with one key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from kindcheck.widgets.cut import LIST_NAME_CELLS, TOPIC_CELLS, rows_room, share_line
from kindcheck.widgets.privacy import veil

if TYPE_CHECKING:
    from kindcheck.vdir.watch import CancelledInCalendar

HEADING = "Cancelled in your calendar"
BRING_BACK = "  r brings it back"


def cancelled_options(
    items: list[CancelledInCalendar], masked: bool, width: int = 34
) -> list[Option]:
    """A heading and one row per cancelled follow-up, to go below the agenda; names and
    topics cut to keep each within two lines of `width`."""
    from kindcheck.widgets.today import CANCELLED, TodayItem  # today.py imports us late

    if not items:
        return []
    options = [Option(Text(""), disabled=True)]
    options.append(Option(Text(HEADING, style="bold underline"), disabled=True))
    for item in items:
        when = item.followup.at.format("ddd D MMM HH:mm")
        topic = veil(item.followup.topic, masked)
        fixed = len(when) + 2 + (3 if topic else 0) + len(BRING_BACK)
        name, topic = share_line(
            rows_room(width), fixed, [(item.person.name, LIST_NAME_CELLS), (topic, TOPIC_CELLS)]
        )
        line = Text.assemble((when, "bold"), "  ", name)
        if topic:
            line.append(f" · {topic}", style="dim")
        line.append(BRING_BACK, style="italic dim")
        key = TodayItem(CANCELLED, item.person.id, item.followup.id)
        options.append(Option(line, id=key.option_id))
    return options
