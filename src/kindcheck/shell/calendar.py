"""`kindcheck calendar sync|status|restore`: follow-ups in the leader's own calendar, both ways."""

from __future__ import annotations

import argparse
import errno
import sys
from typing import TYPE_CHECKING

from kindcheck.shell.output import (
    EXIT_OK,
    EXIT_USAGE,
    AddCommand,
    UsageError,
    add_person_argument,
    fail,
    keep_daily_backup,
    say,
)
from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store
    from kindcheck.vdir.mirror import CalendarMirror
    from kindcheck.vdir.watch import CancelledInCalendar

DESCRIPTION = """\
Keep your follow-ups in your own calendar, both ways. kindcheck writes every planned
follow-up as one event file into a vdir (a folder of .ics files, the format khal and
vdirsyncer share); vdirsyncer carries it to your CalDAV server and phone. Move an event
there and the follow-up moves here; delete it and the follow-up is cancelled (Today, in
the app and in kindcheck today, offers it back: kindcheck calendar restore PERSON). Changed
on both sides: the later change wins. Events kindcheck did not write are never changed.

Turn it on in settings.toml (KINDCHECK_CONFIG, or your config folder):

  [calendar]
  vdir = "~/.local/share/calendars/kindcheck"  # where events go; turns it on
  read = ["~/.local/share/calendars/work"]     # other vdirs to read for busy times
  duration = "30m"                             # how long each follow-up's event is
  alarm = "10m"                                # reminder before it, or "none"
  details = "names"                            # names: "Check-in with NAME", nothing more
                                               # topics: adds the follow-up's topic
                                               # prep: adds the prep page (your notes!)
  commitments = false                          # true: open promises with a due day too
  notify = "off"                               # reminders outside the app: off, bell,
                                               # osc9 or osc777 (terminal notifications)

Once it is on, every change to a follow-up (here or in the app) rewrites its event."""


def add_commands(command: AddCommand) -> None:
    """Add `calendar` (with `sync` and `status`) to the parser."""
    calendar = command(
        "calendar", "keep follow-ups in your own calendar (a vdir)", DESCRIPTION,
        "examples:\n  kindcheck calendar sync      write what is missing, read back what moved\n"
        "  kindcheck calendar status    the folder, its events, anything unreadable\n"
        "  kindcheck calendar restore ada   plan again what the calendar cancelled",
        run_calendar_alone,
    )  # fmt: skip
    steps = calendar.add_subparsers(title="steps", metavar="STEP")
    for name, summary, run in (
        ("sync", "write every follow-up missing or stale, read back what changed", run_sync),
        ("status", "the vdir, how many events, the last read-back, unreadable files",
         run_status),
    ):
        step = steps.add_parser(name, help=summary, formatter_class=calendar.formatter_class,
                                description=f"{summary[:1].upper()}{summary[1:]}.")
        step.add_argument("--data", metavar="PATH", default=argparse.SUPPRESS,
                          help="the store's main JSON file")
        step.set_defaults(run=run)
    restore = steps.add_parser(
        "restore", help="plan again a follow-up your calendar cancelled",
        formatter_class=calendar.formatter_class,
        description="Plan again the newest follow-up with PERSON that was cancelled because "
                    "its event was deleted in your calendar, and put its event back. PERSON "
                    "is a name or the start of one.")
    restore.add_argument("--data", metavar="PATH", default=argparse.SUPPRESS,
                         help="the store's main JSON file")
    add_person_argument(restore)
    restore.set_defaults(run=run_restore)


