"""Merging two machines' copies of one store file, record by record.

A store file is a TinyDB document: table → doc id → row. The two machines number their docs
differently, so records are matched by their own `id`, never by doc id, and the merged file
is numbered afresh (1, 2, ... per table).

- A record on one side only is kept: kindcheck deletes nothing except through a tombstone.
- A record changed on both sides merges field by field against `base` (the last version both
  machines had): a field changed on one side takes that side's value.
- A text the leader wrote (see fields.TEXT_FIELDS) changed differently on both sides keeps
  both: the record holds one in its field and the other under `conflict`, and is flagged for
  the leader to settle. Which text goes in the field does not depend on which side is "ours",
  so merging in either direction gives the same file.
- Statuses merge by their time (fields.STATUS_MOMENTS, fields.followup_status_wins); any other
  field both sides changed differently takes the value that sorts last, for the same reason.
- The `meta` record is not merged: the merged file gets the higher schema and a fresh write id.
  A document from a newer kindcheck is refused (MergeRefused).

Pure: no I/O, no Textual.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kindcheck.store import merge_fields as fields
from kindcheck.store.merge_fields import CONFLICT, META_TABLE, SUMMARIES_TABLE, TOMBSTONES_TABLE
from kindcheck.store.shard import SCHEMA_VERSION

Row = dict[str, Any]
Document = dict[str, dict[str, dict[str, Any]]]  # a TinyDB file as parsed JSON

_MISSING: Any = object()  # a field a record does not have


class MergeRefused(ValueError):
    """The two files cannot be merged (one comes from a newer kindcheck, or is no store
    file of the expected kind); nothing should be written."""


@dataclass
class Merged:
    """The result of a merge, with what it means for each machine."""

    document: Document  # the merged file, doc ids renumbered 1.. per table
    came_in: Counter[str] = field(default_factory=Counter)  # records new or changed for ours
    went_out: Counter[str] = field(default_factory=Counter)  # ... and for theirs
    flagged: list[str] = field(default_factory=list)  # records holding both texts: settle them


def merge_person_file(base: Document | None, ours: Document, theirs: Document) -> Merged:
    """Merge two copies of one person's file (see the module's docstring)."""
    return _merge(base, ours, theirs, "person", dropped=())


def merge_index(base: Document | None, ours: Document, theirs: Document) -> Merged:
    """Merge two copies of the index. Summaries are dropped (the store rebuilds them from the
    merged person files); a person tombstoned on either side is gone, with any reference
    to them (a manager, an initiative's people)."""
    return _merge(base, ours, theirs, "index", dropped=(SUMMARIES_TABLE,))


def deleted_people(index: Document) -> set[str]:
    """Ids of the people an index's tombstones say were deleted for good."""
    return {
        row["id"]
        for row in index.get(TOMBSTONES_TABLE, {}).values()
        if isinstance(row, dict) and row.get("kind") == "person" and isinstance(row.get("id"), str)
    }


def flagged_records(document: Document) -> list[tuple[str, str]]:
    """(table, record id) of every record in a file that still holds texts to settle."""
    return [
        (table, row["id"])
        for table, rows in document.items()
        for row in rows.values()
        if isinstance(row, dict) and row.get(CONFLICT) and isinstance(row.get("id"), str)
    ]


# -- inside ----------------------------------------------------------------------------------


def _merge(
    base: Document | None, ours: Document, theirs: Document, kind: str, dropped: tuple[str, ...]
) -> Merged:
    for name, document in (("base", base), ("ours", ours), ("theirs", theirs)):
        if document is not None:
            _check(document, kind, name)
    base = base or {}
    result = Merged(document={})
    names = (set(ours) | set(theirs)) - {META_TABLE, *dropped}
    tables: Document = {}
    gone: set[str] = set()
    # Tombstones first: a person deleted on either side leaves the other tables with them.
    for table in sorted(names, key=lambda name: (name != TOMBSTONES_TABLE, name)):
        rows = _merge_table(
            table, base.get(table, {}), ours.get(table, {}), theirs.get(table, {}), result, gone
        )
        if table == TOMBSTONES_TABLE and kind == "index":
            gone = deleted_people({table: {str(n): row for n, row in enumerate(rows)}})
        tables[table] = {str(number): row for number, row in enumerate(rows, start=1)}
    result.document = {META_TABLE: {"1": _meta(kind, ours, theirs, tables)}, **tables}
    result.flagged = sorted(rid for _table, rid in flagged_records(tables))
    return result


def _check(document: Any, kind: str, name: str) -> None:
    if not isinstance(document, dict) or not all(
        isinstance(t, dict) and all(isinstance(r, dict) for r in t.values())
        for t in document.values()
    ):
        raise MergeRefused(f"The {name} copy is not shaped like a kindcheck file.")
    meta = document.get(META_TABLE, {}).get("1")
    if not document:
        return  # a file not written yet
    if not isinstance(meta, dict) or meta.get("kind") != kind:
        raise MergeRefused(f"The {name} copy is not a kindcheck {kind} file.")
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
        raise MergeRefused(f"The {name} copy's schema version is unreadable.")
    if schema > SCHEMA_VERSION:
        raise MergeRefused(
            f"The {name} copy was written by a newer kindcheck (schema {schema}; this one "
            f"knows {SCHEMA_VERSION}): update kindcheck on this machine first."
        )


def merged_meta(kind: str, ours: Document, theirs: Document, tables: Document) -> Row:
    """The meta record of a file merged from `ours` and `theirs` into `tables`: the higher
    schema and revision, and a write id made from the content."""
    return _meta(kind, ours, theirs, tables)


def _meta(kind: str, ours: Document, theirs: Document, tables: Document) -> Row:
    metas = [d.get(META_TABLE, {}).get("1") or {} for d in (ours, theirs)]
    meta: Row = {}
    for key in sorted(set(metas[0]) | set(metas[1])):
        values = [m[key] for m in metas if key in m]
        meta[key] = max(values, key=fields.canonical)
    revs: list[int] = [m["rev"] for m in metas if type(m.get("rev")) is int]
    schemas: list[int] = [m["schema"] for m in metas if type(m.get("schema")) is int]
    # A write id made from the content: a new file has a new head (the store tells versions
    # apart by it, see store/files.py), and both directions of a merge write the same bytes.
    write = hashlib.blake2b(fields.canonical(tables).encode(), digest_size=8).hexdigest()
    fixed = {
        "kind": kind,
        "schema": max(schemas, default=SCHEMA_VERSION),
        "rev": max(revs, default=0) + 1,
        "write": write,
    }
    return {**fixed, **{k: v for k, v in meta.items() if k not in fixed}}


def _by_id(rows: dict[str, Row]) -> tuple[dict[str, Row], list[Row]]:
    """A table's rows by their id, and the rows without a usable (or with a repeated) id."""
    found: dict[str, Row] = {}
    plain: list[Row] = []
    for row in rows.values():
        record_id = row.get("id")
        if isinstance(record_id, str) and record_id not in found:
            found[record_id] = row
        else:
            plain.append(row)
    return found, plain


def _merge_table(
    table: str,
    base: dict[str, Row],
    ours: dict[str, Row],
    theirs: dict[str, Row],
    result: Merged,
    gone: set[str],
) -> list[Row]:
    base_rows, _ = _by_id(base)
    our_rows, our_plain = _by_id(ours)
    their_rows, their_plain = _by_id(theirs)
    merged: dict[str, Row] = {}
    for record_id in set(our_rows) | set(their_rows):
        mine, other = our_rows.get(record_id), their_rows.get(record_id)
        if mine is None or other is None:
            only = mine if other is None else other
            assert only is not None
            merged[record_id] = dict(only)
        else:
            merged[record_id] = merge_record(table, base_rows.get(record_id), mine, other)
    if gone:
        _forget_people(table, merged, gone)
    kind = fields.kind_of(table)
    for record_id, row in merged.items():
        if our_rows.get(record_id) != row:
            result.came_in[kind] += 1
        if their_rows.get(record_id) != row:
            result.went_out[kind] += 1
    # Records both had keep their place; new ones follow in time order.
    known = [rid for rid in base_rows if rid in merged]
    known_set = set(known)
    new = sorted(
        (rid for rid in merged if rid not in known_set),
        key=lambda rid: fields.order_key(table, merged[rid]),
    )
    plain = {fields.canonical(r): r for r in [*our_plain, *their_plain]}
    return [merged[rid] for rid in [*known, *new]] + [plain[k] for k in sorted(plain)]


def merge_record(table: str, base: Row | None, ours: Row, theirs: Row) -> Row:
    """One record changed on both sides, merged field by field against `base`."""
    base = base or {}
    merged: Row = {}
    new_conflicts: dict[str, list[str]] = {}
    skip = {CONFLICT}
    if table == "followups":
        group = fields.FOLLOWUP_STATUS
        skip.update(group)
        chosen = _three_way_group(group, base, ours, theirs)
        merged.update({f: chosen[f] for f in group if f in chosen})
    keys = [k for k in _keys(ours, theirs) if k not in skip]
    for key in keys:
        value = _merge_field(table, key, base, ours, theirs, new_conflicts)
        if value is not _MISSING:
            merged[key] = value
    conflict = _merge_conflicts(base, ours, theirs, new_conflicts, merged)
    if conflict:
        merged[CONFLICT] = conflict
    return {k: merged[k] for k in [*_keys(ours, theirs), CONFLICT] if k in merged}


def _keys(ours: Row, theirs: Row) -> list[str]:
    """Field names of both rows: ours' order, then theirs' extra ones."""
    return list(dict.fromkeys([*ours, *theirs]))


def _three_way_group(group: tuple[str, ...], base: Row, ours: Row, theirs: Row) -> Row:
    def part(row: Row) -> Row:
        return {f: row[f] for f in group if f in row}

    mine, other, was = part(ours), part(theirs), part(base)
    if mine == other or other == was:
        return mine
    if mine == was:
        return other
    return mine if fields.followup_status_wins(mine, other) else other


def _merge_field(
    table: str, key: str, base: Row, ours: Row, theirs: Row, conflicts: dict[str, list[str]]
) -> Any:
    mine, other, was = ours.get(key, _MISSING), theirs.get(key, _MISSING), base.get(key, _MISSING)
    if mine == other or other == was:
        return mine
    if mine == was:
        return other
    if key in fields.TEXT_FIELDS.get(table, ()) and isinstance(mine, str) and isinstance(
        other, str
    ):
        if not mine.strip() and not other.strip():
            return max(mine, other)  # two blanks: nothing to keep, but the same either way
        if not mine.strip() or not other.strip():
            return mine if mine.strip() else other  # a text cleared on one side is not lost
        kept, also = sorted([mine, other])
        conflicts.setdefault(key, []).append(also)
        return kept
    if key in fields.STATUS_MOMENTS.get(table, ()):
        return fields.merge_status_moment(
            None if mine is _MISSING else mine, None if other is _MISSING else other
        )
    if mine is _MISSING or other is _MISSING:
        return other if mine is _MISSING else mine
    return max([mine, other], key=fields.canonical)


def _merge_conflicts(
    base: Row, ours: Row, theirs: Row, new: dict[str, list[str]], merged: Row
) -> dict[str, list[str]]:
    """The texts still to settle: the sides' `conflict` fields merged (a side that settled
    them wins over one that did not touch them), plus the texts that differ now."""
    mine, other, was = (_conflict_of(r) for r in (ours, theirs, base))
    if mine == other or other == was:
        kept = mine
    elif mine == was:
        kept = other
    else:
        kept = {f: mine.get(f, []) + other.get(f, []) for f in set(mine) | set(other)}
    combined: dict[str, list[str]] = {}
    for name in sorted(set(kept) | set(new)):
        current = merged.get(name)
        texts = {t for t in [*kept.get(name, []), *new.get(name, [])] if t.strip()}
        texts.discard(current)  # settled already, or the same text twice
        if texts:
            combined[name] = sorted(texts)
    return combined


def _conflict_of(row: Row) -> dict[str, list[str]]:
    raw = row.get(CONFLICT)
    if not isinstance(raw, dict):
        return {}
    return {
        str(name): sorted(t for t in texts if isinstance(t, str))
        for name, texts in raw.items()
        if isinstance(texts, list)
    }


def _forget_people(table: str, merged: dict[str, Row], gone: set[str]) -> None:
    """Take people deleted for good out of a merged index table, and every mention of them."""
    if table == "people":
        for record_id in gone & set(merged):
            del merged[record_id]
        for row in merged.values():
            if row.get("manager_id") in gone:
                row["manager_id"] = None
    elif table == "initiatives":
        for row in merged.values():
            if isinstance(row.get("person_ids"), list):
                row["person_ids"] = [pid for pid in row["person_ids"] if pid not in gone]
