"""What every shell command shares: exit codes, the usage error, and printing safely.

Everything printed may hold stored names and notes, which an older kindcheck or another tool
may have left a control character in: it goes through `printable`, shown and never obeyed.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from kindcheck.domain.text import printable
from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store

PROG = "kindcheck"
EXIT_OK, EXIT_STORE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

# A subcommand's work: given its arguments, the open store and the clock, an exit code.
Runner = Callable[[argparse.Namespace, "Store", "Clock"], int]
# How a module adds one subcommand: name, one-line summary, description, epilog, runner.
AddCommand = Callable[[str, str, str, str, Runner], argparse.ArgumentParser]


class UsageError(Exception):
    """The command line itself could not be understood (exit code 2)."""


def say(text: str) -> None:
    """Print `text` (which may hold stored names and notes) with no control character in it."""
    print(printable(text))


def fail(message: str, code: int) -> int:
    """One line on stderr naming the problem; returns `code` for the caller to exit with."""
    # Errors quote what was typed and what is stored: shown, never obeyed by the terminal.
    print(f"{PROG}: {printable(' '.join(message.split()), allow_newline=False)}",
          file=sys.stderr)
    return code


def one_line(text: str) -> str:
    """`text` with its line breaks and runs of spaces made single spaces."""
    return " ".join(text.split())


def write_bytes(data: bytes) -> None:
    """Write `data` (already free of control characters) to stdout as it is."""
    # An export is a UTF-8 file whatever the terminal's encoding (`> backup.json` with
    # LANG=C must not turn names into "?"); each exporter already keeps control characters out.
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a replaced stdout (a test's capture) takes text
        sys.stdout.write(data.decode("utf-8"))
    else:
        out.write(data)
        out.flush()


def keep_daily_backup(store: Store) -> None:
    """Take the day's backup after a write, quietly: the write is saved even if this fails."""
    # Only after a write succeeded, so a refused command changes nothing and a damaged file
    # never becomes the day's backup.
    with contextlib.suppress(StoreError):
        store.daily_backup()


AddAction = Callable[[str, str, str], argparse.ArgumentParser]


def action_adder(parent: argparse.ArgumentParser, epilog: str) -> AddAction:
    """For a command with actions (`initiative add`, `sync init`): a function adding one.

    Each action takes --data after it too, as every command does, and shares the command's
    examples.
    """
    actions = parent.add_subparsers(title="actions", metavar="ACTION")

    def action(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=summary, description=description, epilog=epilog,
                                 formatter_class=parent.formatter_class)
        sub.add_argument("--data", metavar="PATH", default=argparse.SUPPRESS,
                         help="the store's main JSON file")
        return sub

    return action


def add_person_argument(parser: argparse.ArgumentParser) -> None:
    """PERSON, read the same way by every command: a name, or the start of one."""
    parser.add_argument("person", metavar="PERSON", help="a name, or the start of one")
