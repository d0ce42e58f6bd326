"""`kindcheck import people FILE [--dry-run]`: people from a CSV or vCard file.

The file is read and checked whole (domain/people_import.py, export/people_vcard.py), then
planned against the store: someone whose name is already here (any case, archived people
too) is updated with the cells the file fills, anyone else is added, and managers are
resolved once every row is known, so a row may name a manager further down the file. Every
problem found is reported, with its line, before anything is written; the plan is then saved
in one atomic write of the index under the store's lock (store/people_batch.py), which checks
names and managers again against what is there by then.
"""

from __future__ import annotations

import argparse
import copy
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kindcheck.shell.output import EXIT_OK, UsageError, keep_daily_backup, say

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.domain.model import Person
    from kindcheck.domain.people_import import ImportedPerson
    from kindcheck.store.store import Store

# What `--help` says about the columns (kept beside the code that reads them).
COLUMNS_HELP = (
    "CSV columns (a header row is needed; any case, spaces and punctuation ignored):\n"
    "  name        Name, Full Name, Display Name, Employee (or First Name + Last Name)\n"
    "  role        Role, Title, Job Title, Position\n"
    "  team        Team, Department, Dept, Group, Unit\n"
    "  manager     Manager, Reports To, Supervisor, Line Manager (a name in the file or here)\n"
    "  cadence     Cadence, Frequency (weekly, biweekly, monthly or Nd)\n"
    "  timezone    Timezone, TZ (e.g. Europe/Berlin)\n"
    "  birthday    Birthday, Date of Birth, DOB (YYYY-MM-DD)\n"
    "  what_matters  What Matters, Notes, Interests\n"
    "Other columns are left out (and named). An empty cell leaves that field as it is.\n"
    "vCard (.vcf): FN, TITLE, ORG's unit (ORG:Acme;Platform is team Platform), BDAY, NOTE,\n"
    "X-MANAGER. Files in UTF-8 (with or without BOM) or Windows-1252/Latin-1 are read."
)


@dataclass(slots=True)
class Plan:
    """What importing changes: the people to save, and a line for each change."""

    save: list[Person] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0


