"""Conflict copies that sync apps leave beside a store, merged back in when it opens.

A store kept in a synced folder gets a second copy of a file when two machines changed it
before the app could sync them. The shapes, for the index `kindcheck.json` (and the same for a
person's file inside `kindcheck.people/`):

    kindcheck.sync-conflict-20261201-101112-ABCDEFG.json   Syncthing
    kindcheck (conflicted copy 2026-12-01).json            Dropbox
    kindcheck (Ada's conflicted copy 2026-12-01).json      Dropbox, naming the machine's owner
    kindcheck (conflicted copy 2026-12-01 101112).json     Nextcloud
    kindcheck (conflicted copy ada 2026-12-01 101112).json Nextcloud, naming the account
    kindcheck 2.json                                       iCloud

Each copy is merged into its file with the same merge as `kindcheck sync` (base: the day's
backup of the file, when there is one that is not the file itself), written atomically
under the store's lock, and then moved among the backups, so a crash in between only
merges it again, to the same result. A copy that cannot be read is left where it is and
named in a notice. iCloud's plain " 2" could be a store of its own: it is taken only when
its content is a kindcheck file of the same kind and it has no companion files of its own.

The drafts file and the one that says when kindcheck was last open get copies too (a synced
folder carries every file): they are merged as companion_copies.py says, and kept the same way.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from kindcheck.store import codec, people_codec
from kindcheck.store.companion_copies import merge_drafts, merge_seen, read_seen
from kindcheck.store.drafts import check_drafts
from kindcheck.store.errors import StoreError
from kindcheck.store.files import FILE_MODE, ensure_folder, fsync_folder, write_atomic
from kindcheck.store.layout import StoreLayout
from kindcheck.store.merge import Document, MergeRefused, deleted_people, merge_index
from kindcheck.store.merge import merge_person_file as merge_person
from kindcheck.store.merge_fields import META_TABLE, SUMMARIES_TABLE

KEPT_FOLDER = ".conflict-copies"  # hidden: backups.py takes every other folder for a day
_ID = r"[A-Za-z0-9_-]{1,64}"
_SHAPES = (
    r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}",  # Syncthing
    # Dropbox, Nextcloud (whose newer clients name the account before the day)
    r" \((?:[^()/]*['’]s )?conflicted copy (?:[^()/]+ )?\d{4}-\d{2}-\d{2}(?: \d{6})?\)",
)
_ICLOUD = r" (?:[2-9]|[1-9]\d+)"


@dataclass
class CopiesMerged:
    """What happened to the conflict copies found on open."""

    merged: list[Path] = field(default_factory=list)  # where each copy was found
    kept_in: Path | None = None  # the folder they were moved to
    flagged: int = 0  # records that now hold two texts to settle
    damaged: list[tuple[Path, str]] = field(default_factory=list)  # left where they were

    def notices(self, folder: Path) -> list[str]:
        """One line for the leader about the copies merged, one per copy left alone."""
        said = []
        if self.merged and self.kept_in is not None:
            names = ", ".join(_shown(p, folder) for p in self.merged[:3])
            more = f" and {len(self.merged) - 3} more" if len(self.merged) > 3 else ""
            copies = "a conflict copy" if len(self.merged) == 1 else (
                f"{len(self.merged)} conflict copies")
            line = (f"Your sync app had made {copies} of your notes ({names}{more}): they are "
                    f"merged in, and kept in {_shown(self.kept_in, folder)}.")
            if self.flagged:
                line += " Some texts differed: settle them from Today."
            said.append(line)
        for path, why in self.damaged:
            said.append(f"A conflict copy of your notes could not be merged ({why}), so it is "
                        f"left where it is: {_shown(path, folder)}")
        return said


class Copy(NamedTuple):
    """A conflict copy found beside the store."""

    path: Path
    original: Path  # the store file it is a copy of
    surely: bool  # False for iCloud's plain " 2": perhaps a file of some other app


def find_copies(layout: StoreLayout) -> list[Copy]:
    """Every conflict copy beside the store: the index's first, then the people's, each in
    name order."""
    found: list[Copy] = []
    stem, suffix = re.escape(layout.path.stem), re.escape(layout.path.suffix)
    index_copy = re.compile(rf"{stem}(?:{'|'.join(_SHAPES)}|(?P<icloud>{_ICLOUD})){suffix}")
    for path in _names(layout.folder):
        match = index_copy.fullmatch(path.name)
        if match and (not match["icloud"] or _no_companions(path)):
            found.append(Copy(path, layout.path, not match["icloud"]))
    for original in (layout.drafts_path, layout.seen_path):
        stem, suffix = re.escape(original.stem), re.escape(original.suffix)
        shaped = re.compile(rf"{stem}(?:{'|'.join(_SHAPES)}|(?P<icloud>{_ICLOUD})){suffix}")
        for path in _names(layout.folder):
            match = shaped.fullmatch(path.name)
            if match:
                found.append(Copy(path, original, not match["icloud"]))
    person_copy = re.compile(rf"(?P<id>{_ID})(?:{'|'.join(_SHAPES)}|(?P<icloud>{_ICLOUD}))\.json")
    for path in _names(layout.people_folder):
        match = person_copy.fullmatch(path.name)
        if match:
            original = layout.people_folder / f"{match['id']}.json"
            found.append(Copy(path, original, not match["icloud"]))
    return found


def merge_on_open(
    layout: StoreLayout, held: Callable[[], AbstractContextManager[Any]], day: str
) -> CopiesMerged:
    """`merge_copies`, for `Store.open`: a store another kindcheck keeps locked opens all
    the same, and its copies are merged the next time."""
    try:
        return merge_copies(layout, held, day)
    except StoreError:
        return CopiesMerged()


def merge_copies(
    layout: StoreLayout, held: Callable[[], AbstractContextManager[Any]], day: str
) -> CopiesMerged:
    """Merge every conflict copy into its file under the store's lock (`held`), and move it
    among the backups. `day` names the backup to merge against. A copy that cannot be
    merged or moved stays where it is, named in `damaged`."""
    result = CopiesMerged()
    if not find_copies(layout):
        return result  # the usual case: nothing locked, nothing written
    with held():
        for copy, original, surely in find_copies(layout):  # again: another kindcheck may
            kind = _kind(layout, original)  # have been first
            if kind in ("drafts", "seen"):
                _merge_companion(layout, kind, copy, original, surely, result)
                continue
            try:
                theirs = _read(copy, kind)
            except (OSError, ValueError) as error:
                if surely:  # an iCloud-shaped name holding something else is not ours
                    result.damaged.append((copy, _reason(error)))
                continue
            try:
                ours = _read(original, kind) if original.exists() else {}
            except (OSError, ValueError):
                continue  # the store's own file is damaged: opening it says so
            if kind == "person" and original.stem in _tombstoned(layout):
                flagged = 0  # deleted for good here: the copy is kept, but not merged
            else:
                try:
                    flagged = _merge_one(kind, ours, theirs, _base(layout, original, day, kind),
                                         original)
                except MergeRefused as error:
                    result.damaged.append((copy, str(error).rstrip(".")))
                    continue
                except (OSError, ValueError) as error:
                    result.damaged.append((copy, f"{original.name}: {_reason(error)}"))
                    continue
            try:
                result.kept_in = _keep(layout, copy)
            except OSError as error:  # merged, but still there: merged again next time
                result.damaged.append((copy, _reason(error)))
                continue
            result.merged.append(copy)
            result.flagged += flagged
    return result


# -- inside ----------------------------------------------------------------------------------


def _kind(layout: StoreLayout, original: Path) -> str:
    if original == layout.path:
        return "index"
    return {layout.drafts_path: "drafts", layout.seen_path: "seen"}.get(original, "person")


def _merge_companion(layout: StoreLayout, kind: str, copy: Path, original: Path, surely: bool,
                     result: CopiesMerged) -> None:
    """Merge a copy of the drafts or of the last-open file, then keep it among the backups."""
    try:
        if kind == "seen":
            theirs_bytes = copy.read_bytes()
            read_seen(theirs_bytes)
        else:
            theirs = _read(copy, kind)
    except (OSError, ValueError) as error:
        if surely:
            result.damaged.append((copy, _reason(error)))
        return
    try:
        if kind == "seen":
            ours_bytes = original.read_bytes() if original.exists() else None
            write_atomic(original, merge_seen(ours_bytes, theirs_bytes))
        else:
            ours = _read(original, kind) if original.exists() else {}
            merged = merge_drafts(ours, theirs, lambda pid: _checkins(layout, pid),
                                  gone=_tombstoned(layout))
            write_atomic(original, orjson.dumps(merged))
        result.kept_in = _keep(layout, copy)
    except (OSError, ValueError) as error:  # ours damaged: opening the store says so
        result.damaged.append((copy, f"{original.name}: {_reason(error)}"))
        return
    result.merged.append(copy)


def _checkins(layout: StoreLayout, person_id: str) -> int:
    """How many check-ins a person's file holds now (0 when it cannot be read)."""
    try:
        tables = orjson.loads((layout.people_folder / f"{person_id}.json").read_bytes())
        return len(tables.get("checkins", {}))
    except (OSError, ValueError, AttributeError):
        return 0


