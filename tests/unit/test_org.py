"""Reports-to (domain/org.py): direct reports, and loops refused with the people named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindcheck.domain.model import Person, ValidationError
from kindcheck.domain.org import (
    chain_above,
    check_manager,
    check_no_cycle,
    reports_of,
    team_spelling,
)


def people(**managers: str | None) -> list[Person]:
    """People whose ids are their names, with `name=manager` pairs."""
    return [Person(name.title(), id=name, manager_id=boss) for name, boss in managers.items()]


def test_reports_are_direct_and_sorted_by_name() -> None:
    team = people(ada=None, zoe="ada", bo="ada", cy="bo")
    assert [p.name for p in reports_of(team, "ada")] == ["Bo", "Zoe"]
    assert [p.name for p in reports_of(team, "bo")] == ["Cy"]
    assert reports_of(team, "cy") == []


def test_managing_yourself_is_refused_by_name() -> None:
    with pytest.raises(ValidationError, match="Ada can't report to themselves"):
        check_no_cycle(people(ada=None), "ada", "ada")


def test_a_two_person_loop_names_both() -> None:
    team = people(ada=None, bo="ada")
    with pytest.raises(ValidationError) as caught:
        check_no_cycle(team, "ada", "bo")
    assert str(caught.value) == (
        "Ada can't report to Bo: that would make a loop (Ada reports to Bo, who reports to Ada)."
    )


def test_a_longer_loop_names_everyone_in_it() -> None:
    team = people(ada=None, bo="ada", cy="bo", di="cy")
    said = "Ada reports to Di, who reports to Cy, who reports to Bo, who reports to Ada"
    with pytest.raises(ValidationError, match=said):
        check_no_cycle(team, "ada", "di")


def test_no_manager_or_a_chain_without_loop_is_fine() -> None:
    team = people(ada=None, bo="ada", cy="bo")
    check_no_cycle(team, "cy", None)
    check_no_cycle(team, "cy", "ada")  # moving up a level
    with pytest.raises(ValidationError):
        check_no_cycle(team, "bo", "cy")  # cy is below bo


def test_a_loop_already_on_file_never_hangs() -> None:
    team = people(ada="bo", bo="ada", cy=None)
    assert [p.id for p in chain_above(team, "ada")] == ["ada", "bo"]
    check_no_cycle(team, "cy", "ada")  # cy joining under the loop closes no new one


def test_check_manager_wants_someone_already_here() -> None:
    team = people(ada=None)
    with pytest.raises(ValidationError, match="not in kindcheck"):
        check_manager(team, Person("Bo", id="bo", manager_id="nobody"))
    check_manager(team, Person("Bo", id="bo", manager_id="ada"))


# Random reports-to graphs: ids 0..n-1, each with no manager or any id (loops included).
graphs = st.integers(1, 8).flatmap(
    lambda n: st.lists(st.one_of(st.none(), st.integers(0, n - 1)), min_size=n, max_size=n)
)


def _team(bosses: list[int | None]) -> list[Person]:
    return [Person(f"P{i}", id=f"p{i}", manager_id=None if b is None else f"p{b}")
            for i, b in enumerate(bosses)]


def _loops(team: list[Person], start: str) -> bool:
    """The slow, obvious answer: walk up from `start`, at most len(team) steps."""
    by_id = {p.id: p for p in team}
    here: str | None = by_id[start].manager_id
    for _ in range(len(team)):
        if here is None:
            return False
        if here == start:
            return True
        here = by_id[here].manager_id
    return False


@given(graphs, st.data())
def test_refused_exactly_when_the_new_manager_closes_a_loop(
    bosses: list[int | None], data: st.DataObject
) -> None:
    team = _team(bosses)
    who = data.draw(st.integers(0, len(team) - 1))
    boss = data.draw(st.integers(0, len(team) - 1))
    changed = [Person(p.name, id=p.id, manager_id=f"p{boss}" if i == who else p.manager_id)
               for i, p in enumerate(team)]
    try:
        check_no_cycle(team, f"p{who}", f"p{boss}")
    except ValidationError as error:
        assert _loops(changed, f"p{who}")
        assert f"P{who}" in str(error)
    else:
        assert not _loops(changed, f"p{who}")


@given(graphs)
def test_reports_are_everyone_who_names_that_manager(bosses: list[int | None]) -> None:
    team = _team(bosses)
    for manager in team:
        expected = {p.id for p in team if p.manager_id == manager.id and p.id != manager.id}
        assert {p.id for p in reports_of(team, manager.id)} == expected


def test_a_team_typed_in_another_case_joins_the_one_there() -> None:
    team = [Person("Ada", team="Platform"), Person("Bo")]
    assert team_spelling(team, "platform") == "Platform"
    assert team_spelling(team, "Design") == "Design"
