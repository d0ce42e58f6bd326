"""`kindcheck note`: a quick progress or missing note, written between conversations.

The quickest command of all, so it imports only what writing one note needs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kindcheck.shell.output import EXIT_OK, AddCommand, add_person_argument, keep_daily_backup, say

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store

PROGRESS, MISSING = "progress", "missing"  # NoteKind's values, without importing the model


def add_commands(command: AddCommand) -> None:
    """Add `note` to the parser."""
    note = command(
        "note", "write down a quick progress or missing note",
        "Write down a quick note about someone. A missing note stays open, and comes back in\n"
        "every check-in, until it is resolved. PERSON is a name or the start of one.",
        "examples:\n  kindcheck note ada \"Ran a lovely demo\"\n"
        "  kindcheck note \"Mika T\" --missing \"No test data for the new flow\"",
        run_note,
    )  # fmt: skip
    add_person_argument(note)
    note.add_argument("text", nargs="+", metavar="TEXT", help="the note")
    kind = note.add_mutually_exclusive_group()
    kind.add_argument("--progress", dest="kind", action="store_const", const=PROGRESS,
                      help="something going well (the default)")
    kind.add_argument("--missing", dest="kind", action="store_const", const=MISSING,
                      help="something missing that blocks them")
    note.set_defaults(kind=PROGRESS)


def run_note(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Write one note about the person PERSON names."""
    from kindcheck.domain.model import Note, NoteKind

    person = store.find_person(args.person)
    note = Note(person.id, NoteKind(args.kind), " ".join(args.text), clock())
    store.add_note(note)
    keep_daily_backup(store)
    if note.kind is NoteKind.MISSING:
        say(f"Noted what is missing for {person.name}; it stays open until it is resolved.")
    else:
        say(f"Noted progress for {person.name}.")
    return EXIT_OK
