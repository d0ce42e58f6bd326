"""Today's agenda: what is in it, what is left out, and in which order."""

from __future__ import annotations

import pendulum
from pendulum import DateTime

from kindcheck.domain.agenda import build_agenda
from kindcheck.domain.cadence import CadenceState
from kindcheck.domain.model import Cadence, Category, Commitment, FollowUp, Person
from kindcheck.domain.summary import CheckInGlance, PersonSummary
from kindcheck.store.store import Store


def summary_for(
    person: Person,
    *,
    last: DateTime | None = None,
    followups: list[FollowUp] | None = None,
    commitments: list[Commitment] | None = None,
) -> PersonSummary:
    glances = [CheckInGlance(last, 4, True)] if last is not None else []
    return PersonSummary(
        person.id,
        checkin_count=len(glances),
        recent_checkins=glances,
        planned_followups=followups or [],
        open_commitments=commitments or [],
    )


def test_nothing_to_do_is_clear(now: DateTime) -> None:
    ada = Person("Ada")
    agenda = build_agenda([ada], {ada.id: summary_for(ada, last=now.subtract(days=1))}, now)
    assert agenda.is_clear


def test_a_person_without_a_summary_counts_as_never_checked_in(now: DateTime) -> None:
    ada = Person("Ada")
    agenda = build_agenda([ada], {}, now)
    assert [item.status.state for item in agenda.people] == [CadenceState.NEVER]


def test_follow_ups_today_in_time_order_with_missed_ones_marked(now: DateTime) -> None:
    ada, bo = Person("Ada"), Person("Bo")
    early = FollowUp(ada.id, now.replace(hour=8, minute=0), "Career plan")
    late = FollowUp(bo.id, now.replace(hour=16, minute=30), "Course")
    noon = FollowUp(ada.id, now.replace(hour=12, minute=0))
    tomorrow = FollowUp(bo.id, now.add(days=1))
    yesterday = FollowUp(bo.id, now.subtract(days=1))
    fine = now.subtract(days=1)
    summaries = {
        ada.id: summary_for(ada, last=fine, followups=[noon, early]),
        bo.id: summary_for(bo, last=fine, followups=[yesterday, late, tomorrow]),
    }
    agenda = build_agenda([bo, ada], summaries, now)
    assert [item.followup for item in agenda.followups] == [early, noon, late]
    assert [item.missed for item in agenda.followups] == [True, False, False]
    assert agenda.followups[0].person is ada


def test_today_is_the_leaders_day_even_for_a_follow_up_stored_in_tokyo(now: DateTime) -> None:
    mika = Person("Mika", timezone="Asia/Tokyo")
    # Tuesday 00:30 in Tokyo is Monday 16:30 in Berlin: today for the leader.
    tonight = FollowUp(mika.id, pendulum.datetime(2026, 11, 24, 0, 30, tz="Asia/Tokyo"))
    # Monday 07:00 in Tokyo was Sunday evening in Berlin: not today.
    sunday = FollowUp(mika.id, pendulum.datetime(2026, 11, 23, 7, 0, tz="Asia/Tokyo"))
    summaries = {mika.id: summary_for(mika, last=now.subtract(days=1),
                                      followups=[sunday, tonight])}
    agenda = build_agenda([mika], summaries, now)
    assert [item.followup for item in agenda.followups] == [tonight]
    assert not agenda.followups[0].missed


def test_people_ordered_overdue_most_first_then_due_then_never(now: DateTime) -> None:
    people = {
        "Zoe": now.subtract(days=9),  # overdue 2
        "yusuf": now.subtract(days=12),  # overdue 5
        "Anna": now.subtract(days=7),  # due
        "Bea": None,  # never
        "Carl": now.subtract(days=2),  # fine: left out
        "adam": now.subtract(days=9),  # overdue 2, sorts before Zoe by name
        "Abe": None,  # never
    }
    team = [Person(name) for name in people]
    summaries = {p.id: summary_for(p, last=people[p.name]) for p in team}
    agenda = build_agenda(team, summaries, now)
    assert [item.person.name for item in agenda.people] == [
        "yusuf", "adam", "Zoe", "Anna", "Abe", "Bea",
    ]  # fmt: skip
    assert [item.status.days_overdue for item in agenda.people[:3]] == [5, 2, 2]


def test_commitments_due_today_and_late_only_in_due_order(now: DateTime) -> None:
    ada, bo = Person("Ada"), Person("Bo")
    today = now.date()
    made = now.subtract(days=10)
    due_today = Commitment(ada.id, "Book the course", made, Category.TRAINING, today)
    late = Commitment(bo.id, "Order a laptop", made, Category.TOOLS, today.subtract(days=3))
    also_late = Commitment(ada.id, "Clarify scope", made, Category.DIRECTIONS,
                           today.subtract(days=3))
    upcoming = Commitment(ada.id, "Later", made, due=today.add(days=1))
    undated = Commitment(bo.id, "Someday", made)
    fine = now.subtract(days=1)
    summaries = {
        ada.id: summary_for(ada, last=fine, commitments=[due_today, also_late, upcoming]),
        bo.id: summary_for(bo, last=fine, commitments=[late, undated]),
    }
    agenda = build_agenda([ada, bo], summaries, now)
    assert [item.commitment for item in agenda.commitments] == [also_late, late, due_today]
    assert [item.late for item in agenda.commitments] == [True, True, False]


def test_archived_people_are_left_out_entirely(now: DateTime) -> None:
    gone = Person("Gone", archived=True)
    summary = summary_for(
        gone,
        last=now.subtract(days=30),
        followups=[FollowUp(gone.id, now.replace(hour=15))],
        commitments=[Commitment(gone.id, "Promise", now.subtract(days=9),
                                due=now.date().subtract(days=2))],
    )
    assert build_agenda([gone], {gone.id: summary}, now).is_clear


def test_agenda_from_the_store(store: Store, team: dict[str, Person], now: DateTime) -> None:
    agenda = build_agenda(store.people(), store.summaries(), now)
    assert [(i.person.name, i.followup.topic) for i in agenda.followups] == [
        ("Ada Lovelace", "Staging access")
    ]
    assert [(i.person.name, i.status.state) for i in agenda.people] == [
        ("Ada Lovelace", CadenceState.OVERDUE),
        ("Sam Okafor", CadenceState.NEVER),
    ]
    assert agenda.people[0].status.days_overdue == 3
    assert [(i.commitment.text, i.late) for i in agenda.commitments] == [
        ("Ask ops for log access", True)
    ]


def test_archiving_in_the_store_clears_them_from_the_agenda(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    store.set_archived(team["ada"].id)
    store.set_archived(team["sam"].id)
    agenda = build_agenda(store.people(include_archived=True), store.summaries(), now)
    assert agenda.is_clear


def test_monthly_person_due_today(now: DateTime) -> None:
    lena = Person("Lena", cadence=Cadence.parse("monthly"))
    agenda = build_agenda([lena], {lena.id: summary_for(lena, last=now.subtract(months=1))},
                          now)
    assert [item.status.state for item in agenda.people] == [CadenceState.DUE]
