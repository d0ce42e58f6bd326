"""`kindcheck promise` and `kindcheck done`: what I promised someone, and keeping my word.

A promise is a Commitment ("how can I help"), sorted into what people need to do good work.
`done` finds the open promise by the start of its text, as `note` finds a person by the start
of their name: one match is marked done; none, or several, are listed and nothing changes.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kindcheck.domain.model import Category, Commitment
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
    from pendulum import Date, DateTime

    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store

LISTED = 8  # candidates named in one line before "and N more"


def add_commands(command: AddCommand) -> None:
    """Add `promise` and `done` to the parser."""
    promise = command(
        "promise", "write down something you promised to do for someone",
        "Write down something you promised to do for someone (\"how can I help?\"). It comes\n"
        "back in every check-in with them, and in `kindcheck today` when it falls due, until\n"
        "you mark it done. PERSON is a name or the start of one.",
        "examples:\n  kindcheck promise ada \"Ask ops for log access\" --category tools --due fri\n"
        "  kindcheck promise \"Mika T\" \"Find a course on research interviews\" "
        "--category training --due \"in 2 weeks\"",
        run_promise,
    )  # fmt: skip
    add_person_argument(promise)
    promise.add_argument("text", nargs="+", metavar="TEXT", help="what you will do")
    promise.add_argument("--category", choices=[c.value for c in Category],
                         default=Category.OTHER.value,
                         help="what it gives them (default other)")
    promise.add_argument("--due", metavar="DATE",
                         help="when it is due: 2026-12-01, fri, tomorrow, +3d, in 2 weeks...")

    done = command(
        "done", "mark a promise to someone as done",
        "Mark an open promise as done. TEXT is the promise's text or the start of it (any\n"
        "case); if it fits no open promise, or several, they are listed and nothing changes.",
        "examples:\n  kindcheck done ada \"Ask ops\"\n  kindcheck done \"Mika T\" find a course",
        run_done,
    )  # fmt: skip
    add_person_argument(done)
    done.add_argument("text", nargs="+", metavar="TEXT", help="the promise, or its start")


def run_promise(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Write down one promise to the person PERSON names."""
    now = clock()
    person = store.find_person(args.person)
    due = due_day(args.due, now) if args.due is not None else None
    commitment = Commitment(person.id, " ".join(args.text), now, Category(args.category), due=due)
    store.add_commitment(commitment)
    keep_daily_backup(store)
    when = f", due {_day_words(due, now)}" if due is not None else ""
    say(f"Promised {person.name}: {one_line(commitment.text)} ({commitment.category}{when}).")
    return EXIT_OK


def run_done(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Mark done the one open promise to PERSON whose text starts with TEXT."""
    person = store.find_person(args.person)
    commitment = open_promise(store.history(person.id).open_commitments, " ".join(args.text),
                              person.name)
    store.set_commitment_done(person.id, commitment.id)
    keep_daily_backup(store)
    say(f"Done: {one_line(commitment.text)} (for {person.name}). Thank you for keeping your word.")
    return EXIT_OK


def due_day(text: str, now: DateTime) -> Date | None:
    """The day a promise is due, read like every date the leader types; "none" for none."""
    from kindcheck.domain.dates import Understood, parse_when

    reading = parse_when(text, now)
    if not isinstance(reading, Understood):
        raise UsageError(f"--due: {reading.reason}")
    if reading.at is None:
        return None
    day = reading.at.date()
    if day < now.date():
        raise UsageError(f"--due {text!r} is {_day_words(day, now)}, already past: "
                         "pick today or a later day.")
    return day


def open_promise(promises: list[Commitment], start: str, name: str) -> Commitment:
    """The one promise whose text is `start`, or starts with it (any case, any spacing)."""
    wanted = _folded(start)
    if not wanted:
        raise UsageError("Type the promise, or the start of it.")
    exact = [c for c in promises if _folded(c.text) == wanted]
    if len(exact) == 1:
        return exact[0]
    found = [c for c in promises if _folded(c.text).startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if not promises:
        raise UsageError(f"{name} has no open promises.")
    if not found:
        raise UsageError(f"No open promise to {name} starts with {start!r}. "
                         f"Open promises: {_listed(promises)}.")
    raise UsageError(f"{len(found)} open promises to {name} start with {start!r}: "
                     f"{_listed(found)}. Type more of it.")


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _listed(promises: list[Commitment]) -> str:
    named = "; ".join(one_line(c.text) for c in promises[:LISTED])
    more = len(promises) - LISTED
    return f"{named}; and {more} more" if more > 0 else named


def _day_words(day: Date, now: DateTime) -> str:
    from kindcheck.domain.checkin_draft import describe_day

    return describe_day(day, now.date())
