"""Shell commands that only read: `today` (the agenda), `prep` (before a 1:1), `search`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from kindcheck.shell.output import (
    EXIT_OK,
    AddCommand,
    UsageError,
    add_person_argument,
    one_line,
    say,
)

if TYPE_CHECKING:
    from pendulum import DateTime

    from kindcheck.domain.clock import Clock
    from kindcheck.domain.search import SearchResult
    from kindcheck.store.store import Store

KIND_WIDTH = len("how they are")
NAME_WIDTH_MAX = 24


def add_commands(command: AddCommand) -> None:
    """Add `today`, `prep` and `search` to the parser."""
    command(
        "today", "print today's agenda",
        "Print today's agenda: follow-ups today, people due or overdue for a check-in, my\n"
        "commitments due or late, and follow-ups your calendar cancelled (kindcheck calendar\n"
        "restore PERSON brings one back).",
        "example:\n  kindcheck today",
        run_today,
    )  # fmt: skip

    prep = command(
        "prep", "print one page to read before a 1:1",
        "Print one page to read before a 1:1 with someone: what matters to them, how they\n"
        "were last time, what is still missing, my open promises, the topics planned for\n"
        "your next follow-ups, and for a manager their people: how each was last time and\n"
        "the next talk with them. PERSON is a name or the start of one.",
        "examples:\n  kindcheck prep ada\n"
        "  kindcheck prep \"Mika T\" --format markdown > mika.md",
        run_prep,
    )  # fmt: skip
    add_person_argument(prep)
    prep.add_argument("--format", choices=["text", "markdown"], default="text",
                      help="plain text (the default) or Markdown")

    search = command(
        "search", "find what you wrote, across everyone",
        "Find every check-in, note, promise and follow-up topic holding all the words of\n"
        "QUERY (any case, any order), newest first, as the dashboard's search does. Archived\n"
        "people are included and marked.",
        "examples:\n  kindcheck search staging logs\n  kindcheck search course --person mika",
        run_search,
    )  # fmt: skip
    search.add_argument("query", nargs="+", metavar="QUERY", help="the words to look for")
    search.add_argument("--person", metavar="PERSON", help="only what is about this person")


def run_today(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Print today's agenda."""
    # Imported here: it brings the calendar and insights, which `note` should not wait for.
    from kindcheck.shell.calendar import cancelled_in_calendar
    from kindcheck.today import today_report

    say(today_report(store, clock(), cancelled=cancelled_in_calendar(store, clock)))
    return EXIT_OK


def run_prep(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Print the 1:1 preparation page for PERSON."""
    from kindcheck.domain.heard import names_by_id
    from kindcheck.domain.org import reports_of
    from kindcheck.prep import prep_page

    person = store.find_person(args.person)
    names = names_by_id(store.people(include_archived=True))  # whom a heard note came through
    reports = [(p, store.history(p.id)) for p in reports_of(store.people(), person.id)]
    say(prep_page(person, store.history(person.id), clock(), fmt=args.format, names=names,
                  reports=reports))
    return EXIT_OK


def run_search(args: argparse.Namespace, store: Store, clock: Clock) -> int:
    """Print what matches QUERY, newest first."""
    from kindcheck.domain.search import SearchCorpus, search
    from kindcheck.store.search_index import SearchIndex

    query = " ".join(args.query)
    if not query.strip():
        raise UsageError("Type a word to look for.")
    if args.person is None:
        corpus = SearchIndex(store).build()
    else:
        person = store.find_person(args.person)
        corpus = SearchCorpus([(person, store.texts(person.id))], store.moment)
    say(search_lines(search(corpus, query), query, clock()))
    return EXIT_OK


def search_lines(result: SearchResult, query: str, now: DateTime) -> str:
    """The results as lines: day, who, what kind, and a snippet around the first match."""
    shown = one_line(query)
    if not result.hits:
        return f"Nothing found for {shown!r}."
    names = [hit.entry.person_name + (" (archived)" if hit.entry.archived else "")
             for hit in result.hits]
    width = min(max(len(name) for name in names), NAME_WIDTH_MAX)
    lines = []
    for hit, name in zip(result.hits, names, strict=True):
        day = hit.entry.at.in_timezone(now.timezone or "UTC").format("YYYY-MM-DD")
        kind = hit.entry.kind.value.ljust(KIND_WIDTH)
        lines.append(f"{day}  {name.ljust(width)}  {kind}  {hit.snippet}")
    found = "1 match" if result.total == 1 else f"{result.total:,} matches"
    head = f"{found} for {shown!r}, newest first"
    if result.truncated:
        head += f" (the newest {len(result.hits)} shown: add a word to narrow it)"
    return "\n".join([f"{head}:", *lines])
