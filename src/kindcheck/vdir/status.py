"""`kindcheck calendar status`: what is in the vdir, read without changing anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pendulum

from kindcheck.vdir.events import UnreadableEvent, read_event
from kindcheck.vdir.state import load_state

if TYPE_CHECKING:
    from kindcheck.vdir.mirror import CalendarMirror


@dataclass(slots=True)
class CalendarStatus:
    """Counts and problems of one vdir."""

    exists: bool
    own: int = 0
    foreign: int = 0
    last_readback: str | None = None  # as the leader reads it
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # file name, reason


def calendar_status(mirror: CalendarMirror) -> CalendarStatus:
    """Read every file of the vdir; a broken one is listed and the rest still counted."""
    status = CalendarStatus(exists=mirror.vdir.folder.is_dir())
    for name in mirror.vdir.names():
        data = mirror.vdir.read(name)
        if data is None:
            continue
        try:
            event = read_event(data)
        except UnreadableEvent as error:
            status.unreadable.append((name, str(error)))
            continue
        if event.followup_id is not None or event.promise_id is not None:
            status.own += 1
        else:
            status.foreign += 1
    last = load_state(mirror.state_path).last_readback
    if last:
        try:
            moment = pendulum.parse(last)
            status.last_readback = (moment.format("ddd D MMM YYYY, HH:mm")
                                    if isinstance(moment, pendulum.DateTime) else last)
        except ValueError:
            status.last_readback = last
    return status
