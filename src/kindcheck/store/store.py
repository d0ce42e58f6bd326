"""The kindcheck store: a small index plus one TinyDB file per person.

Layout, for a main file `kindcheck.json`:

    kindcheck.json           index: people and a summary of each (what the dashboard needs)
    kindcheck.people/ID.json everything recorded about one person
    kindcheck.drafts.json    check-in drafts, saved as the leader types
    kindcheck.lock           the OS lock every read-modify-write holds
    kindcheck.backups/DAY/   daily copies (see backups.py)

All of them live beside the main file's real path: a symlink to the store addresses its
target (see layout.py).

A write rewrites only the person's own file and the small index, so its cost does not grow
with the whole team's history. Every change happens under the lock after re-reading any file
another process replaced, so nobody overwrites what someone else wrote.

A change to a person is two atomic writes: their file first, then their summary in the index,
which records the signature of the file it was made from. If the second write never happens
(a crash, a full disk) the change is still saved, and the stale summary is rebuilt from the
person's file the next time the index is read.
"""

from __future__ import annotations

import contextlib
import copy
import os
import re
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pendulum import DateTime
from tinydb import Query, TinyDB

from kindcheck.domain.clock import Clock, system_clock
from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    FollowUpStatus,
    Note,
    Person,
    PersonHistory,
    ValidationError,
)
from kindcheck.domain.summary import PersonSummary, summarize
from kindcheck.domain.text import normalized
from kindcheck.store import backups, codec, permissions
from kindcheck.store.drafts import DraftsMixin, check_drafts
from kindcheck.store.errors import (
    AmbiguousPerson,
    CorruptStore,
    MissingPersonFile,
    PersonNotFound,
    StoreError,
    StoreLocked,
    StoreWriteFailed,
)
from kindcheck.store.files import ensure_folder, remove_stale_temp_files, signature
from kindcheck.store.layout import StoreLayout
from kindcheck.store.shard import Shard, Tables, garbage_collection_paused

if TYPE_CHECKING:
    import filelock

Signature = tuple[int, int, int]

