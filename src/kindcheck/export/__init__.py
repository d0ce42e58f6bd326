"""Exports of a leader's notes: readable Markdown, a calendar (.ics), and a complete JSON dump.

Each format is a pure function of (people with their histories, now); `export` gathers them
from the store. Nothing here writes files: the command line decides where the bytes go.
"""

from __future__ import annotations

from collections.abc import Callable

from pendulum import DateTime

from kindcheck.export.ics import render_ics
from kindcheck.export.jsonfile import render_json
from kindcheck.export.markdown import render_markdown
from kindcheck.export.records import PersonRecord, gather
from kindcheck.store.store import Store

Renderer = Callable[[list[PersonRecord], DateTime], bytes]

FORMATS: dict[str, Renderer] = {
    "markdown": lambda records, now: render_markdown(records, now).encode(),
    "ics": render_ics,
    "json": render_json,
}


def export(store: Store, fmt: str, now: DateTime, person_query: str | None = None) -> bytes:
    """The export of `store` in format `fmt` (one of FORMATS) as bytes ready to write."""
    return FORMATS[fmt](gather(store, person_query), now)


__all__ = ["FORMATS", "PersonRecord", "export", "gather"]
