"""`kindcheck sync [init|clone]`: the store on more than one machine, through a git remote."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kindcheck.shell.output import EXIT_OK, EXIT_USAGE, AddCommand, action_adder, fail, say
from kindcheck.store.errors import StoreError
from kindcheck.sync.redact import without_password

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store

EXAMPLES = (
    "examples:\n  kindcheck sync init /media/usb/kindcheck.git --encrypt\n"
    "  kindcheck sync init git@example.com:me/notes.git\n"
    "  kindcheck sync clone /media/usb/kindcheck.git      (asks for the key)\n"
    "  kindcheck sync"
)


def add_commands(command: AddCommand) -> None:
    """Add `sync` and its actions `init` and `clone` to the parser."""
    parent = command(
        "sync", "sync the store with your other machines through git",
        "Sync this store with a git remote: record what changed here, fetch what changed\n"
        "elsewhere, merge record by record (nothing is lost: a text changed on both machines\n"
        "keeps both), and send the result. Drafts stay on this machine.",
        EXAMPLES, run_sync,
    )  # fmt: skip
    add_action = action_adder(parent, EXAMPLES)

    def action(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        sub = add_action(name, summary, description)
        sub.add_argument("remote", metavar="REMOTE", help="a git URL, or a path")
        return sub

    init = action("init", "start syncing this store with REMOTE",
                  "Start syncing this store with REMOTE (a git URL, or a path: a missing or empty\n"
                  "folder becomes a new bare repository), and send the store there.\n"
                  "--encrypt: everything sent is encrypted with a new key, shown once.")
    init.add_argument("--encrypt", action="store_true",
                      help="encrypt everything sent (with a new age key)")
    init.set_defaults(run=run_init)
    clone = action("clone", "fill this empty store from REMOTE",
                   "On a second machine: fill this empty store from REMOTE and sync with it from\n"
                   "now on. An encrypted remote needs its key: --key, or typed when asked.")
    clone.add_argument("--key", metavar="KEY", help="the key `sync init --encrypt` showed")
    clone.set_defaults(run=run_clone)


def run_sync(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Sync now and say what came in and went out; then bring the calendar into step."""
    from kindcheck.sync.engine import sync

    code = _guarded(lambda: say(sync(store.layout, _now(clock), lock_timeout=_timeout()).line()))
    if code == EXIT_OK:
        from kindcheck.vdir.after_sync import calendar_after_sync

        for line in calendar_after_sync(store, clock):
            say(line)
    return code


def run_init(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Start syncing with REMOTE."""
    from kindcheck.sync.setup import init

    def start() -> None:
        outcome, secret = init(store.layout, args.remote, encrypt=args.encrypt,
                               config_folder=_config_folder(), now=_now(clock),
                               lock_timeout=_timeout())
        how = "encrypted" if secret else "not encrypted"
        say(f"This store now syncs with {without_password(args.remote)} ({how}). "
            f"{outcome.line()}")
        if secret:
            say("Your sync key, shown only now: keep it safe, and give it to "
                "kindcheck sync clone on your other machine:")
            say(secret)

    return _guarded(start)


def run_clone(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Fill this empty store from REMOTE."""
    from kindcheck.sync.setup import clone

    if not store.is_empty:
        return fail("This store already has people in it: sync clone fills an empty store "
                    "only (use sync init to send this one)", EXIT_USAGE)

    def read_key() -> str:
        key = args.key if args.key is not None else _ask_for_key()
        if not key.strip():
            from kindcheck.sync.crypt import KeyProblem

            raise KeyProblem("No sync key given: pass --key or type it when asked")
        return key

    def fill() -> None:
        outcome = clone(store.layout, args.remote, read_key, config_folder=_config_folder(),
                        now=_now(clock), lock_timeout=_timeout())
        say(f"This store now syncs with {without_password(args.remote)}. {outcome.line()}")

    return _guarded(fill)


def _ask_for_key() -> str:
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        import getpass

        try:
            return getpass.getpass("Sync key: ")
        except KeyboardInterrupt:
            # ctrl+c at the prompt (exit 130): end its line, so the shell's prompt starts anew.
            sys.stderr.write("\n")
            raise
        except EOFError:  # ctrl+d: no key given (said as such)
            sys.stderr.write("\n")
            return ""
    return sys.stdin.readline()


def _guarded(work: Callable[[], None]) -> int:
    """Run `work`, turning each way a sync can fail into one line and its exit code."""
    from kindcheck.sync.run import failure

    try:
        work()
    except Exception as error:
        said = failure(error)
        if said is None or isinstance(error, StoreError):
            raise  # the command line reports store problems itself (exit 1)
        return fail(*said)
    return EXIT_OK


def _now(clock: Clock) -> str:
    from kindcheck.sync.run import now_text

    return now_text(clock())


def _timeout() -> float:
    from kindcheck.cli import lock_timeout_from_environment

    return lock_timeout_from_environment(os.environ)


def _config_folder() -> Path:
    from kindcheck.settings import settings_path

    return settings_path().parent
