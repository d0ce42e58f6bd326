"""`kindcheck follow-up`: plan the next conversation with someone (a cycle of accountability)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kindcheck.shell.output import (
    EXIT_OK,
    AddCommand,
    UsageError,
    add_person_argument,
    keep_daily_backup,
    one_line,
    say,
)

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store


def add_commands(command: AddCommand) -> None:
    """Add `follow-up` to the parser."""
    followup = command(
        "follow-up", "plan the next conversation with someone",
        "Plan a follow-up: the next conversation with someone, on a day and time still ahead\n"
        "(10:00 when no time is given), with an optional topic. It shows in the calendar, in\n"
        "`kindcheck today` on its day, and in the ics export. PERSON is a name or the start\n"
        "of one; DATE reads like every date you type: 2026-12-01 14:30, tomorrow 9:30, fri,\n"
        "friday 10:00, +3d, +2w, in 2 weeks.",
        "examples:\n  kindcheck follow-up ada fri 14:00 --topic \"Staging access\"\n"
        "  kindcheck follow-up \"Mika T\" in 2 weeks\n"
        "  kindcheck follow-up sam 2026-12-01 09:30 --topic \"Growth goals\"",
        run_followup,
    )  # fmt: skip
    add_person_argument(followup)
    followup.add_argument("when", nargs="+", metavar="DATE", help="when to talk next")
    followup.add_argument("--topic", default="", metavar="T",
                          help="what to talk about: an initiative, a promise, a goal")


def run_followup(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Plan one follow-up with the person PERSON names."""
    from kindcheck.domain.dates import Understood, parse_when
    from kindcheck.domain.model import FollowUp

    now = clock()
    person = store.find_person(args.person)
    typed = " ".join(args.when)
    reading = parse_when(typed, now)
    if not isinstance(reading, Understood):
        raise UsageError(reading.reason)
    if reading.at is None:
        raise UsageError("A follow-up needs a day and time, like fri 14:00 or 2026-12-01.")
    if reading.at < now:
        raise UsageError(f"{reading.describe(now)} has already passed: pick a later time.")
    followup = FollowUp(person.id, reading.at, args.topic)
    store.add_followup(followup)
    keep_daily_backup(store)
    topic = f": {one_line(followup.topic)}" if followup.topic.strip() else ""
    say(f"Planned a follow-up with {person.name}, {reading.describe(now)}{topic}.")
    return EXIT_OK
