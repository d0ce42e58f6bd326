"""`kindcheck edit-person`, `delete-person` and `people`: changing someone, deleting someone
who left, and who is here.

A rename keeps everything recorded about the person (their history is filed under their id).
Only the fields given are checked and changed, so an odd character an older kindcheck kept in
a field nobody touched never blocks an edit.
"""

from __future__ import annotations

import argparse
import copy
from typing import TYPE_CHECKING, Any

from kindcheck.shell.output import (
    EXIT_OK,
    AddCommand,
    UsageError,
    add_person_argument,
    keep_daily_backup,
    say,
)

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.domain.model import Person
    from kindcheck.store.store import Store

NO_MANAGER = "none"


def add_commands(command: AddCommand) -> None:
    """Add `edit-person`, `delete-person` and `people` to the parser."""
    edit = command(
        "edit-person", "change someone's name, role, team, manager...",
        "Change what kindcheck knows about someone. Only what you give changes; a new name\n"
        "keeps all their history. PERSON (and --manager) is a name or the start of one.",
        "examples:\n  kindcheck edit-person ada --team Platform --manager grace\n"
        "  kindcheck edit-person \"Mika T\" --name \"Mika Tanaka-Berg\" --cadence biweekly\n"
        "  kindcheck edit-person sam --manager none\n  kindcheck edit-person quinn --archive",
        run_edit_person,
    )  # fmt: skip
    add_person_argument(edit)
    edit.add_argument("--name", metavar="N", help="their new name")
    edit.add_argument("--role", metavar="R", help="what they do")
    edit.add_argument("--cadence", metavar="C", help="weekly, biweekly, monthly or Nd")
    edit.add_argument("--timezone", metavar="TZ", help="their timezone, or \"\" for yours")
    edit.add_argument("--team", metavar="T", help="their team, or \"\" for none")
    edit.add_argument("--manager", metavar="PERSON",
                      help=f"whom they report to, or {NO_MANAGER}")
    archive = edit.add_mutually_exclusive_group()
    archive.add_argument("--archive", dest="archived", action="store_const", const=True,
                         help="hide them, keeping everything")
    archive.add_argument("--unarchive", dest="archived", action="store_const", const=False,
                         help="bring them back")

    delete = command(
        "delete-person", "delete someone who left, for good",
        "Delete someone and everything kindcheck holds about them, for good: their check-ins,\n"
        "notes, commitments, follow-ups and draft. Their data is theirs: export it first if\n"
        "they asked for it. The people who report to them no longer report to anyone, and\n"
        "initiatives no longer name them. Backups keep a copy for 7 days.\n"
        "On a terminal you are asked to type their name; elsewhere --yes is needed.",
        "examples:\n  kindcheck export --format json --person \"Ada Lovelace\" --out ada.json\n"
        "  kindcheck delete-person \"Ada Lovelace\"\n  kindcheck delete-person ada --yes",
        run_delete_person,
    )  # fmt: skip
    add_person_argument(delete)
    delete.add_argument("--yes", action="store_true",
                        help="delete without asking (for scripts)")

    people = command(
        "people", "list who is here: team, manager, status",
        "List the people you check in with: name, role, team, manager and status.",
        "examples:\n  kindcheck people\n  kindcheck people --team Platform\n"
        "  kindcheck people --archived --format json | jq '.[].name'",
        run_people,
    )  # fmt: skip
    people.add_argument("--team", metavar="T", help="only the people in team T (any case)")
    people.add_argument("--archived", action="store_true",
                        help="archived people too")
    people.add_argument("--format", choices=["text", "json"], default="text",
                        help="plain text (the default), or JSON for scripts")


