"""A complete JSON export with a documented, stable schema (see the README, "JSON export").

    {"schema": "kindcheck-export", "version": 3, "exported_at": "...", "people": [...],
     "initiatives": [...]}

Each entry in "people" is the person's record plus their "checkins", "notes", "commitments"
and "followups", oldest first, so two exports of the same notes are byte-for-byte equal.
Version 3 added a person's "team" and "manager_id" (another person's id, or null), and the
"initiatives" list (each with the ids of its people, a "target" day and "done_at"). Version 5
added "conflict" to a person and each of their records: null, or the other texts a sync kept
when two machines changed the same text (`{"text": ["the other text"]}`), still to settle.

A moment is two flat fields: `"at": "2026-09-14T18:30:00+02:00"` (ISO 8601 with its UTC
offset, so any script can parse and sort it as it is) and `"at_zone": "Europe/Berlin"` (the
IANA zone it was planned in, or null for a moment that only ever had a fixed offset). Flat
fields rather than an object keep `jq '.people[].checkins[].at'` one step long. Days are
`YYYY-MM-DD`; a moment or day not set is null.

The records keep the store's own field names (codec.py writes them once); only moments are
reshaped here. `EXPORT_FIELDS` pins every field, and a test checks it, so a change to the
store's shapes cannot slip into this schema without a new version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import orjson
from pendulum import DateTime

from kindcheck.domain.initiatives import Initiative
from kindcheck.export.records import PersonRecord
from kindcheck.store import codec, people_codec

if TYPE_CHECKING:
    from kindcheck.store.settle import Unsettled

SCHEMA = "kindcheck-export"
EXPORT_VERSION = 5

# The lists in each person's entry, and the fields of theirs that hold moments.
MOMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "checkins": ("at",),
    "notes": ("at", "resolved_at"),
    "commitments": ("created_at", "done_at"),
    "followups": ("at", "changed_at"),
}

# Every field of the schema, in the order written: what the README promises scripts.
EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "person": ("id", "name", "role", "cadence", "timezone", "what_matters", "birthday",
               "archived", "team", "manager_id", "conflict"),
    "checkins": ("id", "person_id", "at", "at_zone", "mood", "how_they_are", "their_words",
                 "no_follow_up", "conflict"),
    "notes": ("id", "person_id", "kind", "text", "at", "at_zone", "checkin_id", "resolved_at",
              "resolved_at_zone", "heard_from", "conflict"),
    "commitments": ("id", "person_id", "text", "category", "created_at", "created_at_zone",
                    "due", "done_at", "done_at_zone", "checkin_id", "conflict"),
    "followups": ("id", "person_id", "at", "at_zone", "topic", "status", "checkin_id",
                  "changed_at", "changed_at_zone", "conflict"),
    "initiatives": ("id", "name", "person_ids", "target", "done_at", "done_at_zone"),
}

# A zone name that is only an offset ("+05:30"): the moment had no named zone.
_OFFSET_ONLY = re.compile(r"^[+-]\d{2}:\d{2}(?::\d{2})?$")

# Characters JSON may carry raw but a terminal or an editor may obey: DEL, the C1 controls,
# the Unicode line and paragraph separators, and the bidi overrides and isolates, as UTF-8.
# Each of these byte runs starts with a lead byte, so it is always a whole character.
_UNSAFE_RAW = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]")


def flat_moment(stored: Any) -> tuple[str | None, str | None]:
    """A moment as the store keeps it (`[iso, zone]` or None) as the export's two fields."""
    if stored is None:
        return None, None
    text, zone = stored
    return text, None if _OFFSET_ONLY.match(zone) else zone


def _flatten(record: codec.Record, moments: tuple[str, ...]) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for key, value in record.items():
        if key in moments:
            entry[key], entry[f"{key}_zone"] = flat_moment(value)
        else:
            entry[key] = value
    return entry


# The other texts of each record still to settle: (table, record id) → field → texts.
Conflicts = dict[tuple[str, str], dict[str, list[str]]]


def conflicts_of(unsettled: Iterable[Unsettled]) -> Conflicts:
    """What `Store.to_settle()` found, as the export's `conflict` fields."""
    found: Conflicts = {}
    for item in unsettled:
        found.setdefault((item.table, item.record_id), {})[item.field] = list(item.texts[1:])
    return found


def person_entry(record: PersonRecord, conflicts: Conflicts | None = None) -> dict[str, Any]:
    """One person and their whole history as plain JSON-able data, in the export's schema."""
    conflicts = conflicts or {}
    history = record.history
    stored = {
        "checkins": [codec.dump_checkin(c)
                     for c in sorted(history.checkins, key=lambda c: (c.at, c.id))],
        "notes": [codec.dump_note(n) for n in sorted(history.notes, key=lambda n: (n.at, n.id))],
        "commitments": [codec.dump_commitment(c)
                        for c in sorted(history.commitments, key=lambda c: (c.created_at, c.id))],
        "followups": [codec.dump_followup(f)
                      for f in sorted(history.followups, key=lambda f: (f.at, f.id))],
    }  # fmt: skip
    entry: dict[str, Any] = people_codec.dump_person(record.person)
    entry["conflict"] = conflicts.get(("people", record.person.id))
    for table, rows in stored.items():
        entry[table] = [{**_flatten(row, MOMENT_FIELDS[table]),
                         "conflict": conflicts.get((table, row["id"]))} for row in rows]
    return entry


def initiative_entry(initiative: Initiative, person_ids: set[str]) -> dict[str, Any]:
    """One initiative in the export's schema, naming only the people exported with it."""
    stored = people_codec.dump_initiative(initiative)
    stored["person_ids"] = [pid for pid in stored["person_ids"] if pid in person_ids]
    return _flatten(stored, ("done_at",))


def render_json(
    records: list[PersonRecord], now: DateTime, initiatives: Sequence[Initiative] = (),
    unsettled: Iterable[Unsettled] = (),
) -> bytes:
    """The export document as indented UTF-8 JSON, ending with a newline; `unsettled` (from
    `Store.to_settle()`) fills each record's `conflict`."""
    exported = {r.person.id for r in records}
    conflicts = conflicts_of(unsettled)
    document = {
        "schema": SCHEMA,
        "version": EXPORT_VERSION,
        "exported_at": now.isoformat(),
        "people": [person_entry(r, conflicts) for r in records],
        "initiatives": [initiative_entry(i, exported)
                        for i in sorted(initiatives, key=lambda i: i.id)],
    }
    return safe_json(document)


def safe_json(document: Any) -> bytes:
    """`document` as indented UTF-8 JSON ending with a newline, safe to show on a terminal."""
    data = orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n"
    # orjson already escapes C0 controls; escape the rest too, so `export > /dev/tty` or
    # `cat backup.json` is safe. They can only be inside strings, and load back the same.
    return _UNSAFE_RAW.sub(_escape, data)


def _escape(match: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(match.group().decode("utf-8"))