def _merge_one(kind: str, ours: Document, theirs: Document, base: Document | None,
               original: Path) -> int:
    if kind == "index":
        merged = merge_index(base, ours, theirs)
        # This machine's summaries still fit its own person files (each names the file it
        # was made from): kept, the store rebuilds only those whose files changed.
        gone = deleted_people(merged.document)
        summaries = {
            key: row for key, row in ours.get(SUMMARIES_TABLE, {}).items()
            if row.get("person_id") not in gone
        }
        if summaries:
            merged.document[SUMMARIES_TABLE] = summaries
    else:
        merged = merge_person(base, ours, theirs)
    _check_records(kind, merged.document, original)
    write_atomic(original, orjson.dumps(merged.document))
    return len(merged.flagged)


def _read(path: Path, kind: str) -> Document:
    """A store file's tables, checked as the store would read them; ValueError if damaged."""
    try:
        tables = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError:
        raise ValueError("not valid JSON, perhaps cut short") from None
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise ValueError("not shaped like a kindcheck file")
    meta = tables.get(META_TABLE, {}).get("1")
    if not isinstance(meta, dict) or meta.get("kind") != kind:
        raise ValueError(f"not a kindcheck {kind} file")
    _check_records(kind, tables, path)
    return tables


def _check_records(kind: str, tables: Document, path: Path) -> None:
    try:
        if kind == "index":
            for raw in tables.get("people", {}).values():
                people_codec.load_person(raw)
        elif kind == "drafts":
            check_drafts(tables)
        else:
            codec.load_history(path.stem, tables)
    except codec.ShapeError as error:
        raise ValueError(str(error)) from error


