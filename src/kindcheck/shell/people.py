"""Shell commands that bring people in: `demo` (a sample team) and `add-person`."""

from __future__ import annotations

import argparse
import shlex
from typing import TYPE_CHECKING

from kindcheck.demo import DEFAULT_PEOPLE, DEFAULT_SEED, DEFAULT_WEEKS, ORG_PEOPLE
from kindcheck.shell.output import EXIT_OK, PROG, AddCommand, keep_daily_backup, say

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.domain.model import Cadence
    from kindcheck.store.store import Store


def add_commands(command: AddCommand) -> None:
    """Add `demo` and `add-person` to the parser."""
    demo = command(
        "demo", "fill the store with a sample team",
        "Fill the store with a realistic sample team: people, weeks of check-ins, open\n"
        "missing items, commitments and follow-ups this week. The same seed always makes\n"
        "the same team. An existing team is left alone unless you add --force.",
        "examples:\n  kindcheck demo\n  kindcheck demo --people 12 --weeks 26 --seed 3\n"
        "  kindcheck demo --org             a director's view: managers, teams, initiatives\n"
        "  kindcheck --data /tmp/try.json demo",
        run_demo,
    )  # fmt: skip
    demo.add_argument("--people", type=int, default=None, metavar="N",
                      help=f"how many people (default {DEFAULT_PEOPLE}, or {ORG_PEOPLE} "
                           "with --org)")
    demo.add_argument("--weeks", type=int, default=DEFAULT_WEEKS, metavar="W",
                      help=f"weeks of history (default {DEFAULT_WEEKS})")
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                      help=f"which sample team (default {DEFAULT_SEED})")
    demo.add_argument("--org", action="store_true",
                      help="a director's sample: three managers with their teams, "
                           "initiatives this month")
    demo.add_argument("--force", action="store_true",
                      help="add the sample team next to people already there")

    add = command(
        "add-person", "add someone to check in with",
        "Add someone to check in with.",
        "examples:\n  kindcheck add-person \"Ada Lovelace\"\n"
        "  kindcheck add-person Mika Tanaka --role Designer --cadence 10d "
        "--timezone Asia/Tokyo\n"
        "  kindcheck add-person Sam Okafor --team Support --manager grace",
        run_add_person,
    )  # fmt: skip
    add.add_argument("name", nargs="+", metavar="NAME", help="their name")
    add.add_argument("--role", default="", metavar="R", help="what they do")
    add.add_argument("--cadence", default=None, metavar="C",
                     help="how often to check in: weekly, biweekly, monthly or Nd, e.g. 10d "
                          "(default: default_cadence in settings.toml, else weekly; with "
                          "--manager, skip_level_cadence, else monthly)")
    add.add_argument("--timezone", default="", metavar="TZ",
                     help="their timezone if it differs from yours, e.g. America/New_York")
    add.add_argument("--team", default="", metavar="T", help="the team they are in")
    add.add_argument("--manager", default=None, metavar="PERSON",
                     help="whom they report to: someone already here (a name or its start)")


def run_demo(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Load the sample team and say how to open it."""
    from kindcheck.demo import load_demo

    people = args.people if args.people is not None else (
        ORG_PEOPLE if args.org else DEFAULT_PEOPLE
    )
    result = load_demo(store, clock(), people=people, weeks=args.weeks, seed=args.seed,
                       force=args.force, org=args.org)
    if result.added:
        keep_daily_backup(store)
    opener = PROG if getattr(args, "data", None) is None else (
        f"{PROG} --data {shlex.quote(str(store.path))}"
    )
    say(result.describe(store.path, opener))
    return EXIT_OK


def run_add_person(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Add one person; a name already taken (in any case) is refused before the lock."""
    from kindcheck.domain.cadence import starting_cadence
    from kindcheck.domain.model import Cadence, Person, ValidationError
    from kindcheck.domain.org import team_spelling
    from kindcheck.settings import load_settings

    manager = store.find_person(args.manager) if args.manager is not None else None
    settings = load_settings()
    cadence = starting_cadence(  # someone with a manager here starts as a skip-level
        Cadence.parse(args.cadence) if args.cadence else None,
        manager.id if manager else None, [manager] if manager else [],
        default=settings.default_cadence, skip_level=settings.skip_level_cadence,
    )
    person = Person(
        " ".join(args.name),
        role=args.role,
        cadence=cadence,
        timezone=args.timezone,
        team=team_spelling(store.people(include_archived=True), args.team),
        manager_id=manager.id if manager else None,
    )
    # Checked here too so a refused name never even takes the store's lock.
    for other in store.people(include_archived=True):
        if other.name.casefold() == person.name.casefold():
            raise ValidationError(f"There is already someone called {other.name}.")
    store.add_person(person)
    keep_daily_backup(store)
    role = f"{person.role}, " if person.role else ""
    team = f", team {person.team}" if person.team else ""
    reports = f", reporting to {manager.name}" if manager else ""
    say(f"Added {person.name} ({role}{cadence_words(person.cadence)}{team}{reports}).")
    return EXIT_OK


def cadence_words(cadence: Cadence) -> str:
    """"weekly check-ins", "check-ins every 10 days"."""
    if cadence.kind == "days":
        return f"check-ins every {cadence.days} days"
    return f"{cadence.kind} check-ins"
