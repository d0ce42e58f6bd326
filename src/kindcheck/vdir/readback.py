"""Reading the vdir back: what the leader changed in their calendar comes back to kindcheck.

Only kindcheck's own events count (UID and X-KINDCHECK-FOLLOWUP both say so); every other
file is read for nothing and never touched. Each is known by its content, not its file name:
vdirsyncer names the files it fetches after a random id, so on a second machine an event of
kindcheck's (a follow-up's or a promise's) sits under another name, and it is kept there
rather than written twice. For each follow-up kindcheck wrote:

- its event starts somewhere else: moved in the calendar, the follow-up is rescheduled;
- its event is gone (or marked cancelled): the follow-up is cancelled and remembered, so
  Today can offer it back with one key;
- both kindcheck and the calendar changed it since the last write: the later change wins
  (the event's LAST-MODIFIED against the follow-up's `changed_at`), and the other is said.

A file that cannot be read is reported with its reason and skipped; the rest go on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pendulum
from pendulum import Date, DateTime

from kindcheck.domain.model import FollowUp, FollowUpStatus, Person
from kindcheck.store.errors import StoreError
from kindcheck.vdir.events import ReadEvent, UnreadableEvent, file_name, read_event
from kindcheck.vdir.folder import Vdir, content_digest
from kindcheck.vdir.promises import promise_file_name
from kindcheck.vdir.state import CalendarState, Written

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store
    from kindcheck.vdir.mirror import SyncReport


def when(moment: DateTime) -> str:
    """A follow-up's time as the messages say it: "Thu 3 Dec 10:00"."""
    return moment.format("ddd D MMM HH:mm")


@dataclass(frozen=True, slots=True)
class _Known:
    person: Person
    followup: FollowUp


def read_back(store: Store, vdir: Vdir, state: CalendarState, clock: Clock) -> SyncReport:
    """Apply the calendar's changes to the store and to `state`; say what happened."""
    from kindcheck.vdir.mirror import SyncReport

    report = SyncReport()
    known, promises = _records(store)
    files: dict[str, list[tuple[str, ReadEvent, bytes]]] = {}
    promise_files: dict[str, list[tuple[str, ReadEvent, bytes]]] = {}
    for name in vdir.names():
        data = vdir.read(name)
        if data is None:
            continue  # removed while we looked
        try:
            event = read_event(data)
        except UnreadableEvent as error:
            report.unreadable.append((name, str(error)))
            continue
        if event.followup_id is not None:  # anything else is not kindcheck's: never touched
            files.setdefault(event.followup_id, []).append((name, event, data))
        elif event.promise_id is not None:
            promise_files.setdefault(event.promise_id, []).append((name, event, data))
    _find_promises(vdir, state, promises, promise_files)
    seen: dict[str, tuple[ReadEvent, float]] = {}
    for followup_id, copies in files.items():
        remembered = state.events[followup_id].file if followup_id in state.events else ""
        name, event, data = _one_file(vdir, remembered, file_name(followup_id), copies)
        seen[followup_id] = (event, _mtime(vdir, name))
        if followup_id not in state.events and followup_id in known:
            _adopt(state, known[followup_id], event, data)
        if followup_id in state.events:
            state.events[followup_id].file = name
    if not seen and len(state.events) > 1:
        # Every one of kindcheck's events gone at once is a wiped or unmounted folder, not a
        # leader deleting each: nothing is cancelled, they are written again.
        for written in state.events.values():
            written.content = ""
        report.said.append("None of kindcheck's events were in your calendar folder any more: "
                           "written again, nothing cancelled.")
        return report
    ours = [(known[fid], written) for fid, written in state.events.items() if fid in known]
    for found, written in sorted(ours, key=lambda pair: pair[0].followup.at):  # said in order
        followup_id = found.followup.id
        if not found.followup.is_planned or found.person.archived:
            continue  # done or cancelled here, or gone: writing removes its file
        event_seen = seen.get(followup_id)
        if event_seen is None or event_seen[0].cancelled:
            _deleted(store, state, found, written, report)
        else:
            _maybe_moved(store, state, found, written, *event_seen, report=report)
    return report


def _find_promises(vdir: Vdir, state: CalendarState, promises: dict[str, str],
                   found: dict[str, list[tuple[str, ReadEvent, bytes]]]) -> None:
    """Where each promise's event is, under whatever name (they go one way: the writer
    then rewrites that file as kindcheck has it, and never adds a second one)."""
    for commitment_id, copies in found.items():
        written = state.promises.get(commitment_id)
        name, event, data = _one_file(vdir, written.file if written else "",
                                      promise_file_name(commitment_id), copies)
        if written is not None:
            written.file = name
        elif commitment_id in promises:  # a new machine, a lost state file: adopt it
            state.promises[commitment_id] = Written(
                promises[commitment_id], "", "", event.sequence, content_digest(data), "",
                name)


