"""What kindcheck last wrote to the vdir, kept beside the store (`<stem>.calendar.json`).

Read-back needs it to tell "moved in the calendar" from "kindcheck moved it": for each
follow-up it holds the start kindcheck wrote, a key of the whole event, the SEQUENCE and a
hash of the file's bytes. It also remembers follow-ups cancelled because their event was
deleted in the calendar, so Today can offer them back, and when read-back last ran.

A missing or unreadable state file is an empty one: the next sync rebuilds it from the vdir
(the later change wins), so losing it never loses a follow-up.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from kindcheck.store.files import write_atomic

VERSION = 1


@dataclass(slots=True)
class Written:
    """One event as kindcheck last wrote it."""

    person_id: str
    start: str  # ISO 8601 with offset
    content: str  # EventPlan.content_key; "" forces a rewrite
    sequence: int
    digest: str  # of the file's bytes
    written_at: str  # ISO 8601
    file: str = ""  # its file in the vdir, when not the usual name (see readback._one_file)


@dataclass(slots=True)
class CalendarState:
    """The whole state file."""

    events: dict[str, Written] = field(default_factory=dict)  # by follow-up id
    promises: dict[str, Written] = field(default_factory=dict)  # by commitment id
    cancelled: dict[str, str] = field(default_factory=dict)  # follow-up id -> person id
    last_readback: str | None = None
    vdir: str | None = None  # the folder all this is about: another one starts afresh


def load_state(path: Path) -> CalendarState:
    """The state at `path`; an empty one when it is missing or unreadable."""
    try:
        raw = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return CalendarState()
    if not isinstance(raw, dict) or raw.get("version") != VERSION:
        return CalendarState()
    state = CalendarState(last_readback=_text_or_none(raw.get("last_readback")),
                          vdir=_text_or_none(raw.get("vdir")))
    for key, into in (("events", state.events), ("promises", state.promises)):
        for record_id, entry in _table(raw.get(key)).items():
            with contextlib.suppress(TypeError, ValueError, KeyError):
                into[record_id] = Written(
                    str(entry["person_id"]), str(entry["start"]), str(entry["content"]),
                    int(entry["sequence"]), str(entry["digest"]), str(entry["written_at"]),
                    str(entry.get("file") or ""),
                )
    for followup_id, person_id in _table(raw.get("cancelled")).items():
        if isinstance(person_id, str):
            state.cancelled[followup_id] = person_id
    return state


def save_state(path: Path, state: CalendarState) -> None:
    """Write the state atomically (call while holding the store's lock)."""
    data = {
        "version": VERSION,
        "vdir": state.vdir,
        "last_readback": state.last_readback,
        "events": _entries(state.events),
        "promises": _entries(state.promises),
        "cancelled": dict(sorted(state.cancelled.items())),
    }
    write_atomic(path, orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def _entries(written: dict[str, Written]) -> dict[str, dict[str, Any]]:
    return {record_id: {
        "person_id": w.person_id, "start": w.start, "content": w.content,
        "sequence": w.sequence, "digest": w.digest, "written_at": w.written_at,
        **({"file": w.file} if w.file else {}),
    } for record_id, w in sorted(written.items())}


def _table(value: Any) -> dict[str, Any]:
    return {str(k): v for k, v in value.items()} if isinstance(value, dict) else {}


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