def run_calendar_alone(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """`kindcheck calendar` with no step."""
    raise UsageError("Say what to do: kindcheck calendar sync, status or restore PERSON "
                     "(see kindcheck calendar --help).")


def _mirror(store: Store, clock: Clock) -> CalendarMirror:
    from kindcheck.settings import settings_path
    from kindcheck.vdir.link import link_for

    link = link_for(store, clock, _warn)
    for problem in link.settings.problems:
        fail(problem, EXIT_USAGE)
    mirror = link.mirror
    if mirror is None:
        raise UsageError(f"The calendar is off: add [calendar] with vdir = \"PATH\" to "
                         f"{settings_path()} (see kindcheck calendar --help).")
    unusable = mirror.vdir.unusable()  # before anything is read or written
    if unusable is not None and unusable.errno == errno.ENOTDIR:  # the setting points wrong
        raise UsageError(f"The calendar's vdir {unusable} (set [calendar] vdir in "
                         f"{settings_path()} to a folder).")
    if unusable is not None:  # exit 1, as for a store that cannot be written
        raise StoreError(f"The calendar's vdir {unusable}.", mirror.vdir.folder)
    return mirror


def _warn(line: str) -> None:
    fail(line, EXIT_OK)


def run_sync(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Bring the vdir and the store into step, and say what the calendar changed."""
    mirror = _mirror(store, clock)
    report = mirror.sync()
    for line in report.said:
        say(line)
    for name, reason in report.unreadable:
        say(f"Skipped {name}: {reason}")
    changed = []
    if report.written:
        changed.append(f"{report.written} event{'s' if report.written != 1 else ''} written")
    if report.removed:
        changed.append(f"{report.removed} removed")
    say(f"Calendar in step ({', '.join(changed) or 'nothing to write'}): {mirror.vdir.folder}")
    return EXIT_OK


def run_status(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """What is in the vdir, without changing anything."""
    from kindcheck.vdir.status import calendar_status

    mirror = _mirror(store, clock)
    status = calendar_status(mirror)
    say(f"Calendar: {mirror.vdir.folder}" + ("" if status.exists else
        " (not made yet: kindcheck calendar sync makes it)"))
    say(f"Events of kindcheck's: {status.own}" + (f" (and {status.foreign} others, left alone)"
                                                 if status.foreign else ""))
    say(f"Last read-back: {status.last_readback or 'never'}")
    for folder in mirror.settings.read:
        say(f"Also read for busy times: {folder}")
    _say_busy_problems(mirror.settings.read, clock)
    for name, reason in status.unreadable:
        say(f"Could not read {name}: {reason}")
    sys.stdout.flush()
    return EXIT_OK


def _say_busy_problems(folders: tuple[Path, ...], clock: Clock) -> None:
    """The meetings' files that could not be read (they are left out of busy times)."""
    from kindcheck.vdir.busy import BusyCalendars

    for path, reason in BusyCalendars(folders).unreadable(around=clock()):
        say(f"Could not read {path} (left out of busy times): {reason}")


def cancelled_in_calendar(store: Store, clock: Clock) -> list[CancelledInCalendar]:
    """The follow-ups the calendar cancelled, soonest first; none when the calendar is off."""
    from kindcheck.vdir.link import link_for
    from kindcheck.vdir.watch import CalendarWatch

    link = link_for(store, clock)
    if not link.settings.enabled:
        return []
    return CalendarWatch(store, clock, link.settings, _warn).cancelled()


def run_restore(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Plan again PERSON's newest follow-up the calendar cancelled, and write its event."""
    from kindcheck.today import cancelled_lines

    mirror = _mirror(store, clock)
    person = store.find_person(args.person)
    theirs = [item for item in cancelled_in_calendar(store, clock)
              if item.person.id == person.id]
    if not theirs:
        raise UsageError(f"Nothing of {person.name}'s was cancelled in your calendar.")
    newest = theirs[-1]  # soonest first: the last is the latest planned
    mirror.restore(person.id, newest.followup.id)
    keep_daily_backup(store)
    [line] = cancelled_lines([newest], clock())
    say(f"Brought back, and back in your calendar:\n{line}")
    if len(theirs) > 1:
        say("Still cancelled in your calendar (run it again for the next):")
        say("\n".join(cancelled_lines(theirs[:-1], clock())))
    return EXIT_OK