BACKUP_DAYS_KEPT = backups.DAYS_KEPT
by_id = Query().id
# A person's id names their file, so it must be a plain file name.
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Store(DraftsMixin):
    """All of kindcheck's data. Open it with `Store.open(path)`."""

    def __init__(self, path: Path, *, clock: Clock = system_clock, lock_timeout: float = 10.0):
        self.layout = StoreLayout.at(path)  # symlinks followed once, here
        self.path = self.layout.path
        self.folder = self.layout.folder
        self.clock = clock
        self.people_folder = self.layout.people_folder
        self.backups_folder = self.layout.backups_folder
        self.lock_path = self.layout.lock_path
        # What was made private on open (see permissions.py): the caller says so.
        self.tightened: list[Path] = []
        self._index = Shard(
            self.path, "index", self.backups_folder, validate=self._parse_index, guard=self._locked
        )
        self._drafts = Shard(
            self.layout.drafts_path, "drafts", self.backups_folder,
            validate=check_drafts, guard=self._locked,
        )
        self._person_shards: dict[str, Shard] = {}
        self._parsed: dict[str, codec.ParsedCache] = {}
        self._lock_timeout = lock_timeout
        self._lock: filelock.FileLock | None = None  # made on the first write
        self._thread_lock = threading.RLock()
        self._people: dict[str, Person] = {}
        self._summaries: dict[str, PersonSummary] = {}
        # The signature of each person's file their summary was made from, and the summaries
        # rebuilt in memory that the index file does not hold yet.
        self._sources: dict[str, Signature | None] = {}
        self._unsaved: set[str] = set()
        self._parsed_index: tuple[list[Person], dict[str, PersonSummary], dict[str, Any]] = (
            [], {}, {}
        )

    @classmethod
    def open(cls, path: Path, *, clock: Clock = system_clock, lock_timeout: float = 10.0) -> Store:
        """Open the store at `path`, reading and checking its index.

        Creates nothing on disk, except when an older kindcheck wrote the index: then it is
        upgraded in place (under the lock, after a backup copy). Files others could read are
        made private; `tightened` lists them.
        """
        store = cls(path, clock=clock, lock_timeout=lock_timeout)
        store._read_index()
        store.tightened = permissions.tighten(store.layout)
        return store

    def owns(self, path: str | os.PathLike[str]) -> bool:
        """Whether writing to `path` could change one of the store's files (see layout.py)."""
        return self.layout.owns(path)

    def notices(self) -> list[str]:
        """What the person should hear about the store's files right after opening it."""
        said = []
        if self.tightened:
            said.append(permissions.describe(self.tightened, self.folder))
        said.extend(str(self._missing_error(pid)) for pid in self._missing_ids())
        return said

    def missing_files(self) -> list[Path]:
        """Person files the index knows were written, but which are gone."""
        return [self._person_shard(pid).path for pid in self._missing_ids()]

    def check_files(self) -> None:
        """Raise MissingPersonFile for the first person whose file has gone missing."""
        for person_id in self._missing_ids():
            raise self._missing_error(person_id)

    # -- reading ------------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self._people

    def people(self, *, include_archived: bool = False) -> list[Person]:
        """People sorted by name; archived ones only when asked for.

        Each is a copy: changing it changes nothing until it is passed to `update_person`.
        """
        people = (copy.copy(p) for p in self._people.values() if include_archived or not p.archived)
        return sorted(people, key=lambda p: p.name.casefold())

    def person(self, person_id: str) -> Person:
        """The person with this id (a copy, like `people`)."""
        try:
            return copy.copy(self._people[person_id])
        except KeyError:
            raise PersonNotFound(person_id, [p.name for p in self.people()]) from None

    def find_person(self, query: str) -> Person:
        """An exact name (any case) wins; otherwise a unique case-insensitive prefix."""
        # Names are stored in NFC; a query typed with combining accents must match them.
        wanted = normalized(" ".join(query.split())).casefold()
        everyone = self.people(include_archived=True)
        exact = [p for p in everyone if p.name.casefold() == wanted]
        if len(exact) == 1:
            return exact[0]
        active = [p for p in everyone if not p.archived]
        matches = [p for p in active if wanted and p.name.casefold().startswith(wanted)]
        if not matches:
            # A first name anywhere in a full name is a natural thing to type too.
            matches = [
                p for p in active
                if wanted and any(w.startswith(wanted) for w in p.name.casefold().split())
            ]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousPerson(query, [p.name for p in matches])
        raise PersonNotFound(query, [p.name for p in active])

    def summary(self, person_id: str) -> PersonSummary:
        return self._summaries.get(person_id) or PersonSummary(person_id)

    def summaries(self) -> dict[str, PersonSummary]:
        return {pid: self.summary(pid) for pid in self._people}

    def history(self, person_id: str) -> PersonHistory:
        """Everything about one person, from their own file (re-read only if it changed).

        The records are shared with the store's parse cache: treat them as read-only.
        """
        self.person(person_id)
        with self._thread_lock:
            shard = self._person_shard(person_id)
            if not shard.exists:
                self._check_present(person_id)
                return PersonHistory(person_id)
            db = shard.db()
            tables = {name: _table_rows(db, name) for name in _HISTORY_TABLES}
            try:
                cache = self._parsed.setdefault(person_id, codec.ParsedCache())
                return codec.load_history(person_id, tables, cache)
            except codec.ShapeError as error:
                raise CorruptStore(shard.path, str(error), shard.backup()) from error

    def texts(self, person_id: str) -> list[codec.WrittenText]:
        """Every text written about one person, with when, in file order (for searching).

        Read without building records, so searching years of notes stays quick; a file that
        does not look as kindcheck writes it is read the careful way, which reports it.
        """
        self.person(person_id)
        with self._thread_lock, garbage_collection_paused():
            shard = self._person_shard(person_id)
            tables = shard.peek()
            if tables is not None:
                with contextlib.suppress(codec.ShapeError):
                    return codec.written_texts(tables)
        history = self.history(person_id)
        return codec.written_texts(codec.dump_history(history))

    @staticmethod
    def moment(stored: Any) -> DateTime:
        """The moment a `WrittenText` was written, from its stored form."""
        moment = codec.load_moment(stored)
        assert moment is not None
        return moment

    def histories(self, *, include_archived: bool = True) -> dict[str, PersonHistory]:
        return {p.id: self.history(p.id) for p in self.people(include_archived=include_archived)}

    # -- noticing other processes ------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        """True when another process replaced the index since we read it (usually one stat)."""
        with self._thread_lock:
            return self._index.is_stale()

    def refresh(self) -> bool:
        """Re-read the index if another process changed it. Returns whether anything changed."""
        with self._thread_lock:
            if not self.changed_on_disk():
                return False
            self._read_index()
            return True

    # -- people -------------------------------------------------------------------------------

    def add_person(self, person: Person) -> Person:
        """Save a new person; a name already taken (in any case) is refused."""
        with self._writing():
            if not isinstance(person.id, str) or not _SAFE_ID.fullmatch(person.id):
                raise ValidationError("A person's id may hold only letters, digits, - and _.")
            if person.id in self._people:
                raise ValidationError(f"{person.name} is already here.")
            self._check_unique_name(person)
            with self._index_change() as db:
                db.table("people").insert(codec.dump_person(person))
            self._people[person.id] = copy.copy(person)
        return person

    def update_person(self, person: Person) -> Person:
        """Save changes to a person (matched by id)."""
        with self._writing():
            self.person(person.id)
            self._check_unique_name(person)
            with self._index_change() as db:
                db.table("people").update(codec.dump_person(person), by_id == person.id)
            self._people[person.id] = copy.copy(person)
        return person

    def set_archived(self, person_id: str, archived: bool = True) -> Person:
        person = self.person(person_id)
        person.archived = archived
        return self.update_person(person)

    # -- notes, check-ins, commitments, follow-ups --------------------------------------------

    def add_note(self, note: Note) -> Note:
        with self._person_change(note.person_id) as db:
            db.table("notes").insert(codec.dump_note(note))
        return note

    def set_note_resolved(self, person_id: str, note_id: str, resolved: bool = True) -> None:
        when = codec.dump_moment(self.clock()) if resolved else None
        with self._person_change(person_id) as db:
            _update_one(db, "notes", note_id, {"resolved_at": when})

    def add_commitment(self, commitment: Commitment) -> Commitment:
        with self._person_change(commitment.person_id) as db:
            db.table("commitments").insert(codec.dump_commitment(commitment))
        return commitment

    def set_commitment_done(self, person_id: str, commitment_id: str, done: bool = True) -> None:
        when = codec.dump_moment(self.clock()) if done else None
        with self._person_change(person_id) as db:
            _update_one(db, "commitments", commitment_id, {"done_at": when})

    def add_followup(self, followup: FollowUp) -> FollowUp:
        with self._person_change(followup.person_id) as db:
            db.table("followups").insert(codec.dump_followup(followup))
        return followup

    def reschedule_followup(self, person_id: str, followup_id: str, at: DateTime) -> None:
        with self._person_change(person_id) as db:
            _update_one(db, "followups", followup_id, {"at": codec.dump_moment(at)})

    def set_followup_status(self, person_id: str, followup_id: str, status: FollowUpStatus) -> None:
        with self._person_change(person_id) as db:
            _update_one(db, "followups", followup_id, {"status": FollowUpStatus(status).value})

    def save_checkin(
        self,
        checkin: CheckIn,
        *,
        notes: Iterable[Note] = (),
        commitments: Iterable[Commitment] = (),
        followup: FollowUp | None = None,
        resolve_note_ids: Iterable[str] = (),
    ) -> CheckIn:
        """Save one conversation and all it produced in a single atomic write.

        Planned follow-ups up to the end of the check-in's day count as done: this talk was them.
        The person's draft is discarded afterwards (if that fails the check-in is still saved).
        """
        if followup is None and not checkin.no_follow_up:
            raise ValidationError("Choose the next follow-up, or type none to plan no follow-up.")
        notes, commitments = list(notes), list(commitments)
        records = [*notes, *commitments, *([followup] if followup else [])]
        if any(r.person_id != checkin.person_id for r in records):
            raise ValidationError("Everything saved with a check-in must be about its person.")
        end_of_day = checkin.at.end_of("day")
        with self._person_change(checkin.person_id) as db:
            db.table("checkins").insert(codec.dump_checkin(checkin))
            db.table("notes").insert_multiple(codec.dump_note(n) for n in notes)
            db.table("commitments").insert_multiple(codec.dump_commitment(c) for c in commitments)
            resolved_at = codec.dump_moment(checkin.at)
            for note_id in resolve_note_ids:
                _update_one(db, "notes", note_id, {"resolved_at": resolved_at})
            followups = db.table("followups")
            for row in followups.all():
                planned = codec.load_followup(row)
                if planned.is_planned and planned.at <= end_of_day:
                    followups.update({"status": FollowUpStatus.DONE.value}, by_id == planned.id)
            if followup is not None:
                followups.insert(codec.dump_followup(followup))
        with contextlib.suppress(StoreError):
            self.discard_draft(checkin.person_id)
        return checkin

    def add_history(self, history: PersonHistory) -> None:
        """Add many records for one person in a single write (sample data, imports)."""
        with self._person_change(history.person_id) as db:
            db.table("checkins").insert_multiple(codec.dump_checkin(c) for c in history.checkins)
            db.table("notes").insert_multiple(codec.dump_note(n) for n in history.notes)
            db.table("commitments").insert_multiple(
                codec.dump_commitment(c) for c in history.commitments
            )
            db.table("followups").insert_multiple(
                codec.dump_followup(f) for f in history.followups
            )

    # -- backups ------------------------------------------------------------------------------

    def daily_backup(self) -> Path | None:
        """Keep a real copy of every file once a day (see backups.py); old days beyond a
        week are removed."""
        if not self.path.exists():
            return None
        day = self.clock().to_date_string()
        day_folder = self.backups_folder / day
        if day_folder.exists():
            return day_folder
        with self._writing():
            if day_folder.exists():  # another kindcheck made it while we waited
                return day_folder
            files = [self.path, self._drafts.path, *sorted(self.people_folder.glob("*.json"))]
            try:
                return backups.take(self.backups_folder, day, files)
            except OSError as error:
                raise StoreWriteFailed(self.backups_folder, error) from error

    # -- inside -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the OS lock (re-entrant within this Store)."""
        # Imported with the first write: reading the store (the dashboard) does not need it.
        import filelock

        with self._thread_lock:
            try:
                ensure_folder(self.folder)
                if self._lock is None:
                    self._lock = filelock.FileLock(
                        self.lock_path, timeout=self._lock_timeout, mode=0o600
                    )
                self._lock.acquire()
            except filelock.Timeout:
                raise StoreLocked(self.path) from None
            except OSError as error:
                raise StoreWriteFailed(self.lock_path, error) from error
            try:
                yield
            finally:
                self._lock.release()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the OS lock and catch up with what other processes wrote."""
        with self._locked():
            remove_stale_temp_files(self.folder, self.path.name)
            remove_stale_temp_files(self.folder, self._drafts.path.name)
            remove_stale_temp_files(self.people_folder)
            self.refresh()
            yield

    @contextlib.contextmanager
    def _person_change(self, person_id: str) -> Iterator[TinyDB]:
        """Change one person's file atomically, then refresh their summary in the index."""
        with self._writing():
            self.person(person_id)
            shard = self._person_shard(person_id)
            if not shard.exists:
                self._check_present(person_id)  # never start a lost file afresh
            with shard.change() as db:
                yield db
            self._write_summary(person_id)

    def _write_summary(self, person_id: str) -> None:
        """Rebuild a person's summary and save it in the index.

        The change itself is already saved in the person's file, so a failure here is not
        reported: the summary is rebuilt from that file when the index is next read.
        """
        self._summaries[person_id] = summarize(self.history(person_id))
        self._sources[person_id] = self._person_shard(person_id).seen_signature
        self._unsaved.add(person_id)
        with contextlib.suppress(StoreWriteFailed), self._index_change():
            pass

    @contextlib.contextmanager
    def _index_change(self) -> Iterator[TinyDB]:
        """Change the index in one atomic write, saving any rebuilt summaries with it."""
        with self._index.change() as db:
            yield db
            summaries = db.table("summaries")
            for person_id in sorted(self._unsaved):
                record = codec.dump_summary(self.summary(person_id))
                source = self._sources.get(person_id)
                record["source"] = list(source) if source else None
                summaries.upsert(record, Query().person_id == person_id)
        self._unsaved.clear()

    def _person_shard(self, person_id: str) -> Shard:
        shard = self._person_shards.get(person_id)
        if shard is None:
            cache = self._parsed.setdefault(person_id, codec.ParsedCache())

            def check(tables: Tables) -> object:
                return codec.load_history(person_id, tables, cache)

            shard = Shard(
                self.people_folder / f"{person_id}.json", "person", self.backups_folder,
                validate=check, guard=self._locked,
            )
            self._person_shards[person_id] = shard
        return shard

    def _parse_index(self, tables: Tables) -> None:
        """Check the index's records as its file is read, keeping what they say."""
        people = [codec.load_person(r) for r in tables.get("people", {}).values()]
        for person in people:
            if not isinstance(person.id, str) or not _SAFE_ID.fullmatch(person.id):
                raise codec.ShapeError(f"a person id kindcheck cannot use: {person.id!r}")
        summaries: dict[str, PersonSummary] = {}
        sources: dict[str, Any] = {}
        for raw in tables.get("summaries", {}).values():
            summary = codec.load_summary(raw)
            summaries[summary.person_id] = summary
            sources[summary.person_id] = _signature_of(raw.get("source"))
        self._parsed_index = (people, summaries, sources)

    def _read_index(self) -> None:
        with self._thread_lock:
            self._index.forget()
            self._index.db()  # reads the file and checks it through _parse_index
            people, summaries, sources = self._parsed_index
            self._people = {p.id: p for p in people}
            self._summaries, self._sources = dict(summaries), dict(sources)
            self._unsaved = set()
            self._rebuild_stale_summaries()

    def _rebuild_stale_summaries(self) -> None:
        """Rebuild summaries whose person's file changed after they were made."""
        for person_id in self._people:
            shard = self._person_shard(person_id)
            if signature(shard.path) == self._sources.get(person_id):
                continue
            try:
                summary = summarize(self.history(person_id))
            except StoreError:
                continue  # the person's file is damaged: that shows when it is opened
            self._summaries[person_id] = summary
            self._sources[person_id] = shard.seen_signature
            self._unsaved.add(person_id)

    def _missing_ids(self) -> list[str]:
        return [
            pid for pid in sorted(self._people)
            if self._sources.get(pid) is not None and not self._person_shard(pid).exists
        ]

    def _check_present(self, person_id: str) -> None:
        """A person's file may be absent only while nothing was ever written for them: a
        summary made from a file records that file's signature."""
        if self._sources.get(person_id) is not None:
            raise self._missing_error(person_id)

    def _missing_error(self, person_id: str) -> MissingPersonFile:
        shard = self._person_shard(person_id)
        return MissingPersonFile(shard.path, self._people[person_id].name, shard.backup())

    def _check_unique_name(self, person: Person) -> None:
        for other in self._people.values():
            if other.id != person.id and other.name.casefold() == person.name.casefold():
                raise ValidationError(f"There is already someone called {other.name}.")


_HISTORY_TABLES = ("checkins", "notes", "commitments", "followups")


def _signature_of(raw: Any) -> Signature | None:
    if isinstance(raw, list) and len(raw) == 3 and all(type(n) is int for n in raw):
        return (raw[0], raw[1], raw[2])
    return None


def _table_rows(db: TinyDB, name: str) -> dict[str, dict[str, Any]]:
    tables = db.storage.read() or {}
    return tables.get(name, {})


def _update_one(db: TinyDB, table: str, record_id: str, fields: dict[str, Any]) -> None:
    if not db.table(table).update(fields, by_id == record_id):
        raise ValidationError(f"That {table[:-1]} is no longer there; perhaps it was removed.")
