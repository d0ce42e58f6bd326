"""The store's files as sync sees them: the index and the person files, nothing else.

Drafts, what was seen, the lock and the backups never leave the machine. Every write here is
atomic (store/files.py) and made while the caller holds the store's lock, in an order that
leaves a store the app can open after a crash at any point: a person's file before the index
that lists them, the index before a file of someone it no longer lists is removed.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

import orjson

from kindcheck.store.files import ensure_folder, fsync_folder, write_atomic
from kindcheck.store.index import is_person_id
from kindcheck.store.layout import StoreLayout
from kindcheck.store.merge_fields import META_TABLE, SUMMARIES_TABLE
from kindcheck.sync.state import INDEX, PEOPLE

Document = dict[str, dict[str, dict[str, Any]]]


class UnreadableFile(Exception):
    """A file that is not a kindcheck JSON document; the message names it."""


def read_store(layout: StoreLayout) -> dict[str, bytes]:
    """The index and every person file, by name (`index`, `people/ID`)."""
    found: dict[str, bytes] = {}
    if layout.path.is_file():
        found[INDEX] = layout.path.read_bytes()
    if layout.people_folder.is_dir():
        for path in sorted(layout.people_folder.glob("*.json")):
            if is_person_id(path.stem):
                found[PEOPLE + path.stem] = path.read_bytes()
    return found


def parse(name: str, data: bytes, where: str) -> Document:
    """A file's bytes as a document; UnreadableFile naming `where` when they are not one."""
    try:
        document = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise UnreadableFile(f"{where}: {name} is not JSON") from None
    if not isinstance(document, dict) or not all(
        isinstance(table, dict) and all(isinstance(row, dict) for row in table.values())
        for table in document.values()
    ):
        raise UnreadableFile(f"{where}: {name} is not shaped like a kindcheck file")
    return document


def dump(document: Document) -> bytes:
    """A document as the store writes it: the meta record first (see files.fingerprint)."""
    if META_TABLE in document:
        document = {META_TABLE: document[META_TABLE], **document}
    return orjson.dumps(document)


def same_content(one: Document | None, other: Document | None) -> bool:
    """Whether two versions hold the same records (meta and summaries aside; doc ids count)."""
    if one is None or other is None:
        return one is other
    return _records(one) == _records(other)


def has_records(document: Document) -> bool:
    """Whether a document holds any record besides its meta (and summaries)."""
    return bool(_records(document))


def _records(document: Document) -> Document:
    return {t: rows for t, rows in document.items()
            if t not in (META_TABLE, SUMMARIES_TABLE) and rows}


def path_of(layout: StoreLayout, name: str) -> Any:
    """Where the store keeps the file called `name`."""
    if name == INDEX:
        return layout.path
    return layout.people_folder / f"{name[len(PEOPLE):]}.json"


def write_store(layout: StoreLayout, changes: dict[str, bytes | None]) -> None:
    """Write `changes` (None: remove the file) into the store, in the crash-safe order."""
    people = sorted(n for n in changes if n != INDEX)
    for name in people:
        data = changes[name]
        if data is not None:
            ensure_folder(layout.people_folder)
            write_atomic(path_of(layout, name), data)
    if INDEX in changes and changes[INDEX] is not None:
        ensure_folder(layout.folder)
        write_atomic(layout.path, changes[INDEX])  # type: ignore[arg-type]
    removed = False
    for name in people:
        if changes[name] is None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path_of(layout, name))
                removed = True
    if removed:
        fsync_folder(layout.people_folder)
