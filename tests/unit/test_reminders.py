"""Tests for follow-up reminders: five minutes before, at the start, and missed ones."""

from __future__ import annotations

import pendulum
from pendulum import DateTime

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import FollowUp, FollowUpStatus, Person
from kindcheck.domain.reminders import ReminderKind, due_reminders, missed_reminders
from kindcheck.domain.summary import PersonSummary
from kindcheck.reminder_watcher import ReminderWatcher
from kindcheck.store.store import Store


def fired(watcher: ReminderWatcher) -> list[tuple[ReminderKind, str]]:
    return [(r.kind, r.person.name) for r in watcher.check()]


def test_five_minute_and_start_reminders_fire_once_each(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    watcher = ReminderWatcher(store, clock)  # 09:30; Ada's follow-up is at 14:00
    assert fired(watcher) == []
    clock.advance(hours=4, minutes=24)  # 13:54
    assert fired(watcher) == []
    clock.advance(minutes=1)  # 13:55
    assert fired(watcher) == [(ReminderKind.SOON, "Ada Lovelace")]
    assert fired(watcher) == []
    clock.advance(minutes=2)
    assert fired(watcher) == []
    clock.advance(minutes=3)  # 14:00
    assert fired(watcher) == [(ReminderKind.NOW, "Ada Lovelace")]
    clock.advance(minutes=1)
    assert fired(watcher) == []


def test_a_long_jump_across_both_rings_only_once(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    watcher = ReminderWatcher(store, clock)
    clock.advance(hours=5)  # 14:30: the warning and the start both passed unseen
    assert fired(watcher) == [(ReminderKind.NOW, "Ada Lovelace")]
    assert fired(watcher) == []


def test_a_rescheduled_follow_up_reminds_again_at_its_new_time(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    watcher = ReminderWatcher(store, clock)
    clock.advance(hours=4, minutes=30)  # 14:00
    assert fired(watcher) == [(ReminderKind.NOW, "Ada Lovelace")]
    ada = team["ada"]
    followup = store.summary(ada.id).planned_followups[0]
    store.reschedule_followup(ada.id, followup.id, clock().add(hours=1))  # 15:00
    clock.advance(minutes=55)
    assert fired(watcher) == [(ReminderKind.SOON, "Ada Lovelace")]


def test_a_clock_standing_still_or_stepping_back_says_nothing(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    watcher = ReminderWatcher(store, clock)
    clock.moment = clock.moment.subtract(hours=1)
    assert fired(watcher) == []


def test_reminder_messages_are_short_and_name_the_persons_time(
    store: Store, team: dict[str, Person], clock: ManualClock
) -> None:
    clock.moment = pendulum.datetime(2026, 11, 27, 9, 50, tz="Europe/Berlin")
    watcher = ReminderWatcher(store, clock)
    clock.advance(minutes=5)
    [soon] = watcher.check()
    assert soon.message() == "In 5 minutes, 10:00: Mika Tanaka · Design review (18:00 for Mika)"
    clock.advance(minutes=5)
    [start] = watcher.check()
    assert start.message() == "Now: time to check in with Mika Tanaka · Design review"


def test_missed_while_closed_lists_past_planned_follow_ups(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    sam = team["sam"]
    store.add_followup(FollowUp(sam.id, now.subtract(days=2), "Rota"))
    store.add_followup(FollowUp(sam.id, now.subtract(days=30), "Long ago"))
    done = store.add_followup(FollowUp(sam.id, now.subtract(days=1), "Talked already"))
    store.set_followup_status(sam.id, done.id, FollowUpStatus.DONE)
    clock = ManualClock(now.replace(hour=15))  # Ada's 14:00 has passed too
    watcher = ReminderWatcher(store, clock)
    missed = watcher.missed()
    assert [(r.kind, r.person.name, r.followup.topic) for r in missed] == [
        (ReminderKind.MISSED, "Sam Okafor", "Rota"),
        (ReminderKind.MISSED, "Ada Lovelace", "Staging access"),
    ]
    assert missed[0].message() == (
        "Missed Sat 21 Nov 09:30: Sam Okafor · Rota. Reschedule it in the calendar."
    )
    # Knowing when kindcheck last ran reaches further back, and no earlier.
    long_away = ReminderWatcher(store, clock, last_seen=now.subtract(days=40)).missed()
    assert [r.followup.topic for r in long_away] == ["Long ago", "Rota", "Staging access"]
    recent = ReminderWatcher(store, clock, last_seen=now.subtract(days=1)).missed()
    assert [r.followup.topic for r in recent] == ["Staging access"]


def test_due_reminders_are_pure_and_skip_archived_people(now: DateTime) -> None:
    here, gone = Person("Ada Lovelace"), Person("Old Friend", archived=True)
    summaries = {
        p.id: PersonSummary(p.id, planned_followups=[FollowUp(p.id, now.add(minutes=5))])
        for p in (here, gone)
    }
    found = due_reminders([here, gone], summaries, now.subtract(minutes=1), now)
    assert [(r.kind, r.person.name) for r in found] == [(ReminderKind.SOON, "Ada Lovelace")]
    assert due_reminders([here], summaries, now, now) == []
    assert missed_reminders([here], summaries, now.add(minutes=10)) != []
