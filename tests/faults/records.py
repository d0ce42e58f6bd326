"""Helpers the store tests share: strict record comparison and a look at the store's files.

`==` on two moments in the same zone ignores `fold`, so 02:30 before and after a DST change
compare equal. Tests compare `exact(a) == exact(b)` instead, which sees offsets and zones.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

from kindcheck.store.files import TEMP_MARK


def exact(value: Any) -> Any:
    """A plain, strictly comparable form of records, lists and moments."""
    if isinstance(value, datetime):
        zone = getattr(value, "timezone_name", None) or str(value.tzinfo)
        return ("moment", value.isoformat(), zone)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(
            (f.name, exact(getattr(value, f.name))) for f in dataclasses.fields(value)
        ))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [exact(item) for item in value]
    return value


def by_id(records: list[Any]) -> dict[str, Any]:
    return {record.id: exact(record) for record in records}


def exact_history(history: Any) -> dict[str, Any]:
    """A history with each list keyed by id, so file order does not matter."""
    return {
        "checkins": by_id(history.checkins),
        "notes": by_id(history.notes),
        "commitments": by_id(history.commitments),
        "followups": by_id(history.followups),
    }


def store_view(store: Any) -> dict[str, Any]:
    """Everything a store answers, in comparable form."""
    people = store.people(include_archived=True)
    return {
        "people": by_id(people),
        "summaries": {p.id: exact(store.summary(p.id)) for p in people},
        "histories": {p.id: exact_history(store.history(p.id)) for p in people},
        "drafts": {pid: store.load_draft(pid) for pid in sorted(store.draft_people())},
    }


def temp_files(folder: Path) -> list[Path]:
    """Temp files left anywhere under `folder`."""
    return sorted(p for p in folder.rglob("*") if TEMP_MARK in p.name)


def file_bytes(folder: Path) -> dict[str, bytes]:
    """Every regular file under `folder` (lock file aside), by relative path."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".lock"
    }
