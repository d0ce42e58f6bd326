"""When kindcheck was last open on a store, kept in a small companion file beside it.

`kindcheck.seen.json` holds one moment: the App writes it every few minutes while it is open
and once more as it closes, so at the next start "missed while kindcheck was closed" means
exactly that. It is a hint, not a record: a missing, unreadable or damaged file reads as
"not known" (the reminders then look back a fixed stretch), and failing to write it never
stops the App. It is written atomically, so a crash leaves the old moment or the new one.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import orjson
import pendulum
from pendulum import DateTime

from kindcheck.store.files import ensure_folder, write_atomic

SEEN_VERSION = 1


def read_last_open(path: Path) -> DateTime | None:
    """The moment written at `path`, or None when there is none that can be trusted."""
    try:
        raw = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(raw, dict) or raw.get("version") != SEEN_VERSION:
        return None
    text = raw.get("last_open")
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    # A time without an offset is not what kindcheck writes: it cannot be placed, so ignore it.
    if moment.utcoffset() is None:
        return None
    return pendulum.instance(moment).in_timezone("UTC")


def write_last_open(path: Path, moment: DateTime) -> None:
    """Keep `moment` at `path` (in UTC), replacing what was there in one step."""
    ensure_folder(path.parent)
    data = {"version": SEEN_VERSION, "last_open": moment.in_timezone("UTC").isoformat()}
    write_atomic(path, orjson.dumps(data) + b"\n")
