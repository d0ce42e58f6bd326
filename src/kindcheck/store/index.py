"""The index (`kindcheck.json`): the people, and a summary of each (what the dashboard needs).

Each summary records the signature of the person file it was made from, and a digest of that
file's fingerprint (the write id at its head). A summary whose file changed since (another
process, or a crash between the two writes of a change) is rebuilt by the store and saved
with the next change of the index. A copied store (a restored backup, a new computer) has new
inode numbers but the same files: their fingerprints say so, and nothing is rebuilt.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from kindcheck.domain.model import Person, ValidationError
from kindcheck.domain.org import check_manager
from kindcheck.domain.summary import PersonSummary
from kindcheck.domain.text import normalized
from kindcheck.store import codec, people_codec
from kindcheck.store.errors import AmbiguousPerson, PersonNotFound, StoreError, one_line
from kindcheck.store.files import digest, read_fingerprint, signature
from kindcheck.store.shard import Guard, Shard, Tables

Signature = tuple[int, int, int]
by_id = Query().id
# A person's id names their file, so it must be a plain file name.
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_person_id(text: str) -> bool:
    """Whether `text` can be a person's id, and so the stem of their file's name."""
    return bool(_SAFE_ID.fullmatch(text))


class PeopleIndex:
    """What the index file says, kept in memory; `read()` brings it up to date."""

    def __init__(self, path: Path, backups: Path, guard: Guard) -> None:
        self.shard = Shard(path, "index", backups, validate=self._parse, guard=guard)
        self.people: dict[str, Person] = {}
        self.summaries: dict[str, PersonSummary] = {}
        # The signature of each person's file their summary was made from, and the summaries
        # rebuilt in memory that the index file does not hold yet.
        self._sources: dict[str, Signature | None] = {}
        self._writes: dict[str, str] = {}  # digests of those files' fingerprints, in hex
        self._unsaved: set[str] = set()
        self._parsed: tuple[
            list[Person], dict[str, PersonSummary], dict[str, Any], dict[str, str]
        ] = ([], {}, {}, {})

    @property
    def path(self) -> Path:
        return self.shard.path

    def is_stale(self) -> bool:
        """True when another process replaced the index since we read it (usually one stat)."""
        return self.shard.is_stale()

    def read(self) -> None:
        """Read the index file again, checking every record."""
        self.shard.forget()
        self.shard.db()  # reads the file and checks it through _parse
        people, summaries, sources, writes = self._parsed
        self.people = {p.id: p for p in people}
        self.summaries, self._sources, self._writes = dict(summaries), dict(sources), dict(writes)
        self._unsaved = set()

    def find(self, query: str) -> Person:
        """An exact name (any case) wins; otherwise a unique case-insensitive prefix of a
        name, or of a word in it, among the active people."""
        # Names are stored in NFC; a query typed with combining accents must match them.
        wanted = normalized(" ".join(query.split())).casefold()
        everyone = sorted(self.people.values(), key=lambda p: (p.name.casefold(), p.id))
        exact = [p for p in everyone if p.name.casefold() == wanted]
        if len(exact) == 1:
            return exact[0]
        # An id tells apart people who share a name (two machines each added one).
        if query.strip() in self.people:
            return self.people[query.strip()]
        if exact:
            raise SharedName(query, exact)
        active = [p for p in everyone if not p.archived]
        matches = [p for p in active if wanted and p.name.casefold().startswith(wanted)]
        if not matches:
            # A first name anywhere in a full name is a natural thing to type too.
            matches = [
                p for p in active
                if wanted and any(w.startswith(wanted) for w in p.name.casefold().split())
            ]  # fmt: skip
        if len(matches) == 1:
            return matches[0]
        if matches and len({p.name.casefold() for p in matches}) == 1:
            raise SharedName(query, matches)
        if matches:
            raise AmbiguousPerson(query, _told_apart(matches))
        raise PersonNotFound(query, [p.name for p in active])

    def summary(self, person_id: str) -> PersonSummary:
        return self.summaries.get(person_id) or PersonSummary(person_id)

    def source(self, person_id: str) -> Signature | None:
        """The signature of the person file the summary was made from (None: never written)."""
        return self._sources.get(person_id)

    def written(self) -> list[str]:
        """Ids of the people whose file was written at least once (their summary says so)."""
        return [pid for pid in sorted(self.people) if self._sources.get(pid) is not None]

    def stale(self, path: Callable[[str], Path]) -> list[str]:
        """Ids of the people whose summary was made from another file than the one there
        now (`path` names each person's file)."""
        return [pid for pid in self.people if not self._same_file(pid, path)]

    def _same_file(self, person_id: str, path: Callable[[str], Path]) -> bool:
        now = signature(path(person_id))
        source = self._sources.get(person_id)
        if now == source:
            return True
        wanted = self._writes.get(person_id)
        if now is None or source is None or wanted is None:
            return False
        # Another inode or time, perhaps the same file copied: its head tells (one small read).
        try:
            same = digest(read_fingerprint(path(person_id))).hex() == wanted
        except OSError:
            return False
        if same:
            self._sources[person_id] = now  # saved with the next change of the index
            self._unsaved.add(person_id)
        return same

    def set_summary(
        self,
        person_id: str,
        summary: PersonSummary,
        source: Signature | None,
        fingerprint: bytes | None = None,
    ) -> None:
        """Keep a rebuilt summary, made from the file with `source` and `fingerprint`; it is
        saved with the next `change()`."""
        self.summaries[person_id] = summary
        self._sources[person_id] = source
        if fingerprint is None:
            self._writes.pop(person_id, None)
        else:
            self._writes[person_id] = digest(fingerprint).hex()
        self._unsaved.add(person_id)

    def add_person(self, person: Person, *, namesake_ok: bool = False) -> None:
        """Save a new person (call under the store's lock); a name taken is refused unless
        `namesake_ok`."""
        if not isinstance(person.id, str) or not _SAFE_ID.fullmatch(person.id):
            raise ValidationError("A person's id may hold only letters, digits, - and _.")
        if person.id in self.people:
            raise ValidationError(f"{person.name} is already here.")
        if not namesake_ok:
            self._check_unique_name(person)
        check_manager(self.people.values(), person)  # someone here, and no loop
        with self.change() as db:
            db.table("people").insert(people_codec.dump_person(person))
        self.people[person.id] = person

    def update_person(self, person: Person) -> None:
        """Save changes to a person already here (call under the store's lock)."""
        self._check_unique_name(person)
        check_manager(self.people.values(), person)  # someone here, and no loop
        with self.change() as db:
            db.table("people").update(people_codec.dump_person(person), by_id == person.id)
        self.people[person.id] = person

    def forget(self, person_id: str) -> None:
        """Drop a person from what memory holds (store/removal.py, just before it writes the
        index without them)."""
        self.people.pop(person_id, None)
        self.summaries.pop(person_id, None)
        self._sources.pop(person_id, None)
        self._writes.pop(person_id, None)
        self._unsaved.discard(person_id)

    @contextlib.contextmanager
    def change(self) -> Iterator[TinyDB]:
        """Change the index in one atomic write, saving any rebuilt summaries with it."""
        with self.shard.change() as db:
            yield db
            summaries = db.table("summaries")
            for person_id in sorted(self._unsaved):
                record = codec.dump_summary(self.summary(person_id))
                source = self._sources.get(person_id)
                record["source"] = list(source) if source else None
                record["source_write"] = self._writes.get(person_id)
                summaries.upsert(record, Query().person_id == person_id)
        self._unsaved.clear()

    def _check_unique_name(self, person: Person) -> None:
        before = self.people.get(person.id)
        if before is not None and before.name.casefold() == person.name.casefold():
            return  # a name shared since a sync stays shared until the leader renames one
        for other in self.people.values():
            if other.id != person.id and other.name.casefold() == person.name.casefold():
                raise ValidationError(f"There is already someone called {other.name}.")

    def _parse(self, tables: Tables) -> None:
        """Check the index's records as its file is read, keeping what they say."""
        people = [people_codec.load_person(r) for r in tables.get("people", {}).values()]
        for raw in tables.get("initiatives", {}).values():  # kept by store/initiatives.py
            people_codec.load_initiative(raw)
        for person in people:
            if not isinstance(person.id, str) or not _SAFE_ID.fullmatch(person.id):
                raise codec.ShapeError(f"a person id kindcheck cannot use: {person.id!r}")
        summaries: dict[str, PersonSummary] = {}
        sources: dict[str, Any] = {}
        writes: dict[str, str] = {}
        for raw in tables.get("summaries", {}).values():
            summary = codec.load_summary(raw)
            summaries[summary.person_id] = summary
            sources[summary.person_id] = _signature_of(raw.get("source"))
            if isinstance(raw.get("source_write"), str):
                writes[summary.person_id] = raw["source_write"]
        self._parsed = (people, summaries, sources, writes)


class SharedName(AmbiguousPerson):
    """A name more than one person holds (two machines each added one): only an id picks."""

    def __init__(self, query: str, people: list[Person]) -> None:
        ids = [p.id for p in people]
        how_many = "Two" if len(ids) == 2 else str(len(ids))
        StoreError.__init__(self, f"{how_many} people are called {one_line(people[0].name, 80)}"
                            f" (ids {', '.join(ids[:-1])} and {ids[-1]}): type the id instead, "
                            "or rename one.")
        self.candidates = _told_apart(people)


def _told_apart(people: list[Person]) -> list[str]:
    """Names as a list for the leader, with the id of each person whose name another has."""
    counts = Counter(p.name.casefold() for p in people)
    return [f"{p.name} (id {p.id})" if counts[p.name.casefold()] > 1 else p.name for p in people]


def _signature_of(raw: Any) -> Signature | None:
    if isinstance(raw, list) and len(raw) == 3 and all(type(n) is int for n in raw):
        return (raw[0], raw[1], raw[2])
    return None
