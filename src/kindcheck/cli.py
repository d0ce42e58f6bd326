"""The `kindcheck` command: opens the dashboard, or runs one of a few quick subcommands.

Kept thin on purpose: parsing, choosing the store and the clock, and turning errors into one
line on stderr with the right exit code. The work lives in demo/, today.py and export/.

Exit codes: 0 success, 1 a problem with the store, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn

import pendulum

from kindcheck import __version__, garbage
from kindcheck.demo import DEFAULT_PEOPLE, DEFAULT_SEED, DEFAULT_WEEKS, load_demo
from kindcheck.domain.clock import Clock, fixed_clock, system_clock
from kindcheck.domain.model import Cadence, Note, NoteKind, Person, ValidationError
from kindcheck.domain.text import printable
from kindcheck.export import FORMATS, export
from kindcheck.paths import (
    DATA_ENV,
    DEFAULT_LOCK_TIMEOUT,
    LOCK_TIMEOUT_ENV,
    NOW_ENV,
    data_path,
    default_data_path,
)
from kindcheck.settings import load_settings
from kindcheck.store.errors import AmbiguousPerson, PersonNotFound, StoreError
from kindcheck.store.files import write_out
from kindcheck.store.store import Store

PROG = "kindcheck"
EXIT_OK, EXIT_STORE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """The command line itself could not be understood (exit code 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


MAIN_HELP = f"""\
Check in with the people on your team, don't check on them.

Run without a subcommand to open the dashboard. Your notes live in one JSON file (plus a few
companion files beside it): {default_data_path()}
{DATA_ENV} or --data PATH chooses another one."""

MAIN_EPILOG = """\
examples:
  kindcheck                         open the dashboard
  kindcheck demo                    load a sample team to look around
  kindcheck add-person "Ada Lovelace" --role Engineer --cadence biweekly
  kindcheck note ada "Shipped the export, proud of it"
  kindcheck today                   what needs you today, as plain text
  kindcheck export --format markdown --out notes.md
  kindcheck --data new.json import json backup.json

environment:
  KINDCHECK_DATA          the store's main file (overridden by --data)
  KINDCHECK_NOW           for testing only: a fixed "now", ISO 8601 with an offset,
                          e.g. 2026-11-23T09:30:00+01:00
  KINDCHECK_LOCK_TIMEOUT  for testing only: seconds to wait for a busy store (default 10)

exit codes: 0 done, 1 a problem with the store, 2 bad usage or input."""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps our line breaks, and gives subcommand names the room argparse forgets."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=28)

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        # argparse measures subcommand names two columns short, then wraps the longest.
        if isinstance(action, argparse._SubParsersAction):
            self._action_max_length += 2


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, subcommands included."""
    parser = _Parser(
        prog=PROG,
        description=MAIN_HELP,
        epilog=MAIN_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--data", metavar="PATH", help="the store's main JSON file")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.set_defaults(run=run_dashboard)
    # Subcommands accept --data too, so `kindcheck today --data x.json` works as expected.
    shared = _Parser(add_help=False)
    shared.add_argument("--data", metavar="PATH", default=argparse.SUPPRESS,
                        help="the store's main JSON file")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, summary: str, description: str, epilog: str,
                run: Callable[[argparse.Namespace, Store, Clock], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=summary, description=description, epilog=epilog, parents=[shared],
            formatter_class=_Formatter,
        )  # fmt: skip
        sub.set_defaults(run=run)
        return sub

    demo = command(
        "demo", "fill the store with a sample team",
        "Fill the store with a realistic sample team: people, weeks of check-ins, open\n"
        "missing items, commitments and follow-ups this week. The same seed always makes\n"
        "the same team. An existing team is left alone unless you add --force.",
        "examples:\n  kindcheck demo\n  kindcheck demo --people 12 --weeks 26 --seed 3\n"
        "  kindcheck --data /tmp/try.json demo",
        run_demo,
    )  # fmt: skip
    demo.add_argument("--people", type=int, default=DEFAULT_PEOPLE, metavar="N",
                      help=f"how many people (default {DEFAULT_PEOPLE})")
    demo.add_argument("--weeks", type=int, default=DEFAULT_WEEKS, metavar="W",
                      help=f"weeks of history (default {DEFAULT_WEEKS})")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                      help=f"which sample team (default {DEFAULT_SEED})")
    demo.add_argument("--force", action="store_true",
                      help="add the sample team next to people already there")

    add = command(
        "add-person", "add someone to check in with",
        "Add someone to check in with.",
        "examples:\n  kindcheck add-person \"Ada Lovelace\"\n"
        "  kindcheck add-person Mika Tanaka --role Designer --cadence 10d "
        "--timezone Asia/Tokyo",
        run_add_person,
    )  # fmt: skip
    add.add_argument("name", nargs="+", metavar="NAME", help="their name")
    add.add_argument("--role", default="", metavar="R", help="what they do")
    add.add_argument("--cadence", default=None, metavar="C",
                     help="how often to check in: weekly, biweekly, monthly or Nd, e.g. 10d "
                          "(default: default_cadence in settings.toml, else weekly)")
    add.add_argument("--timezone", default="", metavar="TZ",
                     help="their timezone if it differs from yours, e.g. America/New_York")

    note = command(
        "note", "write down a quick progress or missing note",
        "Write down a quick note about someone. A missing note stays open, and comes back in\n"
        "every check-in, until it is resolved. PERSON is a name or the start of one.",
        "examples:\n  kindcheck note ada \"Ran a lovely demo\"\n"
        "  kindcheck note \"Mika T\" --missing \"No test data for the new flow\"",
        run_note,
    )  # fmt: skip
    note.add_argument("person", metavar="PERSON", help="a name, or the start of one")
    note.add_argument("text", nargs="+", metavar="TEXT", help="the note")
    kind = note.add_mutually_exclusive_group()
    kind.add_argument("--progress", dest="kind", action="store_const", const=NoteKind.PROGRESS,
                      help="something going well (the default)")
    kind.add_argument("--missing", dest="kind", action="store_const", const=NoteKind.MISSING,
                      help="something missing that blocks them")
    note.set_defaults(kind=NoteKind.PROGRESS)

    command(
        "today", "print today's agenda",
        "Print today's agenda: follow-ups today, people due or overdue for a check-in, and\n"
        "my commitments due or late.",
        "example:\n  kindcheck today",
        run_today,
    )  # fmt: skip

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
    exp.add_argument("--format", required=True, choices=list(FORMATS), help="what to make")
    exp.add_argument("--person", metavar="NAME", help="only this person")
    exp.add_argument("--out", metavar="FILE", help="write to FILE (replaced in one step)")

    imp = command(
        "import", "restore a JSON export into an empty store",
        "Restore a JSON export (kindcheck export --format json) into an empty store: every\n"
        "person with their check-ins, notes, commitments and follow-ups, exactly as exported.\n"
        "A store that already holds people is refused (nothing is merged or replaced): use\n"
        "--data to choose a new file. The whole file is checked before anything is written.\n"
        "FILE - reads standard input.",
        "examples:\n  kindcheck --data ~/notes/new.json import json backup.json\n"
        "  kindcheck export --format json | kindcheck --data /tmp/copy.json import json -",
        run_import,
    )  # fmt: skip
    imp.add_argument("format", choices=["json"], help="the export's format (json)")
    imp.add_argument("file", metavar="FILE", help="the export to restore, or - for stdin")
    return parser


# -- commands ---------------------------------------------------------------------------------


def run_dashboard(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Open the dashboard (imported here so the quick subcommands never load Textual)."""
    from kindcheck.app import KindcheckApp

    app = KindcheckApp(store=store, clock=clock, settings=load_settings())
    app.run()
    return app.return_code or EXIT_OK


def run_demo(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    result = load_demo(store, clock(), people=args.people, weeks=args.weeks, seed=args.seed,
                       force=args.force)
    if result.added:
        _keep_daily_backup(store)
    opener = PROG if getattr(args, "data", None) is None else (
        f"{PROG} --data {shlex.quote(str(store.path))}"
    )
    _say(result.describe(store.path, opener))
    return EXIT_OK


def run_add_person(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    person = Person(
        " ".join(args.name),
        role=args.role,
        cadence=Cadence.parse(args.cadence) if args.cadence else load_settings().default_cadence,
        timezone=args.timezone,
    )
    # Checked here too so a refused name never even takes the store's lock.
    for other in store.people(include_archived=True):
        if other.name.casefold() == person.name.casefold():
            raise ValidationError(f"There is already someone called {other.name}.")
    store.add_person(person)
    _keep_daily_backup(store)
    role = f"{person.role}, " if person.role else ""
    _say(f"Added {person.name} ({role}{_cadence_words(person.cadence)}).")
    return EXIT_OK


def run_note(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    person = store.find_person(args.person)
    note = Note(person.id, args.kind, " ".join(args.text), clock())
    store.add_note(note)
    _keep_daily_backup(store)
    if note.kind is NoteKind.MISSING:
        _say(f"Noted what is missing for {person.name}; it stays open until it is resolved.")
    else:
        _say(f"Noted progress for {person.name}.")
    return EXIT_OK


def run_today(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    # Imported here: it brings the calendar and insights, which `note` should not wait for.
    from kindcheck.today import today_report

    _say(today_report(store, clock()))
    return EXIT_OK


def run_export(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    data = export(store, args.format, clock(), args.person)
    if args.out is None:
        _write_export(data)
        return EXIT_OK
    out = Path(args.out).expanduser().absolute()
    if _belongs_to_store(out, store):
        raise UsageError(f"{out} is one of kindcheck's own files; please choose another --out.")
    try:
        into_own_stream = write_out(out, data)
    except OSError as error:
        raise UsageError(f"cannot write {out}: {error.strerror or error}") from error
    if not into_own_stream:  # with --out /dev/stdout the export alone is the output
        _say(f"Wrote the {args.format} export to {out}.")
    return EXIT_OK


def run_import(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    from kindcheck.export.json_import import check_empty, read_export, restore

    check_empty(store)  # said before reading a file that may be large
    source = "standard input" if args.file == "-" else str(Path(args.file).expanduser())
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(source).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {source}: {error.strerror or error}") from error
    records = read_export(data, source)
    restored = restore(store, records)
    _keep_daily_backup(store)
    _say(f"Restored {restored.describe()} from {source} into {store.path}.")
    return EXIT_OK


# -- running ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]) and return the exit code."""
    _replace_what_the_terminal_cannot_show()
    # However it was started (the `kindcheck` script, `python -m kindcheck`), no garbage
    # collection while starting; an open dashboard turns it back on (see kindcheck.garbage).
    with garbage.paused_for_start():
        try:
            return _main(argv)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            _silence_stdout()  # the reader (e.g. `| head`) went away; that is fine
            return EXIT_OK


def _main(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(_as_typed(sys.argv[1:] if argv is None else argv))
        clock = clock_from_environment(os.environ)
        timeout = lock_timeout_from_environment(os.environ)
        path = data_path(getattr(args, "data", None))
        store = Store.open(path, clock=clock, lock_timeout=timeout)
        if args.run is not run_dashboard:  # the dashboard shows these as notifications
            if store.tightened:  # one line on stderr, in the same safe form as an error
                _fail(store.notices()[0], EXIT_OK)
            store.check_files()  # a person's file gone missing: exit 1, nothing written
        return args.run(args, store, clock)
    except SystemExit as leaving:  # --help and --version
        return leaving.code if isinstance(leaving.code, int) else EXIT_OK
    except (UsageError, ValidationError, PersonNotFound, AmbiguousPerson) as error:
        return _fail(str(error), EXIT_USAGE)
    except StoreError as error:
        return _fail(str(error), EXIT_STORE)
    except BrokenPipeError:
        raise
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}", EXIT_STORE)


def clock_from_environment(environ: Mapping[str, str]) -> Clock:
    """The wall clock, or the fixed moment in KINDCHECK_NOW (for tests and screenshots).

    The fixed moment is shown in the local timezone, so days and DST behave as they would.
    """
    text = environ.get(NOW_ENV, "").strip()
    if not text:
        return system_clock
    try:
        moment = pendulum.parse(text, strict=False)
    except Exception as error:  # pendulum raises several kinds for bad text
        raise UsageError(f"{NOW_ENV}={text!r} is not an ISO 8601 moment like "
                         "2026-11-23T09:30:00+01:00") from error
    if not isinstance(moment, pendulum.DateTime):
        raise UsageError(f"{NOW_ENV}={text!r} needs a date and a time, like "
                         "2026-11-23T09:30:00+01:00")
    return fixed_clock(moment.in_timezone(pendulum.local_timezone()))


def lock_timeout_from_environment(environ: Mapping[str, str]) -> float:
    """Seconds to wait for a busy store: KINDCHECK_LOCK_TIMEOUT, or the default."""
    text = environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise UsageError(f"{LOCK_TIMEOUT_ENV}={text!r} should be a number of seconds, like 0.5")
    return seconds


def _keep_daily_backup(store: Store) -> None:
    # Only after a write succeeded, so a refused command changes nothing and a damaged file
    # never becomes the day's backup; the write itself is saved even if this fails.
    with contextlib.suppress(StoreError):
        store.daily_backup()


def _fail(message: str, code: int) -> int:
    # Errors quote what was typed and what is stored: shown, never obeyed by the terminal.
    print(f"{PROG}: {printable(' '.join(message.split()), allow_newline=False)}",
          file=sys.stderr)
    return code


def _as_typed(argv: list[str]) -> list[str]:
    """Arguments as the user typed them, when the locale mislabels a UTF-8 terminal.

    Under LANG=C without UTF-8 mode, Python keeps each non-ASCII byte of "Zoë" as a lone
    surrogate; those bytes are almost always UTF-8, so read them as such. Anything else is
    left alone (and the input rules refuse it with a message).
    """
    typed = []
    for arg in argv:
        if any("\udc80" <= char <= "\udcff" for char in arg):
            with contextlib.suppress(UnicodeError):
                arg = os.fsencode(arg).decode("utf-8")
        typed.append(arg)
    return typed


def _say(text: str) -> None:
    """Print `text` (which may hold stored names and notes) with no control character in it."""
    print(printable(text))


def _write_export(data: bytes) -> None:
    # An export is a UTF-8 file whatever the terminal's encoding (`> backup.json` with
    # LANG=C must not turn names into "?"); each exporter already keeps control characters out.
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a replaced stdout (a test's capture) takes text
        sys.stdout.write(data.decode("utf-8"))
    else:
        out.write(data)
        out.flush()


def _replace_what_the_terminal_cannot_show() -> None:
    # A terminal that is not UTF-8 (LANG=C, PYTHONIOENCODING=latin-1) gets "?" for "李"
    # instead of a traceback; the store keeps every character.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def _cadence_words(cadence: Cadence) -> str:
    if cadence.kind == "days":
        return f"check-ins every {cadence.days} days"
    return f"{cadence.kind} check-ins"


def _belongs_to_store(path: Path, store: Store) -> bool:
    # By identity and real path, so `..`, symlinks and hard links cannot slip past.
    return store.owns(path)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
