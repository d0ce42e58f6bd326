"""Conflict copies of the drafts and of when kindcheck was last open, merged back in.

Drafts never sync through git, but a store kept in a synced folder carries them all the
same, so the sync app makes copies of them too:

- drafts merge person by person: the draft saved last wins, except that a draft a saved
  check-in already used never wins over one still waiting (it is dropped when read anyway,
  see drafts.py `_live_drafts`, and must not hide the one the leader is typing);
- "last open" takes the later moment of the two.

Pure but for reading the person files' check-in counts through the callable it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import orjson

from kindcheck.store import codec
from kindcheck.store.merge import Document, merged_meta
from kindcheck.store.merge_fields import META_TABLE, canonical
from kindcheck.store.seen import SEEN_VERSION

DRAFTS_TABLE = "drafts"


def merge_drafts(ours: Document, theirs: Document, checkins: Callable[[str], int],
                 gone: set[str] | frozenset[str] = frozenset()) -> Document:
    """Both drafts files as one; `checkins` says how many check-ins a person has now. A
    draft about someone deleted for good (`gone`) is not kept: deleting took it too."""
    chosen: dict[str, dict[str, Any]] = {}
    for row in [*ours.get(DRAFTS_TABLE, {}).values(), *theirs.get(DRAFTS_TABLE, {}).values()]:
        person_id = row.get("person_id")
        if not isinstance(person_id, str) or person_id in gone:
            continue
        other = chosen.get(person_id)
        if other is None or _rank(row, checkins) > _rank(other, checkins):
            chosen[person_id] = row
    rows = [chosen[pid] for pid in sorted(chosen)]
    tables: Document = {DRAFTS_TABLE: {str(n): row for n, row in enumerate(rows, start=1)}}
    return {META_TABLE: {"1": merged_meta("drafts", ours, theirs, tables)}, **tables}


def merge_seen(ours: bytes | None, theirs: bytes) -> bytes:
    """The later "last open" of the two files' (one that cannot be read counts as none)."""
    moments = [m for m in (_seen_moment(ours), _seen_moment(theirs)) if m is not None]
    if not moments:
        return ours if ours is not None else theirs
    latest = max(moments, key=lambda m: m[0])
    return orjson.dumps({"version": SEEN_VERSION, "last_open": latest[1]}) + b"\n"


def read_seen(data: bytes) -> None:
    """Refuse (ValueError) a copy that holds no moment kindcheck wrote."""
    if _seen_moment(data) is None:
        raise ValueError("not a kindcheck seen file")


def _rank(row: dict[str, Any], checkins: Callable[[str], int]) -> tuple[bool, float, str]:
    seen = row.get("checkins_seen")
    used = isinstance(seen, int) and checkins(str(row["person_id"])) > seen
    saved = row.get("saved_at")
    try:
        moment = codec.load_moment(saved)
    except (codec.ShapeError, TypeError, ValueError):
        moment = None
    when = moment.timestamp() if moment is not None else float("-inf")
    # Ties (the same moment) go to the row that sorts last, so both directions agree.
    return (not used, when, canonical(row))


def _seen_moment(data: bytes | None) -> tuple[datetime, str] | None:
    if data is None:
        return None
    try:
        raw = orjson.loads(data)
        text = raw["last_open"] if raw.get("version") == SEEN_VERSION else None
    except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError):
        return None
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return None if moment.utcoffset() is None else (moment, text)
