"""A complete, versioned JSON dump: everything about every person, in the store's own shapes.

    {"kindcheck_export": 1, "exported_at": "...", "store_schema": 1, "people": [...]}

Each entry in "people" is the person's record plus their "checkins", "notes", "commitments"
and "followups", oldest first, so two exports of the same notes are byte-for-byte equal.
"""

from __future__ import annotations

import re
from typing import Any

import orjson
from pendulum import DateTime

from kindcheck.export.records import PersonRecord
from kindcheck.store import codec
from kindcheck.store.shard import SCHEMA_VERSION

EXPORT_VERSION = 1

# Characters JSON may carry raw but a terminal or an editor may obey: DEL, the C1 controls,
# the Unicode line and paragraph separators, and the bidi overrides and isolates, as UTF-8.
# Each of these byte runs starts with a lead byte, so it is always a whole character.
_UNSAFE_RAW = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def person_entry(record: PersonRecord) -> dict[str, Any]:
    """One person and their whole history as plain JSON-able data."""
    history = record.history
    return {
        **codec.dump_person(record.person),
        "checkins": [
            codec.dump_checkin(c) for c in sorted(history.checkins, key=lambda c: (c.at, c.id))
        ],
        "notes": [codec.dump_note(n) for n in sorted(history.notes, key=lambda n: (n.at, n.id))],
        "commitments": [
            codec.dump_commitment(c)
            for c in sorted(history.commitments, key=lambda c: (c.created_at, c.id))
        ],
        "followups": [
            codec.dump_followup(f) for f in sorted(history.followups, key=lambda f: (f.at, f.id))
        ],
    }


def render_json(records: list[PersonRecord], now: DateTime) -> bytes:
    """The export document as indented UTF-8 JSON, ending with a newline."""
    document = {
        "kindcheck_export": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "store_schema": SCHEMA_VERSION,
        "people": [person_entry(r) for r in records],
    }
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    # orjson already escapes C0 controls; escape the rest too, so `export > /dev/tty` or
    # `cat backup.json` is safe. They can only be inside strings, and load back the same.
    return _UNSAFE_RAW.sub(_escape, data)


def _escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))
