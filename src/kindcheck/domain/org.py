"""Who reports to whom: a person's manager is another person in kindcheck.

Pure functions over the people as they are; the store calls `check_manager` before saving a
person, so a reports-to loop (A manages B manages A, or someone managing themselves) never
reaches a file. A loop a file already holds (written by hand, say) never hangs these: every
walk up the chain stops at the first person seen twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from kindcheck.domain.model import Person, ValidationError


def reports_of(people: Iterable[Person], manager_id: str) -> list[Person]:
    """The people who report straight to `manager_id`, sorted by name."""
    found = [p for p in people if p.manager_id == manager_id and p.id != manager_id]
    return sorted(found, key=lambda p: p.name.casefold())


def chain_above(people: Iterable[Person], manager_id: str | None) -> list[Person]:
    """`manager_id`'s person, their manager, and so on up, each at most once."""
    by_id = {p.id: p for p in people}
    chain: list[Person] = []
    seen: set[str] = set()
    while manager_id is not None and manager_id not in seen and manager_id in by_id:
        seen.add(manager_id)
        chain.append(by_id[manager_id])
        manager_id = by_id[manager_id].manager_id
    return chain


def check_no_cycle(people: Iterable[Person], person_id: str, manager_id: str | None) -> None:
    """ValidationError, naming the people, if `person_id` reporting to `manager_id` would
    close a loop."""
    people = list(people)
    if manager_id is None:
        return
    names = {p.id: p.name for p in people}
    name = names.get(person_id, "Someone")
    if manager_id == person_id:
        raise ValidationError(f"{name} can't report to themselves.")
    chain = chain_above(people, manager_id)
    ids = [p.id for p in chain]
    if person_id in ids:
        between = [p.name for p in chain[: ids.index(person_id)]]
        raise ValidationError(
            f"{name} can't report to {names[manager_id]}: that would make a loop ({name} "
            f"reports to {', who reports to '.join([*between, name])})."
        )


def check_manager(people: Iterable[Person], person: Person) -> None:
    """ValidationError unless `person`'s manager is someone else already here, with no loop.

    `people` are everyone saved so far (`person` as saved before, if at all).
    """
    if person.manager_id is None:
        return
    others = [p for p in people if p.id != person.id]
    if person.manager_id != person.id and all(p.id != person.manager_id for p in others):
        raise ValidationError(f"The manager chosen for {person.name} is not in kindcheck.")
    check_no_cycle([*others, person], person.id, person.manager_id)


def team_spelling(people: Iterable[Person], team: str) -> str:
    """`team` as the people already in it spell it ("platform" joins "Platform")."""
    wanted = " ".join(team.split()).casefold()
    spellings = sorted({p.team for p in people if p.team.casefold() == wanted})
    return spellings[0] if spellings else team