def run_edit_person(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Change the fields given of the person PERSON names, checked before the lock."""
    from kindcheck.domain.model import Cadence, Person
    from kindcheck.domain.org import team_spelling

    before = find_anyone(store, args.person)
    person = copy.copy(before)
    said: list[str] = []
    texts = {k: getattr(args, k) for k in ("name", "role", "timezone", "team")
             if getattr(args, k) is not None}
    if texts:  # checked and tidied the way a new person's fields are
        probe = Person(texts.get("name", before.name), role=texts.get("role", ""),
                       timezone=texts.get("timezone", ""), team=texts.get("team", ""))
        others = [p for p in store.people(include_archived=True) if p.id != person.id]
        probe.team = team_spelling(others, probe.team)  # "platform" joins "Platform"
        for key in texts:
            setattr(person, key, getattr(probe, key))
            said.append(f"{key} {getattr(probe, key) or '(none)'}")
    if args.cadence is not None:
        person.cadence = Cadence.parse(args.cadence)
        said.append(f"cadence {person.cadence}")
    if args.manager is not None:
        manager = _manager(store, args.manager)
        person.manager_id = manager.id if manager else None
        said.append(f"reports to {manager.name}" if manager else "no manager")
    if args.archived is not None:
        person.archived = args.archived
        said.append("archived" if args.archived else "back from the archive")
    if not said:
        raise UsageError("Nothing to change: say what, e.g. --team Platform "
                         "(see kindcheck edit-person --help).")
    store.update_person(person)
    keep_daily_backup(store)
    say(f"Saved {before.name}: {', '.join(said)}.")
    return EXIT_OK


def find_anyone(store: Store, typed: str) -> Person:
    """Like `store.find_person`, but an archived person's prefix finds them too when no
    active person matches (unarchiving or deleting someone archived)."""
    from kindcheck.domain.text import normalized
    from kindcheck.store.errors import AmbiguousPerson, PersonNotFound

    try:
        return store.find_person(typed)
    except PersonNotFound as error:
        wanted = normalized(" ".join(typed.split())).casefold()
        archived = [p for p in store.people(include_archived=True) if p.archived]
        found = [p for p in archived if wanted and p.name.casefold().startswith(wanted)] or [
            p for p in archived
            if wanted and any(w.startswith(wanted) for w in p.name.casefold().split())
        ]  # fmt: skip
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousPerson(typed, [p.name for p in found]) from error
        raise


def run_delete_person(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Delete PERSON for good, once the name is typed back (or --yes is given)."""
    import shlex
    import sys

    from kindcheck.domain.text import normalized

    person = find_anyone(store, args.person)
    removal = store.removal_preview(person.id)
    if not args.yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            export = f"kindcheck export --format json --person {shlex.quote(person.name)}"
            raise UsageError(
                f"Deleting {person.name} is for good, so it needs --yes here (not a "
                f"terminal). Export their data first if they want it: {export} --out FILE."
            )
        say(f"This deletes, for good, {removal.describe()}.")
        for line in removal.consequences():
            say(line)
        try:
            typed = input("Type their name to delete them: ")
        except EOFError:
            typed = ""
        if normalized(" ".join(typed.split())).casefold() != person.name.casefold():
            raise UsageError(f"That was not {person.name}'s name: nothing was deleted.")
    store.delete_person(person.id)
    keep_daily_backup(store)
    reports = f" {removal.reports_line()}." if removal.reports else ""
    say(f"Deleted {removal.describe()}.{reports}")
    return EXIT_OK


def _manager(store: Store, typed: str) -> Person | None:
    if typed.strip().casefold() == NO_MANAGER:
        return None
    return store.find_person(typed)


def run_people(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """List people, one a line (or as JSON), in name order."""
    from kindcheck.domain.text import normalized

    everyone = store.people(include_archived=True)
    names = {p.id: p.name for p in everyone}
    shown = [p for p in everyone if args.archived or not p.archived]
    if args.team is not None:
        wanted = normalized(" ".join(args.team.split())).casefold()
        shown = [p for p in shown if p.team.casefold() == wanted]
        if not shown:
            teams = sorted({p.team for p in everyone if p.team}, key=str.casefold)
            known = f"teams here: {', '.join(teams)}" if teams else "nobody has a team yet"
            raise UsageError(f"Nobody is in a team called {args.team!r} ({known}).")
    if args.format == "json":
        from kindcheck.export.jsonfile import safe_json
        from kindcheck.shell.output import write_bytes

        write_bytes(safe_json([_entry(p, names) for p in shown]))
        return EXIT_OK
    if not shown:
        say("Nobody here yet: add someone with kindcheck add-person NAME.")
    for person in shown:
        say(_line(person, names))
    return EXIT_OK


def _entry(person: Person, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": person.id, "name": person.name, "role": person.role, "team": person.team,
        "manager_id": person.manager_id, "manager": names.get(person.manager_id or ""),
        "cadence": str(person.cadence), "timezone": person.timezone,
        "archived": person.archived,
    }  # fmt: skip


def _line(person: Person, names: dict[str, str]) -> str:
    parts = [" ".join(person.name.split())]
    if person.role:
        parts.append(person.role)
    if person.team:
        parts.append(f"team {person.team}")
    if person.manager_id in names:
        parts.append(f"reports to {names[person.manager_id or '']}")
    if person.archived:
        parts.append("archived")
    return " · ".join(parts)