def _one_file(vdir: Vdir, remembered: str, own_name: str,
              copies: list[tuple[str, ReadEvent, bytes]]) -> tuple[str, ReadEvent, bytes]:
    """The file that holds one of kindcheck's events. vdirsyncer names the files it fetches
    after a random id ("@" is not safe in its names), so on a second machine the event may
    sit under another name; a copy kindcheck wrote beside it under its own name is removed."""
    if len(copies) == 1:
        return copies[0]
    keep = next((c for c in copies if c[0] == remembered), None) or next(
        (c for c in copies if c[0] != own_name), copies[0])
    for name, _, _ in copies:
        if name != keep[0]:
            vdir.remove(name)  # the same event of kindcheck's twice: one is enough
    return keep


def _records(store: Store) -> tuple[dict[str, _Known], dict[str, str]]:
    """Every follow-up by id, and every commitment's person id by commitment id."""
    known: dict[str, _Known] = {}
    promises: dict[str, str] = {}
    for person in store.people(include_archived=True):
        try:
            history = store.history(person.id)
        except StoreError:
            continue  # a damaged file shows where it is opened; its events wait
        for followup in history.followups:
            known[followup.id] = _Known(person, followup)
        promises.update((c.id, person.id) for c in history.commitments)
    return known, promises


def _adopt(state: CalendarState, found: _Known, event: ReadEvent, data: bytes) -> None:
    """An event of ours with no memory of writing it (a new machine, a lost state file)."""
    start = event.start if isinstance(event.start, DateTime) else found.followup.at
    state.events[found.followup.id] = Written(
        found.person.id, start.isoformat(), "", event.sequence, content_digest(data), "",
    )
    if start != found.followup.at:
        # Nobody knows which side moved: make it count as changed on both, so the later wins.
        state.events[found.followup.id].start = ""


def _deleted(store: Store, state: CalendarState, found: _Known, written: Written,
             report: SyncReport) -> None:
    followup = found.followup
    if _changed_here_since(followup, written):
        written.content = ""  # kindcheck's change is later: the event comes back
        report.said.append(f"Kept in kindcheck: {found.person.name} at {when(followup.at)} "
                           "(it was deleted in your calendar before you changed it here).")
        return
    store.set_followup_status(found.person.id, followup.id, FollowUpStatus.CANCELLED)
    state.cancelled[followup.id] = found.person.id
    report.said.append(f"Cancelled in your calendar: {found.person.name}, "
                       f"{when(followup.at)} (Today can bring it back).")


def _maybe_moved(store: Store, state: CalendarState, found: _Known, written: Written,
                 event: ReadEvent, mtime: float, *, report: SyncReport) -> None:
    followup = found.followup
    assert event.start is not None
    moved_to = _new_start(event.start, followup.at)
    last_written = _parse(written.start)
    if last_written is not None and moved_to == last_written:
        return  # the calendar still says what kindcheck wrote
    if moved_to == followup.at:
        written.start = followup.at.isoformat()  # both sides agree already
        return
    name = found.person.name
    if last_written is None or followup.at != last_written or _overwritten(event, written):
        # Changed on both sides.
        event_changed = event.last_modified or pendulum.from_timestamp(mtime)
        here_changed = followup.changed_at
        if here_changed is not None and here_changed >= event_changed:
            written.content = ""  # kindcheck's later change goes back to the calendar
            report.said.append(f"Kept in kindcheck: {name} at {when(followup.at)} (the move "
                               f"to {when(moved_to)} in your calendar was earlier).")
            return
        report.said.append(f"Moved in your calendar: {name} to {when(moved_to)} (later than "
                           f"the change here to {when(followup.at)}).")
    else:
        report.said.append(f"Moved in your calendar: {name} to {when(moved_to)}")
    store.reschedule_followup(found.person.id, followup.id, moved_to)
    written.start = moved_to.isoformat()
    written.content = ""  # rewritten by kindcheck, SEQUENCE bumped


def _overwritten(event: ReadEvent, written: Written) -> bool:
    """Whether the calendar's version was changed from one older than kindcheck's last
    rewrite, which vdirsyncer's conflict rule then put over it (it picks a side, not the
    later change): its SEQUENCE is not past kindcheck's, or it was changed before that
    rewrite. Then the follow-up changed on both sides, though the vdir shows only one."""
    if written.sequence == 0:
        return False  # kindcheck never rewrote it: the calendar's change is the only one
    wrote = _parse(written.written_at)
    earlier = event.last_modified is not None and wrote is not None and event.last_modified < wrote
    return event.sequence <= written.sequence or earlier


def _changed_here_since(followup: FollowUp, written: Written) -> bool:
    wrote = _parse(written.written_at)
    return wrote is not None and followup.changed_at is not None and followup.changed_at > wrote


def _new_start(start: DateTime | Date, was: DateTime) -> DateTime:
    """The event's start in the follow-up's own zone; a whole day keeps its wall time."""
    zone = was.tzinfo if isinstance(was.tzinfo, pendulum.Timezone) else pendulum.UTC
    if isinstance(start, DateTime):
        return start.in_timezone(zone)
    return pendulum.datetime(start.year, start.month, start.day, was.hour, was.minute, tz=zone)


def _parse(text: str) -> DateTime | None:
    if not text:
        return None
    try:
        moment = pendulum.parse(text)
    except (ValueError, TypeError):
        return None
    return moment if isinstance(moment, DateTime) else None


def _mtime(vdir: Vdir, name: str) -> float:
    try:
        return os.stat(vdir.path(name)).st_mtime
    except OSError:
        return 0.0
