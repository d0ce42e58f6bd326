"""The kindcheck store: a small index plus one TinyDB file per person.

Layout, for a main file `kindcheck.json`:

    kindcheck.json           index: people and a summary of each (index.py)
    kindcheck.people/ID.json everything recorded about one person (person_files.py)
    kindcheck.drafts.json    check-in drafts, saved as the leader types (drafts.py)
    kindcheck.lock           the OS lock every read-modify-write holds (lock.py)
    kindcheck.backups/DAY/   daily copies (backups.py)

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
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pendulum import DateTime
from tinydb import TinyDB

from kindcheck.domain.clock import Clock, system_clock
from kindcheck.domain.model import (
    Person,
    PersonHistory,
)
from kindcheck.domain.namesakes import namesakes_line, shared_names
from kindcheck.domain.summary import PersonSummary, summarize
from kindcheck.store import backups, codec, permissions, seen
from kindcheck.store.conflict_copies import CopiesMerged, merge_on_open
from kindcheck.store.drafts import DraftsMixin, check_drafts
from kindcheck.store.errors import MissingPersonFile, PersonNotFound, StoreError, StoreWriteFailed
from kindcheck.store.files import remove_stale_temp_files
from kindcheck.store.index import PeopleIndex
from kindcheck.store.initiatives import InitiativesMixin
from kindcheck.store.layout import StoreLayout
from kindcheck.store.lock import StoreLock
from kindcheck.store.people_batch import PeopleBatchMixin
from kindcheck.store.person_files import PersonFiles
from kindcheck.store.record_changes import RecordChangesMixin
from kindcheck.store.removal import RemovalMixin
from kindcheck.store.settle import SettleMixin
from kindcheck.store.shard import Shard
from kindcheck.store.unsettled_restore import UnsettledRestoreMixin

BACKUP_DAYS_KEPT = backups.DAYS_KEPT
_Companion = TypeVar("_Companion")


class Store(
    RecordChangesMixin, DraftsMixin, InitiativesMixin, RemovalMixin, PeopleBatchMixin,
    SettleMixin, UnsettledRestoreMixin,
):
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
        self.copies = CopiesMerged()  # sync apps' conflict copies merged on open
        self._lock = StoreLock(self.path, self.lock_path, lock_timeout)
        self._thread_lock = self._lock.thread_lock
        self._index = PeopleIndex(self.path, self.backups_folder, self._lock.held)
        self._files = PersonFiles(self.people_folder, self.backups_folder, self._lock.held)
        self._drafts = Shard(
            self.layout.drafts_path, "drafts", self.backups_folder,
            validate=check_drafts, guard=self._lock.held,
        )  # fmt: skip
        self._companions: dict[type[Any], Any] = {}
        self._companions_lock = threading.Lock()

    def companion(self, kind: type[_Companion], make: Callable[[], _Companion]) -> _Companion:
        """The one `kind` that goes with this store (its draft writer, its calendar link),
        made by `make` the first time it is asked for.

        Kept on the store, not in a table beside it: a table keyed by store keeps every store
        alive through a value that holds it.
        """
        with self._companions_lock:
            found = self._companions.get(kind)
            if found is None:
                found = self._companions[kind] = make()
            return found

    @classmethod
    def open(cls, path: Path, *, clock: Clock = system_clock, lock_timeout: float = 10.0) -> Store:
        """Open the store at `path`, reading and checking its index.

        Creates nothing on disk, except when an older kindcheck wrote the index: then it is
        upgraded in place (under the lock, after a backup copy), and when a sync app left
        conflict copies: they are merged in and moved among the backups (`copies` says so).
        Files others could read are made private; `tightened` lists them.
        """
        store = cls(path, clock=clock, lock_timeout=lock_timeout)
        day = store.clock().to_date_string()
        store.copies = merge_on_open(store.layout, store._lock.held, day)
        store._read_index()
        store.tightened = permissions.tighten(store.layout)
        return store

    @property
    def drafts_path(self) -> Path:
        """The file check-in drafts are kept in."""
        return self._drafts.path

    def person_file(self, person_id: str) -> Path:
        """The file everything about one person is kept in (it may not exist yet)."""
        return self._files.shard(person_id).path

    def owns(self, path: str | os.PathLike[str]) -> bool:
        """Whether writing to `path` could change one of the store's files (see layout.py)."""
        return self.layout.owns(path)

    def notices(self) -> list[str]:
        """What the person should hear about the store's files right after opening it."""
        said = []
        if self.tightened:
            said.append(permissions.describe(self.tightened, self.folder))
        said.extend(self.copies.notices(self.folder))
        shared = shared_names(p.name for p in self._index.people.values())
        said.extend(namesakes_line(name, count) for name, count in shared.items())
        said.extend(str(self._missing_error(pid)) for pid in self._missing_ids())
        return said

    def missing_files(self) -> list[Path]:
        """Person files the index knows were written, but which are gone."""
        return [self._files.shard(pid).path for pid in self._missing_ids()]

    def check_files(self) -> None:
        """Raise MissingPersonFile for the first person whose file has gone missing."""
        for person_id in self._missing_ids():
            raise self._missing_error(person_id)

    # -- reading ------------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self._index.people

    def people(self, *, include_archived: bool = False) -> list[Person]:
        """People sorted by name; archived ones only when asked for.

        Each is a copy: changing it changes nothing until it is passed to `update_person`.
        """
        everyone = self._index.people.values()
        people = (copy.copy(p) for p in everyone if include_archived or not p.archived)
        return sorted(people, key=lambda p: p.name.casefold())

    def person(self, person_id: str) -> Person:
        """The person with this id (a copy, like `people`)."""
        try:
            return copy.copy(self._index.people[person_id])
        except KeyError:
            raise PersonNotFound(person_id, [p.name for p in self.people()]) from None

    def find_person(self, query: str) -> Person:
        """An exact name (any case) wins; otherwise a unique case-insensitive prefix."""
        return copy.copy(self._index.find(query))

    def summary(self, person_id: str) -> PersonSummary:
        return self._index.summary(person_id)

    def summaries(self) -> dict[str, PersonSummary]:
        return {pid: self.summary(pid) for pid in self._index.people}

    def history(self, person_id: str) -> PersonHistory:
        """Everything about one person, from their own file (re-read only if it changed).

        The records are shared with the store's parse cache: treat them as read-only.
        """
        self.person(person_id)
        with self._thread_lock:
            return self._files.history(
                person_id, check_present=lambda: self._check_present(person_id)
            )

    def texts(self, person_id: str) -> list[codec.WrittenText]:
        """Every text written about one person, with when, in file order (for searching).

        Read without building records, so searching years of notes stays quick; a file that
        does not look as kindcheck writes it is read the careful way, which reports it.
        """
        self.person(person_id)
        with self._thread_lock:
            texts = self._files.texts(person_id)
        if texts is None:  # not as kindcheck writes it: the careful way reports what is wrong
            texts = codec.written_texts(codec.dump_history(self.history(person_id)))
        return texts

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

    def add_person(self, person: Person, *, namesake_ok: bool = False) -> Person:
        """Save a new person; a name already taken (in any case) is refused, unless
        `namesake_ok` (restoring people who came to share a name, see domain/namesakes.py)."""
        with self._writing():
            self._index.add_person(copy.copy(person), namesake_ok=namesake_ok)
        return person

    def update_person(self, person: Person) -> Person:
        """Save changes to a person (matched by id)."""
        with self._writing():
            self.person(person.id)
            self._index.update_person(copy.copy(person))
        return person

    def set_archived(self, person_id: str, archived: bool = True) -> Person:
        person = self.person(person_id)
        person.archived = archived
        return self.update_person(person)

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

    def last_open(self) -> DateTime | None:
        """When kindcheck was last open on this store, if it is known (see seen.py)."""
        return seen.read_last_open(self.layout.seen_path)

    def mark_open(self, moment: DateTime) -> bool:
        """Note that kindcheck is open at `moment`; False when it could not be written.

        A store never written to has nothing to miss: nothing is created for it.
        """
        if not self.path.exists():
            return False
        try:
            seen.write_last_open(self.layout.seen_path, moment)
        except OSError:
            return False
        return True

    # -- inside -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the OS lock and catch up with what other processes wrote."""
        with self._lock.held():
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
            shard = self._files.shard(person_id)
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
        summary = summarize(self.history(person_id))
        self._index.set_summary(person_id, summary, *self._files.shard(person_id).seen_source)
        with contextlib.suppress(StoreWriteFailed), self._index.change():
            pass

    def _read_index(self) -> None:
        with self._thread_lock:
            self._index.read()
            self._rebuild_stale_summaries()

    def _rebuild_stale_summaries(self) -> None:
        """Rebuild summaries whose person's file changed after they were made."""
        for person_id in self._index.stale(self.person_file):
            try:
                summary = summarize(self.history(person_id))
            except StoreError:
                continue  # the person's file is damaged: that shows when it is opened
            self._index.set_summary(person_id, summary, *self._files.shard(person_id).seen_source)

    def _missing_ids(self) -> list[str]:
        return [pid for pid in self._index.written() if not self._files.shard(pid).exists]

    def _check_present(self, person_id: str) -> None:
        """A person's file may be absent only while nothing was ever written for them: a
        summary made from a file records that file's signature."""
        if self._index.source(person_id) is not None:
            raise self._missing_error(person_id)

    def _missing_error(self, person_id: str) -> MissingPersonFile:
        shard = self._files.shard(person_id)
        return MissingPersonFile(shard.path, self._index.people[person_id].name, shard.backup())
