"""The `kindcheck` command: opens the dashboard, or runs one of the shell commands.

Kept thin on purpose: parsing, choosing the store and the clock, and turning errors into one
line on stderr with the right exit code. The commands live in shell/, grouped by what they
do, and their work in demo/, today.py, prep.py and export/.

Exit codes: 0 success, 1 a problem with the store, 2 bad usage or input, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Mapping
from typing import NoReturn

import pendulum

from kindcheck import __version__, garbage
from kindcheck.domain.clock import Clock, fixed_clock, system_clock
from kindcheck.domain.model import ValidationError
from kindcheck.paths import (
    DATA_ENV,
    DEFAULT_LOCK_TIMEOUT,
    LOCK_TIMEOUT_ENV,
    NOW_ENV,
    data_path,
    default_data_path,
)
from kindcheck.shell import (
    calendar,
    exports,
    followups,
    initiatives,
    notes,
    people,
    promises,
    reports,
    roster,
    sync,
)
from kindcheck.shell.output import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_STORE,
    EXIT_USAGE,
    PROG,
    Runner,
    UsageError,
    fail,
)
from kindcheck.store.errors import AmbiguousPerson, PersonNotFound, StoreError
from kindcheck.store.store import Store
from kindcheck.vdir.link import link_for

__all__ = ["EXIT_OK", "EXIT_STORE", "EXIT_USAGE", "PROG", "UsageError", "build_parser", "main"]


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line on stderr instead of the usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")

    def format_help(self) -> str:
        # The default store's folder is looked up only when help is asked for: finding it
        # loads platformdirs, which a quick `kindcheck note --data ...` never needs.
        if self.description is _MAIN_HELP_LATER:
            self.description = main_help()
        return super().format_help()


_MAIN_HELP_LATER = "(the main help, filled in when shown)"


def main_help() -> str:
    """What `kindcheck --help` says first, with the default store's path."""
    return f"""\
Check in with the people on your team, don't check on them.

Run without a subcommand to open the dashboard. Your notes live in one JSON file (plus a few
companion files beside it): {default_data_path()}
{DATA_ENV} or --data PATH chooses another one."""


MAIN_EPILOG = """\
examples:
  kindcheck                         open the dashboard
  kindcheck demo                    load a sample team to look around
  kindcheck demo --org              a director's sample: managers, their teams, initiatives
  kindcheck add-person "Ada Lovelace" --role Engineer --cadence biweekly
  kindcheck import people team.csv  many people at once (CSV or vCard)
  kindcheck edit-person ada --team Platform --manager grace
  kindcheck people --team Platform
  kindcheck delete-person ada       someone who left, for good (asks first)
  kindcheck note ada "Shipped the export, proud of it"
  kindcheck promise ada "Ask ops for log access" --category tools --due fri
  kindcheck done ada "Ask ops"
  kindcheck follow-up ada fri 14:00 --topic "Staging access"
  kindcheck today                   what needs you today, as plain text
  kindcheck prep ada                one page to read before your 1:1
  kindcheck search staging logs
  kindcheck export --format markdown --out notes.md
  kindcheck calendar sync           follow-ups in your own calendar, and back
  kindcheck sync                    the same notes on your other machines (git, encrypted)

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
        description=_MAIN_HELP_LATER,
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
                run: Runner) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=summary, description=description, epilog=epilog, parents=[shared],
            formatter_class=_Formatter,
        )  # fmt: skip
        sub.set_defaults(run=run)
        return sub

    # In the order `--help` lists them.
    for group in (people, roster, notes, promises, followups, initiatives, reports, exports,
                  calendar, sync):
        group.add_commands(command)
    return parser


def run_dashboard(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Open the dashboard (imported here so the shell commands never load Textual)."""
    from kindcheck.app import KindcheckApp
    from kindcheck.settings import load_settings

    app = KindcheckApp(store=store, clock=clock, settings=load_settings())
    app.run()
    return app.return_code or EXIT_OK


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
        # Follow-ups go to the calendar's vdir when [calendar] is on; the settings are read
        # only once a follow-up changes. A failed vdir write is one line, the change is kept.
        link_for(store, clock, lambda line: fail(line, EXIT_OK))
        if args.run is not run_dashboard:  # the dashboard shows these as notifications
            if store.tightened:  # one line on stderr, in the same safe form as an error
                fail(store.notices()[0], EXIT_OK)
            store.check_files()  # a person's file gone missing: exit 1, nothing written
        return args.run(args, store, clock)
    except SystemExit as leaving:  # --help and --version
        return leaving.code if isinstance(leaving.code, int) else EXIT_OK
    except (UsageError, ValidationError, PersonNotFound, AmbiguousPerson) as error:
        return fail(str(error), EXIT_USAGE)
    except StoreError as error:
        return fail(str(error), EXIT_STORE)
    except BrokenPipeError:
        raise
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return fail(f"{where}{error.strerror or error}", EXIT_STORE)


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


def _replace_what_the_terminal_cannot_show() -> None:
    # A terminal that is not UTF-8 (LANG=C, PYTHONIOENCODING=latin-1) gets "?" for "李"
    # instead of a traceback; the store keeps every character.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
