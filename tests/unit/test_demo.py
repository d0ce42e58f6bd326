"""The sample team: realistic, deterministic, fast, and polite to an existing team."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pendulum
import pytest
from pendulum import DateTime

from kindcheck.demo import (
    DEFAULT_PEOPLE,
    StoreNotEmpty,
    check_size,
    load_demo,
    sample_team,
)
from kindcheck.domain.agenda import build_agenda
from kindcheck.domain.cadence import CadenceState, cadence_status
from kindcheck.domain.model import FollowUpStatus, Person, PersonHistory, ValidationError
from kindcheck.export import export
from kindcheck.store.store import Store


def folder_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def fresh_store(path: Path, now: DateTime) -> Store:
    return Store.open(path, clock=lambda: now)


@pytest.fixture
def default_team(now: DateTime) -> list[tuple[Person, PersonHistory]]:
    return sample_team(now, people=DEFAULT_PEOPLE, weeks=12, seed=7)


# -- determinism ------------------------------------------------------------------------------


def test_same_seed_gives_an_identical_json_export(
    tmp_path: Path, now: DateTime
) -> None:
    one = fresh_store(tmp_path / "a" / "k.json", now)
    two = fresh_store(tmp_path / "b" / "k.json", now)
    load_demo(one, now, seed=11)
    load_demo(two, now, seed=11)
    assert export(one, "json", now) == export(two, "json", now)


def test_a_different_seed_gives_a_different_team(now: DateTime) -> None:
    first = sample_team(now, people=7, weeks=12, seed=1)
    second = sample_team(now, people=7, weeks=12, seed=2)
    assert [h.checkins[0].at for _, h in first[:6]] != [h.checkins[0].at for _, h in second[:6]]
    assert {p.id for p, _ in first}.isdisjoint({p.id for p, _ in second})


def test_generation_never_reads_the_wall_clock(now: DateTime) -> None:
    # Far in the past: any leak of the real "now" would put records after it.
    long_ago = pendulum.datetime(2001, 6, 1, 12, 0, tz="Europe/Berlin")
    for _, history in sample_team(long_ago, people=10, weeks=30, seed=3):
        moments = [c.at for c in history.checkins] + [n.at for n in history.notes]
        assert all(m < long_ago for m in moments)


# -- the default team tells a full story --------------------------------------------------------


def test_default_team_covers_every_situation(
    default_team: list[tuple[Person, PersonHistory]], now: DateTime
) -> None:
    people = [p for p, _ in default_team]
    assert len(people) == 7
    assert len({p.name for p in people}) == 7
    assert len({p.role for p in people}) == 7
    assert {"Asia/Tokyo", "America/New_York"} <= {p.timezone for p in people}
    assert {str(p.cadence) for p in people} >= {"weekly", "biweekly", "monthly", "10d"}
    assert all(p.what_matters for p in people)
    assert any(p.birthday is not None for p in people)
    states = [
        cadence_status(p, h.last_checkin.at if h.last_checkin else None, now).state
        for p, h in default_team
    ]
    assert states.count(CadenceState.NEVER) == 1
    assert states.count(CadenceState.OVERDUE) >= 1
    assert CadenceState.DUE in states


def test_default_team_history_is_about_twelve_weeks_and_human(
    default_team: list[tuple[Person, PersonHistory]], now: DateTime
) -> None:
    checkins = [c for _, h in default_team for c in h.checkins]
    assert 35 <= len(checkins) <= 80
    assert min(c.at for c in checkins) >= now.subtract(weeks=12).start_of("day")
    assert max(c.at for c in checkins) < now
    assert all(c.at.weekday() < 5 or c.at.date() == now.date() for c in checkins)
    moods = [c.mood for c in checkins if c.mood is not None]
    assert len(set(moods)) >= 3
    filled = [c for c in checkins if c.how_they_are]
    assert len(filled) / len(checkins) > 0.75
    assert len({c.how_they_are for c in filled}) > len(filled) / 2
    assert any(c.their_words for c in checkins)


def test_a_declining_mood_shows_in_the_last_weeks(
    default_team: list[tuple[Person, PersonHistory]],
) -> None:
    _, history = default_team[1]  # the overdue one has had a hard few weeks
    moods = [c.mood for c in sorted(history.checkins, key=lambda c: c.at) if c.mood]
    assert sum(moods[-3:]) / 3 < sum(moods[:3]) / 3


def test_default_team_has_open_items_commitments_and_follow_ups(
    default_team: list[tuple[Person, PersonHistory]], now: DateTime
) -> None:
    histories = [h for _, h in default_team]
    assert sum(len(h.open_missing) for h in histories) >= 3
    assert any(n.resolved_at for h in histories for n in h.notes)
    commitments = [c for h in histories for c in h.commitments]
    assert len({c.category for c in commitments}) >= 4
    today = now.date()
    on_time = [c for c in commitments if c.done_at and c.due and c.done_at.date() <= c.due]
    late_done = [c for c in commitments if c.done_at and c.due and c.done_at.date() > c.due]
    open_late = [c for c in commitments if c.is_late(today)]
    still_open = [c for c in commitments if c.is_open]
    assert on_time and late_done and open_late and still_open
    assert all(c.done_at is None or c.done_at < now for c in commitments)
    planned = [f for h in histories for f in h.planned_followups]
    assert all(now.start_of("day") <= f.at <= now.add(weeks=5) for f in planned)
    this_week = [f for f in planned if f.at <= now.add(days=7)]
    assert len(this_week) >= 5
    today_times = sorted(f.at.format("HH:mm") for f in planned if f.at.date() == today)
    assert len(today_times) >= 3
    # Nothing from an earlier day is left hanging as planned: it happened, or it was called off.
    assert all(f.status is not FollowUpStatus.PLANNED for h in histories for f in h.followups
               if f.at < now.start_of("day"))


def test_records_point_at_their_person_and_ids_are_unique(
    default_team: list[tuple[Person, PersonHistory]],
) -> None:
    ids: list[str] = []
    for person, history in default_team:
        assert history.person_id == person.id
        records = [*history.checkins, *history.notes, *history.commitments, *history.followups]
        assert all(r.person_id == person.id for r in records)
        checkin_ids = {c.id for c in history.checkins}
        assert all(n.checkin_id in checkin_ids for n in history.notes if n.checkin_id)
        ids += [person.id, *(r.id for r in records)]
    assert len(ids) == len(set(ids))


def test_todays_agenda_on_the_demo_is_full(tmp_path: Path, now: DateTime) -> None:
    store = fresh_store(tmp_path / "k.json", now)
    load_demo(store, now)
    agenda = build_agenda(store.people(), store.summaries(), now)
    assert len(agenda.followups) >= 3
    assert any(item.missed for item in agenda.followups)
    assert {item.status.state for item in agenda.people} >= {
        CadenceState.OVERDUE, CadenceState.DUE, CadenceState.NEVER,
    }  # fmt: skip
    assert any(item.late for item in agenda.commitments)
    assert any(not item.late for item in agenda.commitments)


@pytest.mark.parametrize("moment", [
    pendulum.datetime(2026, 11, 22, 20, 0, tz="Europe/Berlin"),  # a Sunday evening
    pendulum.datetime(2028, 2, 29, 9, 0, tz="Europe/Berlin"),  # a leap day
    pendulum.datetime(2026, 3, 29, 3, 30, tz="Europe/Berlin"),  # the morning clocks go forward
    pendulum.datetime(2027, 1, 31, 8, 0, tz="America/New_York"),  # a month end elsewhere
    pendulum.datetime(2026, 11, 23, 9, 30, tz="UTC"),
])  # fmt: skip
@pytest.mark.parametrize("weeks", [1, 2, 20])
def test_any_now_makes_a_consistent_team(tmp_path: Path, moment: DateTime, weeks: int) -> None:
    store = fresh_store(tmp_path / "k.json", moment)
    result = load_demo(store, moment, people=9, weeks=weeks)
    assert len(result.added) == 9
    for person in store.people():
        history = store.history(person.id)
        assert all(c.at < moment for c in history.checkins)
        assert all(n.at < moment for n in history.notes)
        assert all(n.resolved_at is None or n.at <= n.resolved_at < moment
                   for n in history.notes)
        assert all(c.done_at is None or c.created_at <= c.done_at < moment
                   for c in history.commitments)


# -- writing to the store -----------------------------------------------------------------------


def test_load_demo_writes_everything_and_reports_it(tmp_path: Path, now: DateTime) -> None:
    store = fresh_store(tmp_path / "k.json", now)
    result = load_demo(store, now)
    assert [p.name for p in result.added] == [p.name for p, _ in sample_team(now, people=7,
                                                                           weeks=12, seed=7)]
    reopened = Store.open(store.path, clock=lambda: now)
    histories = reopened.histories()
    assert sum(len(h.checkins) for h in histories.values()) == result.checkins
    assert sum(len(h.notes) for h in histories.values()) == result.notes
    text = result.describe(store.path)
    assert text.startswith(f"Added 7 people and 12 weeks of check-ins to {store.path}.")
    assert text.endswith("Open it with: kindcheck")


def test_refuses_a_store_with_people_and_leaves_it_untouched(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    before = folder_digest(store.folder)
    with pytest.raises(StoreNotEmpty, match="already has 3 people"):
        load_demo(store, now)
    assert folder_digest(store.folder) == before


def test_force_adds_alongside_and_skips_names_already_there(
    store: Store, team: dict[str, Person], now: DateTime
) -> None:
    sample_names = [p.name for p, _ in sample_team(now, people=7, weeks=12, seed=7)]
    store.add_person(Person(sample_names[2]))
    ada_history = store.history(team["ada"].id)
    result = load_demo(store, now, force=True)
    assert result.skipped == [sample_names[2]]
    assert len(result.added) == 6
    assert len(store.people()) == 3 + 1 + 6
    assert store.history(team["ada"].id) == ada_history
    again = load_demo(store, now, force=True)
    assert again.added == [] and len(again.skipped) == 7
    assert "Skipped 7 already there" in again.describe(store.path)


@pytest.mark.parametrize(("people", "weeks"), [(0, 12), (501, 12), (7, 0), (7, 521), (-1, 5)])
def test_sizes_out_of_range_are_refused(people: int, weeks: int) -> None:
    with pytest.raises(ValidationError):
        check_size(people, weeks)


def test_fifty_people_over_five_years_in_seconds(tmp_path: Path, now: DateTime) -> None:
    store = fresh_store(tmp_path / "k.json", now)
    started = time.perf_counter()
    result = load_demo(store, now, people=50, weeks=260)
    elapsed = time.perf_counter() - started
    assert len(result.added) == 50
    # Roughly one check-in per person per week (a few have longer cadences or joined later).
    assert 10_000 <= result.checkins <= 14_000
    assert result.notes >= 1.5 * result.checkins
    assert elapsed < 20, f"the five-year demo took {elapsed:.1f}s"
    reopened = Store.open(store.path, clock=lambda: now)
    assert sum(s.checkin_count for s in reopened.summaries().values()) == result.checkins
