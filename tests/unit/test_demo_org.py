"""`kindcheck demo --org`: the director's sample (demo/org.py): three managers with their
teams, someone reporting straight to the director, two initiatives this month with someone
to plan for, deterministic for a seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.demo import ORG_PEOPLE, load_demo
from kindcheck.demo.org import TEAMS, sample_org
from kindcheck.domain.initiatives import uncovered
from kindcheck.domain.model import ValidationError
from kindcheck.domain.org import reports_of
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import ok


def test_three_managers_each_with_a_team() -> None:
    org = sample_org(NOW, weeks=8, seed=3)
    people = [p for p, _ in org.people]
    assert len(people) == ORG_PEOPLE
    managers = [p for p in people if reports_of(people, p.id)]
    assert sorted(m.team for m in managers) == sorted(team for team, _ in TEAMS)
    for manager in managers:
        assert manager.manager_id is None  # they report to the director
        reports = reports_of(people, manager.id)
        assert len(reports) == 3
        assert {r.team for r in reports} == {manager.team}
        assert all("manager" not in r.role.casefold() for r in reports)
    direct = [p for p in people if p.manager_id is None and p not in managers]
    assert len(direct) == 1 and direct[0].team == ""
    assert all(h.notes for _, h in org.people if h.checkins)  # some notes to read


def test_two_initiatives_this_month_with_someone_to_plan_for() -> None:
    org = sample_org(NOW, weeks=8, seed=3)
    followups = [f for _, h in org.people for f in h.followups]
    ids = {p.id for p, _ in org.people}
    assert len(org.initiatives) == 2
    for initiative in org.initiatives:
        assert initiative.target is not None
        assert (initiative.target.year, initiative.target.month) == (NOW.year, NOW.month)
        assert initiative.target >= NOW.date()
        assert len(initiative.person_ids) >= 3 and set(initiative.person_ids) <= ids
        assert uncovered(initiative, followups, NOW)  # the month view has someone to plan


@pytest.mark.parametrize("seed", [1, 7, 42])
def test_the_same_seed_makes_the_same_org(seed: int) -> None:
    one, two = sample_org(NOW, weeks=6, seed=seed), sample_org(NOW, weeks=6, seed=seed)
    assert one == two
    assert sample_org(NOW, weeks=6, seed=seed + 1) != one


def test_loaded_into_a_store(store: Store) -> None:
    result = load_demo(store, NOW, people=ORG_PEOPLE, weeks=6, org=True)
    assert len(result.added) == ORG_PEOPLE and result.initiatives == 2
    everyone = store.people()
    assert sum(1 for p in everyone if reports_of(everyone, p.id)) == 3
    assert {i.name for i in store.initiatives.all()} == {
        "Move the build to the new CI", "Customer onboarding revamp"}


def test_too_few_people_for_an_org(store: Store) -> None:
    with pytest.raises(ValidationError, match="at least 4 people"):
        load_demo(store, NOW, people=3, weeks=6, org=True)


def test_on_the_command_line(store_path: Path) -> None:
    out = ok(store_path, "demo", "--org", "--weeks", "4", "--seed", "5")
    assert "Added 13 people" in out and "2 initiatives this month" in out
    assert "reports to" in ok(store_path, "people", "--team", "Platform")
    assert "--org" in ok(store_path, "demo", "--help")


def test_a_second_org_with_force_adds_only_what_is_new(store: Store) -> None:
    load_demo(store, NOW, people=ORG_PEOPLE, weeks=4, seed=1, org=True)
    again = load_demo(store, NOW, people=ORG_PEOPLE, weeks=4, seed=2, org=True, force=True)
    assert again.initiatives == 0  # the same initiatives are open already
    names = [i.name for i in store.initiatives.all()]
    assert len(names) == len(set(names)) == 2
    everyone = store.people()
    assert all(p.manager_id is None or any(m.id == p.manager_id for m in everyone)
               for p in everyone)
