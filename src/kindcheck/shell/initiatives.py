"""`kindcheck initiative add|list|done`: the key initiatives the month is planned around."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kindcheck.shell.output import (
    EXIT_OK,
    AddCommand,
    UsageError,
    action_adder,
    keep_daily_backup,
    say,
)

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.domain.initiatives import Initiative
    from kindcheck.store.store import Store

EXAMPLES = (
    "examples:\n  kindcheck initiative add \"Launch the new onboarding\" --people ada,mika "
    "--due 2026-12-18\n  kindcheck initiative list\n  kindcheck initiative done launch"
)


def add_commands(command: AddCommand) -> None:
    """Add `initiative` and its actions `add`, `list` and `done` to the parser."""
    parent = command(
        "initiative", "key initiatives: add, list, done",
        "Key initiatives and commitments: what the month is planned around. Each has a name,\n"
        "the people involved, an optional target date, and stays open until it is done.",
        EXAMPLES, run_missing_action,
    )  # fmt: skip
    action = action_adder(parent, EXAMPLES)
    add = action("add", "add a key initiative",
                 "Add a key initiative. PEOPLE are names or their starts, split by commas;\n"
                 "DATE reads like every date you type: 2026-12-18, fri, in 2 weeks.")
    add.add_argument("name", nargs="+", metavar="NAME", help="what it is called")
    add.add_argument("--people", default="", metavar="A,B", help="who is involved")
    add.add_argument("--due", metavar="DATE", help="its target date")
    add.set_defaults(run=run_add)
    listed = action("list", "list the initiatives, open ones first",
                    "List the initiatives: open ones by target date, then the done ones.")
    listed.set_defaults(run=run_list)
    done = action("done", "mark an initiative done",
                  "Mark an open initiative done. NAME is its name or the start of it.")
    done.add_argument("name", nargs="+", metavar="NAME", help="the initiative, or its start")
    done.set_defaults(run=run_done)


def run_missing_action(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """`kindcheck initiative` alone: say what it needs."""
    raise UsageError("initiative needs an action: add, list or done "
                     "(see kindcheck initiative --help)")


def run_add(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Add one initiative with the people --people names."""
    from kindcheck.domain.initiatives import Initiative
    from kindcheck.shell.promises import due_day

    now = clock()
    people = [store.find_person(typed) for typed in args.people.split(",") if typed.strip()]
    target = due_day(args.due, now) if args.due is not None else None
    initiative = Initiative(" ".join(args.name), [p.id for p in people], target=target)
    store.initiatives.add(initiative)
    keep_daily_backup(store)
    say(f"Added the initiative {_described(initiative, store, clock)}.")
    return EXIT_OK


def run_list(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """One initiative a line: name, target date, people; done ones say when."""
    initiatives = store.initiatives.all()
    if not initiatives:
        say("No initiatives yet: add one with kindcheck initiative add NAME.")
    for initiative in initiatives:
        say(_described(initiative, store, clock))
    return EXIT_OK


def run_done(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Mark done the initiative NAME names."""
    initiative = store.initiatives.find(" ".join(args.name))
    if not initiative.is_open:
        raise UsageError(f"{initiative.name} is already done.")
    store.initiatives.mark_done(initiative.id)
    keep_daily_backup(store)
    say(f"Done: {initiative.name}. Well done, everyone in it.")
    return EXIT_OK


def _described(initiative: Initiative, store: Store, clock: Clock) -> str:
    from kindcheck.domain.checkin_draft import describe_day

    today = clock().date()
    names = {p.id: p.name for p in store.people(include_archived=True)}
    parts = [initiative.name]
    if initiative.target is not None:
        parts.append(f"due {describe_day(initiative.target, today)}")
    if initiative.person_ids:
        parts.append(", ".join(names.get(pid, "someone removed") for pid in initiative.person_ids))
    if initiative.done_at is not None:
        parts.append(f"done {describe_day(initiative.done_at.date(), today)}")
    return " · ".join(parts)