def _base(layout: StoreLayout, original: Path, day: str, kind: str) -> Document | None:
    """The file as the day's backup holds it, when that is an older version of it."""
    backup = layout.backups_folder / day / original.name
    try:
        if original.exists() and os.path.samefile(backup, original):
            return None  # a hard link: the file itself, no older version
        return _read(backup, kind)
    except (OSError, ValueError):
        return None


def _tombstoned(layout: StoreLayout) -> set[str]:
    with contextlib.suppress(OSError, ValueError):
        return deleted_people(_read(layout.path, "index"))
    return set()


def _keep(layout: StoreLayout, copy: Path) -> Path:
    """Move a merged copy among the backups (a new name if one is taken)."""
    folder = layout.backups_folder / KEPT_FOLDER
    ensure_folder(layout.backups_folder)
    ensure_folder(folder)
    prefix = "" if copy.parent == layout.folder else f"{copy.parent.name}-"
    target = folder / f"{prefix}{copy.name}"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{prefix}{copy.stem}-{number}{copy.suffix}"
    os.replace(copy, target)
    os.chmod(target, FILE_MODE)  # a sync app makes its copies as it likes; backups are private
    fsync_folder(folder)
    fsync_folder(copy.parent)
    return folder


def _names(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:
        return []


def _no_companions(copy: Path) -> bool:
    """Whether an iCloud-shaped name is no store of its own (no people folder, no lock)."""
    own = StoreLayout.at(copy)
    return not any(p.exists() for p in (own.people_folder, own.lock_path, own.backups_folder))


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or "it cannot be read"
    return str(error)


def _shown(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)
