"""Shell commands that carry notes out and back in: `export` and `import`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kindcheck.shell.output import (
    EXIT_OK,
    AddCommand,
    UsageError,
    keep_daily_backup,
    say,
    write_bytes,
)

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store

# The export formats, named here so that parsing never loads the exporters
# (a test checks they are the ones kindcheck.export knows).
FORMAT_NAMES = ("markdown", "ics", "json")


def add_commands(command: AddCommand) -> None:
    """Add `export` and `import` to the parser."""
    exp = command(
        "export", "export notes as Markdown, a calendar, or JSON",
        "Export notes. markdown: a readable history of each person. ics: follow-ups and due\n"
        "commitments for your calendar (re-importing updates them). json: everything, for\n"
        "safekeeping. Written to standard output unless --out is given.",
        "examples:\n  kindcheck export --format markdown --person ada --out ada.md\n"
        "  kindcheck export --format ics --out kindcheck.ics\n"
        "  kindcheck export --format json > backup.json",
        run_export,
    )  # fmt: skip
    exp.add_argument("--format", required=True, choices=list(FORMAT_NAMES), help="what to make")
    exp.add_argument("--person", metavar="NAME", help="only this person")
    exp.add_argument("--out", metavar="FILE", help="write to FILE (replaced in one step)")

    from kindcheck.shell.import_people import COLUMNS_HELP

    imp = command(
        "import", "restore a JSON export, or import people from CSV/vCard",
        "import json FILE: restore a JSON export (kindcheck export --format json) into an\n"
        "empty store: every person with their check-ins, notes, commitments and follow-ups,\n"
        "exactly as exported.\n"
        "A store that already holds people is refused (nothing is merged or replaced): use\n"
        "--data to choose a new file. The whole file is checked before anything is written.\n"
        "FILE - reads standard input.\n\n"
        "import people FILE: add people from a CSV file with a header row, or a vCard file\n"
        "(.vcf), as an HR system or contacts app exports them. Someone already here (the\n"
        "same name, any case) is updated instead of added twice. The whole file is checked\n"
        "first: a bad row is named with its line and nothing is written. --dry-run says\n"
        "what would change and writes nothing.\n\n" + COLUMNS_HELP,
        "examples:\n  kindcheck --data ~/notes/new.json import json backup.json\n"
        "  kindcheck export --format json | kindcheck --data /tmp/copy.json import json -\n"
        "  kindcheck import people staff.csv --dry-run\n"
        "  kindcheck import people contacts.vcf",
        run_import,
    )  # fmt: skip
    imp.add_argument("format", choices=["json", "people"],
                     help="json (a kindcheck export) or people (CSV or vCard)")
    imp.add_argument("file", metavar="FILE", help="the file to read, or - for stdin")
    imp.add_argument("--dry-run", action="store_true",
                     help="people only: say what would change, write nothing")


def run_export(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Write the export to stdout, or to --out in one step (never over the store's files)."""
    from kindcheck.export import export
    from kindcheck.store.files import write_out

    person = args.person
    if person is not None:  # someone archived is found by the start of their name too
        from kindcheck.shell.roster import find_anyone

        person = find_anyone(store, person).name
    data = export(store, args.format, clock(), person)
    if args.out is None:
        write_bytes(data)
        return EXIT_OK
    out = Path(args.out).expanduser().absolute()
    # By identity and real path, so `..`, symlinks and hard links cannot slip past.
    if store.owns(out):
        raise UsageError(f"{out} is one of kindcheck's own files; please choose another --out.")
    try:
        into_own_stream = write_out(out, data)
    except OSError as error:
        raise UsageError(f"cannot write {out}: {error.strerror or error}") from error
    if not into_own_stream:  # with --out /dev/stdout the export alone is the output
        say(f"Wrote the {args.format} export to {out}.")
    return EXIT_OK


def run_import(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Restore a JSON export into an empty store, checked whole before anything is written;
    or import people (shell/import_people.py)."""
    from kindcheck.export.json_import import check_empty, read_document, restore

    if args.format == "people":
        from kindcheck.shell.import_people import run_import_people

        return run_import_people(args, store, clock)
    if args.dry_run:
        raise UsageError("--dry-run is for import people; import json checks the whole file "
                         "before writing anything anyway.")

    check_empty(store)  # said before reading a file that may be large
    source = "standard input" if args.file == "-" else str(Path(args.file).expanduser())
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(source).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {source}: {error.strerror or error}") from error
    found = read_document(data, source)
    restored = restore(store, found.people, found.initiatives, found.unsettled)
    keep_daily_backup(store)
    say(f"Restored {restored.describe()} from {source} into {store.path}.")
    return EXIT_OK
