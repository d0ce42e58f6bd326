"""Shell commands that only read: `today` (the agenda)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kindcheck.shell.output import EXIT_OK, AddCommand, say

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store


def add_commands(command: AddCommand) -> None:
    """Add `today` to the parser."""
    command(
        "today", "print today's agenda",
        "Print today's agenda: follow-ups today, people due or overdue for a check-in, and\n"
        "my commitments due or late.",
        "example:\n  kindcheck today",
        run_today,
    )  # fmt: skip


def run_today(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Print today's agenda."""
    # Imported here: it brings the calendar and insights, which `note` should not wait for.
    from kindcheck.today import today_report

    say(today_report(store, clock()))
    return EXIT_OK
