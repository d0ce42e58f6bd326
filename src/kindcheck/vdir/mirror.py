"""Keeps the vdir in step with the store: every planned follow-up is one event file.

`CalendarMirror` is what the shell and the app attach to the store (`add_followup_hook`):
after a person's follow-ups changed it writes the files that the change made stale and removes
those of follow-ups that are done or cancelled. `sync()` also reads back what the calendar
changed (readback.py) and mends every missing or stale file.

A failed vdir write never undoes the store's change (the store is the leader's record, the
vdir a copy): it is said in one line and the next sync mends it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pendulum import DateTime

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.model import Commitment, FollowUp, FollowUpStatus, Person, PersonHistory
from kindcheck.store.errors import StoreError
from kindcheck.vdir.events import EventPlan, UnreadableEvent, file_name, read_event
from kindcheck.vdir.folder import Vdir, content_digest
from kindcheck.vdir.promises import PromisePlan, promise_file_name
from kindcheck.vdir.state import CalendarState, Written, load_state, save_state

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store

Warn = Callable[[str], None]


class _Plan(Protocol):
    """An event kindcheck means to write (events.EventPlan, promises.PromisePlan)."""

    @property
    def content_key(self) -> str: ...

    def render(self, *, sequence: int, stamp: DateTime) -> bytes: ...


@dataclass(slots=True)
class SyncReport:
    """What one sync did, in words for the leader."""

    said: list[str] = field(default_factory=list)  # moves, cancellations, both-changed
    written: int = 0
    removed: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # file name, reason


class CalendarMirror:
    """The vdir of one store, written by kindcheck."""

    def __init__(self, store: Store, settings: CalendarSettings, clock: Clock,
                 warn: Warn | None = None) -> None:
        assert settings.vdir is not None
        self.store = store
        self.settings = settings
        self.clock = clock
        self.vdir = Vdir(settings.vdir)
        self.warn = warn or (lambda line: None)
        self._busy = False  # read-back's own store changes are written once, at its end

    @property
    def state_path(self) -> Path:
        """The file that remembers what kindcheck wrote (beside the store)."""
        return self.store.layout.calendar_state_path

    # -- the store's hook ---------------------------------------------------------------------

    def person_changed(self, person_id: str) -> None:
        """After `person_id`'s follow-ups changed: write what is stale, never raise."""
        if self._busy:
            return
        try:
            with self._state() as state:
                self.write_person(person_id, state, mend=False)
        except (OSError, StoreError) as error:
            self.warn(_failed(error))

    # -- writing ------------------------------------------------------------------------------

    def write_person(self, person_id: str, state: CalendarState, *, mend: bool) -> SyncReport:
        """Bring one person's event files in step; `mend` also rewrites missing or changed files."""
        report = SyncReport()
        try:
            person = self.store.person(person_id)
            history: PersonHistory | None = self.store.history(person_id)
        except StoreError:
            person, history = None, None  # gone from the store: their events go too
        followups = {f.id: f for f in (history.followups if history else [])}
        for planned in followups.values():
            if person is not None and _wanted(person, planned):
                self._write_one(person, planned, state, mend, report)
        for followup_id, written in list(state.events.items()):
            if written.person_id != person_id:
                continue
            followup = followups.get(followup_id)
            if followup is None or person is None or not _wanted(person, followup):
                self._remove_own(written.file or file_name(followup_id), followup_id, report)
                del state.events[followup_id]
        for followup_id, owner in list(state.cancelled.items()):
            followup = followups.get(followup_id)
            if owner == person_id and (followup is None or followup.is_planned):
                del state.cancelled[followup_id]  # planned again, or gone: nothing to offer
        self._write_promises(person, person_id, history, state, mend, report)
        return report

    def _write_promises(self, person: Person | None, person_id: str,
                        history: PersonHistory | None, state: CalendarState, mend: bool,
                        report: SyncReport) -> None:
        """Open commitments with a due day, when the leader chose them (promises.py)."""
        wanted: dict[str, Commitment] = {}
        if person is not None and history is not None and self.settings.commitments:
            wanted = {c.id: c for c in history.commitments
                      if c.is_open and c.due is not None and not person.archived}
        for commitment in wanted.values():
            promise = PromisePlan.of(person.name if person else "", commitment, self.settings)
            self._write_file(promise_file_name(commitment.id), promise, state.promises,
                             commitment.id, person_id, promise.due.isoformat(), mend, report)
        for commitment_id, written in list(state.promises.items()):
            if written.person_id == person_id and commitment_id not in wanted:
                self._remove_own(written.file or promise_file_name(commitment_id),
                                 commitment_id, report, promise=True)
                del state.promises[commitment_id]

    def write_all(self, state: CalendarState, *, mend: bool = True) -> SyncReport:
        """Every person's events, and the files of people no longer in the store removed."""
        report = SyncReport()
        people = {p.id for p in self.store.people(include_archived=True)}
        people |= {w.person_id for w in (*state.events.values(), *state.promises.values())}
        for person_id in sorted(people):
            one = self.write_person(person_id, state, mend=mend)
            report.written += one.written
            report.removed += one.removed
        return report

    def _write_one(self, person: Person, followup: FollowUp, state: CalendarState,
                   mend: bool, report: SyncReport) -> None:
        plan = EventPlan.of(person.name, followup, self.settings, self._prep(person, followup))
        self._write_file(file_name(followup.id), plan, state.events, followup.id, person.id,
                         plan.start.isoformat(), mend, report)

    def _write_file(self, name: str, plan: _Plan, entries: dict[str, Written], record_id: str,
                    person_id: str, start: str, mend: bool, report: SyncReport) -> None:
        written = entries.get(record_id)
        name = written.file if written is not None and written.file else name
        if written is not None and written.content == plan.content_key:
            if not mend:
                return  # unchanged here; what the calendar did is read-back's to see
            on_disk = self.vdir.read(name)
            if on_disk is not None and content_digest(on_disk) == written.digest:
                return
        sequence = written.sequence + 1 if written is not None else 0
        # Past the calendar's too: a phone may have bumped it further than kindcheck did, and
        # an event must never go back to an older SEQUENCE than the one it replaces.
        sequence = max(sequence, self._sequence_there(name, record_id) + 1)
        now = self.clock()
        data = plan.render(sequence=sequence, stamp=now)
        self.vdir.write(name, data)
        entries[record_id] = Written(person_id, start, plan.content_key, sequence,
                                     content_digest(data), now.isoformat(),
                                     written.file if written is not None else "")
        report.written += 1

    def _sequence_there(self, name: str, record_id: str) -> int:
        """The SEQUENCE of the event of `record_id` now in the file, or -1 when none is."""
        data = self.vdir.read(name) if self.vdir.folder.is_dir() else None
        if data is None:
            return -1
        try:
            event = read_event(data)
        except UnreadableEvent:
            return -1
        return event.sequence if record_id in (event.followup_id, event.promise_id) else -1

    def _remove_own(self, name: str, record_id: str, report: SyncReport, *,
                    promise: bool = False) -> None:
        """Delete an event file, only if what is there is still kindcheck's event."""
        data = self.vdir.read(name)
        if data is None:
            return
        try:
            event = read_event(data)
        except UnreadableEvent:
            return  # not ours to judge: leave it
        if (event.promise_id if promise else event.followup_id) == record_id:
            self.vdir.remove(name)
            report.removed += 1

    def _prep(self, person: Person, followup: FollowUp) -> str:
        if self.settings.details != "prep":
            return ""
        from kindcheck.prep import prep_page  # only for the leaders who chose it

        # As it will read at the follow-up, without the "Prepared HH:mm" line: a page made
        # "now" would differ every minute and rewrite the event at every sync.
        page = prep_page(person, self.store.history(person.id), followup.at)
        return "\n".join(line for line in page.splitlines() if not line.startswith("Prepared "))

    # -- the state file -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _state(self) -> Iterator[CalendarState]:
        """The state, read and saved under the store's lock."""
        with self.store.locked():
            state = load_state(self.state_path)
            folder = str(self.vdir.folder)
            if state.vdir != folder:
                # A new folder in the settings: what was written to the old one says nothing
                # about this one (an empty new folder must not cancel every follow-up).
                state.events.clear()
                state.promises.clear()
                state.last_readback, state.vdir = None, folder
            try:
                yield state
            finally:
                save_state(self.state_path, state)  # what was written is remembered

    # -- sync ---------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Read back what the calendar changed, then write every missing or stale event."""
        from kindcheck.vdir.readback import read_back

        self.vdir.ensure()
        with self._state() as state:
            self._busy = True
            try:
                report = read_back(self.store, self.vdir, state, self.clock)
            finally:
                self._busy = False
            state.last_readback = self.clock().isoformat()
            written = self.write_all(state)
        report.written, report.removed = written.written, written.removed
        return report

    def restore(self, person_id: str, followup_id: str) -> None:
        """Plan again a follow-up cancelled because its event was deleted in the calendar."""
        self.store.set_followup_status(person_id, followup_id, FollowUpStatus.PLANNED)
        with self._state() as state:
            state.cancelled.pop(followup_id, None)

    def cancelled_in_calendar(self) -> dict[str, str]:
        """Follow-up id -> person id, for those the calendar cancelled (Today offers them)."""
        return dict(load_state(self.state_path).cancelled)


def _wanted(person: Person, followup: FollowUp) -> bool:
    return followup.is_planned and not person.archived


def _failed(error: Exception) -> str:
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        reason = f"{where}{error.strerror or error}"
    else:
        reason = str(error)
    return (f"Saved, but the calendar could not be written ({reason}); "
            "kindcheck calendar sync mends it.")