def run_import_people(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Read FILE, say what changes, and (unless --dry-run) save it in one write."""
    from kindcheck.domain.people_import import check_rows, decode, read_csv

    source = "standard input" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).expanduser(
        ).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {source}: {error.strerror or error}") from error
    text = decode(data, source)
    if args.file.lower().endswith((".vcf", ".vcard")) or text.lstrip().upper().startswith(
        "BEGIN:VCARD"
    ):
        from kindcheck.export.people_vcard import read_vcards

        rows, ignored = read_vcards(text, source), []
    else:
        table = read_csv(text, source)
        rows, ignored = table.rows, table.ignored
    plan = plan_import(store, check_rows(rows, source), source)
    for line in plan.said:
        say(line)
    if ignored:
        say(f"Left out the columns kindcheck has no field for: {', '.join(ignored)}.")
    counts = f"{plan.added} to add, {plan.updated} to update, {plan.unchanged} unchanged"
    if args.dry_run:
        say(f"Dry run of {source}: {counts}. Nothing was written.")
        return EXIT_OK
    if plan.save:
        store.save_people(plan.save)
        keep_daily_backup(store)
    say(f"Imported {source}: {plan.added} added, {plan.updated} updated, "
        f"{plan.unchanged} unchanged.")
    return EXIT_OK


def plan_import(store: Store, rows: list[ImportedPerson], source: str) -> Plan:
    """The people the rows add or change; ImportRefused naming every row that cannot be."""
    from kindcheck.domain.model import Person
    from kindcheck.domain.org import team_spelling
    from kindcheck.domain.people_import import ImportRefused
    from kindcheck.settings import load_settings

    here = {p.name.casefold(): p for p in store.people(include_archived=True)}
    # Two people who share a name (from two machines): a row cannot say which one it means.
    from kindcheck.domain.namesakes import shared_names

    shared = {n.casefold() for n in shared_names(p.name for p in store.people(
        include_archived=True))}
    if clashes := [r for r in rows if r.name.casefold() in shared]:
        raise ImportRefused(source, [f"line {r.line}: two people here are called {r.name!r}: "
                                     "rename one first" for r in clashes])
    settings = load_settings()
    default_cadence = settings.default_cadence
    planned: list[tuple[ImportedPerson, Person, Person | None]] = []  # row, after, before
    for row in rows:
        before = here.get(row.name.casefold())
        after = copy.copy(before) if before else Person(
            row.name, cadence=row.cadence or default_cadence
        )  # fmt: skip
        _apply(after, row)
        known = [p for _r, p, _b in planned] + list(here.values())
        after.team = team_spelling([p for p in known if p.id != after.id], after.team)
        planned.append((row, after, before))
    problems = _resolve_managers(store, planned)
    if problems:
        raise ImportRefused(source, problems)
    for row, after, before in planned:
        if before is None and row.cadence is None and after.manager_id is not None:
            after.cadence = settings.skip_level_cadence  # see domain/cadence, starting_cadence
    plan = Plan()
    names = {p.id: p.name for p in here.values()} | {p.id: p.name for _r, p, _b in planned}
    for _row, after, before in planned:
        if before is None:
            plan.save.append(after)
            plan.added += 1
            detail = ", ".join(x for x in (after.role, after.team) if x)
            plan.said.append(f"add {after.name}" + (f" ({detail})" if detail else ""))
            continue
        changes = _changes(before, after, names)
        if changes:
            plan.save.append(after)
            plan.updated += 1
            plan.said.append(f"update {before.name}: {', '.join(changes)}")
        else:
            plan.unchanged += 1
    return plan


def _apply(person: Person, row: ImportedPerson) -> None:
    for key in ("role", "team", "timezone", "birthday", "what_matters", "cadence"):
        value = getattr(row, key)
        if value is not None:
            setattr(person, key, value)


def _resolve_managers(
    store: Store, planned: list[tuple[ImportedPerson, Person, Person | None]]
) -> list[str]:
    """Set each row's manager (a name in the file, else someone here); the problems found,
    loops included, checked against everyone as they will be."""
    from kindcheck.domain.model import ValidationError
    from kindcheck.domain.org import check_no_cycle
    from kindcheck.store.errors import AmbiguousPerson, PersonNotFound

    in_file = {p.name.casefold(): p for _r, p, _b in planned}
    problems: list[str] = []
    for row, after, _before in planned:
        if row.manager is None:
            continue
        manager = in_file.get(row.manager.casefold())
        if manager is None:
            try:
                manager = store.find_person(row.manager)
            except (PersonNotFound, AmbiguousPerson) as error:
                kind = "could be several people" if isinstance(error, AmbiguousPerson) else \
                    "is not in the file or in kindcheck"
                problems.append(f"line {row.line}: manager {row.manager!r} {kind}")
                continue
        after.manager_id = manager.id
    ids = {p.id for _r, p, _b in planned}
    everyone = [p for _r, p, _b in planned] + [
        p for p in store.people(include_archived=True) if p.id not in ids
    ]
    for row, after, _before in planned:
        if row.manager is None or after.manager_id is None:
            continue
        try:
            check_no_cycle(everyone, after.id, after.manager_id)
        except ValidationError as error:
            problems.append(f"line {row.line}: {str(error).rstrip('.')}")
    return problems


def _changes(before: Person, after: Person, names: dict[str, str]) -> list[str]:
    said = []
    for key, label in (("role", "role"), ("team", "team"), ("cadence", "cadence"),
                       ("timezone", "timezone"), ("birthday", "birthday")):
        old, new = getattr(before, key), getattr(after, key)
        if old != new:
            said.append(f"{label} {_shown(old)} → {_shown(new)}")
    if before.manager_id != after.manager_id:
        old_name = names.get(before.manager_id or "", "")
        said.append(f"manager {_shown(old_name)} → {_shown(names.get(after.manager_id or ''))}")
    if before.what_matters != after.what_matters:
        said.append("what matters to them")
    return said


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return " ".join(text.split()) or "(none)"
