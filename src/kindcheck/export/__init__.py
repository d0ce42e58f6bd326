"""Exports of a leader's notes: readable Markdown, a calendar (.ics), and a complete JSON dump.

Each format is a pure function of (people with their histories, now); `export` gathers them
from the store. Nothing here writes files: the command line decides where the bytes go.
"""

from __future__ import annotations

from collections.abc import Callable

from pendulum import DateTime

from kindcheck.export.records import PersonRecord, gather
from kindcheck.store.store import Store

Renderer = Callable[[list[PersonRecord], DateTime], bytes]


# Each format is imported only when it is asked for: the calendar library alone takes longer
# to load than everything `kindcheck note` needs.
def _markdown(records: list[PersonRecord], now: DateTime) -> bytes:
    from kindcheck.export.markdown import render_markdown

    return render_markdown(records, now).encode()


def _ics(records: list[PersonRecord], now: DateTime) -> bytes:
    from kindcheck.export.ics import render_ics

    return render_ics(records, now)


def _json(records: list[PersonRecord], now: DateTime) -> bytes:
    from kindcheck.export.jsonfile import render_json

    return render_json(records, now)


FORMATS: dict[str, Renderer] = {"markdown": _markdown, "ics": _ics, "json": _json}


def export(store: Store, fmt: str, now: DateTime, person_query: str | None = None) -> bytes:
    """The export of `store` in format `fmt` (one of FORMATS) as bytes ready to write."""
    records = gather(store, person_query)
    if fmt == "json":  # the complete dump: the initiatives these people are part of, too
        from kindcheck.export.jsonfile import render_json

        people = {r.person.id for r in records}
        initiatives = [i for i in store.initiatives.all()
                       if person_query is None or people & set(i.person_ids)]
        return render_json(records, now, initiatives, store.to_settle())
    return FORMATS[fmt](records, now)


__all__ = ["FORMATS", "PersonRecord", "export", "gather"]
