"""A three-way merge of a whole store: the index, then every person file (merge.py merges one).

A file one side lacks reads as empty: the merge keeps every record either side has and
deletes only through a tombstone, so a store half-written by a killed clone never reads as
"everything deleted".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from kindcheck.domain.namesakes import namesakes_line, shared_names
from kindcheck.store.merge import Merged, deleted_people, merge_index, merge_person_file
from kindcheck.sync.state import INDEX, PEOPLE
from kindcheck.sync.store_files import Document

Files = dict[str, Document]


@dataclass
class Outcome:
    """What a sync brought and sent, in records by kind ("note": 3)."""

    came_in: Counter[str] = field(default_factory=Counter)
    went_out: Counter[str] = field(default_factory=Counter)
    flagged: list[str] = field(default_factory=list)
    # Names this sync made shared (each machine added someone called so): name → how many.
    namesakes: dict[str, int] = field(default_factory=dict)

    def add(self, other: Outcome) -> None:
        self.came_in.update(other.came_in)
        self.went_out.update(other.went_out)
        self.flagged = sorted(set(self.flagged) | set(other.flagged))
        self.namesakes.update(other.namesakes)

    def line(self) -> str:
        """What the leader reads: "3 notes and 1 check-in from elsewhere; 2 notes sent." """
        parts = []
        if +self.came_in:
            parts.append(f"{_counted(self.came_in)} from elsewhere")
        if +self.went_out:
            parts.append(f"{_counted(self.went_out)} sent")
        said = "; ".join(parts) + "." if parts else "Already in step."
        said = said[0].upper() + said[1:]
        if self.flagged:
            n = len(self.flagged)
            said += (f" {n} {'record holds' if n == 1 else 'records hold'} two versions "
                     "written on different machines: both are kept for you to settle.")
        for name, count in sorted(self.namesakes.items()):
            said += " " + namesakes_line(name, count)
        return said


_PLURALS = {"person": "people"}
_ORDER = ("note", "check-in", "commitment", "follow-up", "person", "initiative", "deletion")


def _counted(counts: Counter[str]) -> str:
    kinds = sorted((k for k in counts if counts[k] > 0),
                   key=lambda k: (_ORDER.index(k) if k in _ORDER else len(_ORDER), k))
    said = [f"{counts[k]} {k if counts[k] == 1 else _PLURALS.get(k, k + 's')}" for k in kinds]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def merge_store(base: Files, ours: Files, theirs: Files) -> tuple[dict[str, Document | None],
                                                                     Outcome]:
    """Every file merged (None: the person was deleted for good), and what that means."""
    outcome = Outcome()
    merged: dict[str, Document | None] = {}

    def side(files: Files, name: str) -> Document:
        # The merge keeps a record either side has, so a missing file reads as empty; only
        # when both lack it does the base stand for both (nothing is dropped unasked).
        if name not in ours and name not in theirs:
            return base.get(name, {})
        return files.get(name, {})

    index = merge_index(base.get(INDEX), side(ours, INDEX), side(theirs, INDEX))
    _count(outcome, index)
    merged[INDEX] = index.document
    outcome.namesakes = new_namesakes(side(ours, INDEX), index.document)
    gone = deleted_people(index.document)
    people = sorted({n for files in (base, ours, theirs) for n in files if n.startswith(PEOPLE)})
    for name in people:
        if name[len(PEOPLE):] in gone:
            merged[name] = None
            continue
        result = merge_person_file(base.get(name), side(ours, name), side(theirs, name))
        _count(outcome, result)
        merged[name] = result.document
    return merged, outcome


def new_namesakes(ours: Document, merged: Document) -> dict[str, int]:
    """Names more people share in the merged index than in ours (said once, by the sync
    that brought them; the store's notices say it on every open until one is renamed)."""
    def names(index: Document) -> dict[str, int]:
        rows = index.get("people", {}).values()
        return shared_names(row["name"] for row in rows if isinstance(row.get("name"), str))

    before = {name.casefold(): count for name, count in names(ours).items()}
    return {name: count for name, count in names(merged).items()
            if before.get(name.casefold(), 1) < count}


def _count(outcome: Outcome, result: Merged) -> None:
    outcome.came_in.update(result.came_in)
    outcome.went_out.update(result.went_out)
    outcome.flagged.extend(result.flagged)
