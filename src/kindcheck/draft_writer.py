"""Check-in drafts written behind the typing, so the leader never waits for the disk.

Each draft save is an atomic write with fsync under the store's lock: 5 to 35 ms that used to
run on the event loop between keys. One thread per store writes them here, one at a time and
in order. Only the newest fields of each person wait: a write in flight is followed by at most
one more for that person, whatever was typed meanwhile. Whoever must know a draft is on disk
(leaving the form, the app closing) waits for it with `wait`.

The store's own locks keep this safe: every write holds its thread lock and its OS lock, as a
write from the event loop does. The thread is not a daemon: Python waits for the last write
before it exits. It ends whenever nothing is waiting, and starts again with the next draft.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store

# Longer than the store waits for its lock (10 s) with room for the write itself.
WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class Written:
    """How one draft write ended: `error` is None when it is on disk."""

    person_id: str
    ticket: int
    error: StoreError | None


class DraftNotWritten(StoreError):
    """The draft writer did not finish in time (the store stayed busy)."""

    def __init__(self) -> None:
        super().__init__("The draft is still being written; please try again in a moment.")


# `fields` None means: remove the person's draft.
_Job = tuple[int, dict[str, Any] | None, Callable[[Written], None] | None]


class DraftWriter:
    """Writes check-in drafts for one store in a background thread, newest fields first."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._changed = threading.Condition()
        self._waiting: dict[str, _Job] = {}
        self._in_flight: str | None = None
        self._done: dict[str, Written] = {}  # the last result for each person
        self._tickets = itertools.count(1)
        self._thread: threading.Thread | None = None

    def put(
        self,
        person_id: str,
        fields: dict[str, Any] | None,
        on_written: Callable[[Written], None] | None = None,
    ) -> int:
        """Write `fields` as the person's draft soon (None: remove it); returns a ticket.

        Anything still waiting for that person is replaced. `on_written` is called from the
        writer's thread once the write is done or has failed.
        """
        with self._changed:
            ticket = next(self._tickets)
            self._waiting[person_id] = (ticket, fields, on_written)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="kindcheck-drafts")
                self._thread.start()
        return ticket

    def wait(self, person_id: str, ticket: int, timeout: float = WAIT_SECONDS) -> Written:
        """Wait until the write `ticket` (or a newer one for the person) is done: its result."""
        with self._changed:
            done = self._changed.wait_for(lambda: self._finished(person_id, ticket), timeout)
            if not done:
                return Written(person_id, ticket, DraftNotWritten())
            return self._done[person_id]

    def write_now(self, person_id: str, fields: dict[str, Any] | None) -> None:
        """Write (or remove) the person's draft after anything waiting; raise if it failed."""
        written = self.wait(person_id, self.put(person_id, fields))
        if written.error is not None:
            raise written.error

    def drop(self, person_id: str) -> None:
        """Forget the person's waiting draft, and wait out one being written now.

        Before their check-in is saved: a draft written after it would look newer than it.
        """
        with self._changed:
            self._waiting.pop(person_id, None)
            self._changed.wait_for(lambda: self._in_flight != person_id, WAIT_SECONDS)

    def idle(self) -> bool:
        """True when nothing is waiting or being written."""
        with self._changed:
            return not self._waiting and self._in_flight is None

    def _finished(self, person_id: str, ticket: int) -> bool:
        done = self._done.get(person_id)
        return done is not None and done.ticket >= ticket

    def _run(self) -> None:
        while True:
            with self._changed:
                if not self._waiting:
                    self._thread = None
                    return
                person_id = next(iter(self._waiting))
                ticket, fields, on_written = self._waiting.pop(person_id)
                self._in_flight = person_id
            written = Written(person_id, ticket, self._write(person_id, fields))
            with self._changed:
                self._done[person_id] = written
                self._in_flight = None
                self._changed.notify_all()
            if on_written is not None:
                on_written(written)

    def _write(self, person_id: str, fields: dict[str, Any] | None) -> StoreError | None:
        try:
            if fields is None:
                self._store.discard_draft(person_id)
            else:
                self._store.save_draft(person_id, fields)
        except StoreError as error:
            return error
        except Exception as error:  # a surprise in a thread must still be said
            return StoreError(f"The draft could not be saved: {error}")
        return None


def draft_writer(store: Store) -> DraftWriter:
    """The one draft writer of `store`: one per store keeps its writes in order."""
    return store.companion(DraftWriter, lambda: DraftWriter(store))
