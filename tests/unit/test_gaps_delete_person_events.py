"""Deleting a person for good takes their events out of the leader's vdir at once (not at the
next `calendar sync`): their follow-ups and their promises' due days, with everyone else's and
foreign events left as they were. A real vdir under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pendulum

from kindcheck.calendar_settings import CalendarSettings
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Commitment, FollowUp, FollowUpStatus, Person
from kindcheck.store.store import Store
from kindcheck.vdir.events import file_name
from kindcheck.vdir.mirror import CalendarMirror
from kindcheck.vdir.promises import promise_file_name
from kindcheck.vdir.state import load_state

FOREIGN = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone//EN\r\nBEGIN:VEVENT\r\n"
           b"UID:standup@example.com\r\nDTSTAMP:20261101T080000Z\r\n"
           b"DTSTART:20261124T080000Z\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_deleting_a_person_removes_their_events_at_once(
    store: Store, clock: ManualClock, tmp_path: Path, now: pendulum.DateTime
) -> None:
    vdir = tmp_path / "calendars" / "kindcheck"
    mirror = CalendarMirror(store, CalendarSettings(vdir=vdir, commitments=True), clock)
    store.add_followup_hook(mirror.person_changed)
    ada = store.add_person(Person("Ada Lovelace"))
    sam = store.add_person(Person("Sam Okafor"))
    theirs = [store.add_followup(FollowUp(ada.id, now.add(days=d))) for d in (1, 8)]
    promise = store.add_commitment(Commitment(ada.id, "Log access", now,
                                              due=now.date().add(days=2)))
    kept = store.add_followup(FollowUp(sam.id, now.add(days=3)))
    (vdir / "standup.ics").write_bytes(FOREIGN)
    mirror.sync()
    gone_one = theirs[1]
    (vdir / file_name(gone_one.id)).unlink()  # deleted in the calendar: cancelled, offered
    mirror.sync()
    assert {f.id: f.status for f in store.history(ada.id).followups}[gone_one.id] \
        is FollowUpStatus.CANCELLED
    assert gone_one.id in mirror.cancelled_in_calendar()

    store.delete_person(ada.id)

    assert sorted(p.name for p in vdir.iterdir()) == sorted(
        [file_name(kept.id), "standup.ics"])
    assert (vdir / "standup.ics").read_bytes() == FOREIGN
    state = load_state(store.layout.calendar_state_path)
    assert set(state.events) == {kept.id}
    assert promise.id not in state.promises
    assert mirror.cancelled_in_calendar() == {}  # nothing of theirs left to offer back
    assert file_name(theirs[0].id) not in {p.name for p in vdir.iterdir()}
    assert promise_file_name(promise.id) not in {p.name for p in vdir.iterdir()}
