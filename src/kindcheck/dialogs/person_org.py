"""The person editor's team and manager fields: what completion offers, and what was typed
read into a team spelling and a manager (someone already here, with no loop)."""

from __future__ import annotations

from collections.abc import Iterable

from kindcheck.domain.cadence import starting_cadence
from kindcheck.domain.model import Cadence, Person, ValidationError
from kindcheck.domain.org import check_no_cycle, team_spelling
from kindcheck.store.errors import StoreError
from kindcheck.store.store import Store

NO_MANAGER = ("", "none", "-")


def team_names(people: Iterable[Person]) -> list[str]:
    """Every team someone is in, once, for completion as the leader types."""
    return sorted({p.team for p in people if p.team}, key=str.casefold)


def manager_names(people: Iterable[Person], person: Person | None) -> list[str]:
    """Who can be chosen as a manager: everyone here but the person themselves."""
    return sorted((p.name for p in people if person is None or p.id != person.id),
                  key=str.casefold)


def manager_name(store: Store, person: Person | None) -> str:
    """The name of `person`'s manager, or "" (none, or no longer here)."""
    if person is None or person.manager_id is None:
        return ""
    try:
        return store.person(person.manager_id).name
    except StoreError:
        return ""


def read_team(people: Iterable[Person], typed: str) -> str:
    """The team typed, spelled as the people already in it spell it."""
    return team_spelling(people, " ".join(typed.split()))


def read_manager(store: Store, typed: str) -> Person | None:
    """The manager typed (a name or the start of one), or None for blank or "none".

    Raises ValidationError with the store's words for an unknown or ambiguous name.
    """
    if typed.strip().casefold() in NO_MANAGER:
        return None
    try:
        return store.find_person(typed)
    except StoreError as error:  # unknown or ambiguous: the message lists the candidates
        raise ValidationError(str(error)) from None


def check_reporting(people: Iterable[Person], person: Person) -> None:
    """The domain's own message when `person` reporting to their manager would make a loop."""
    others = [p for p in people if p.id != person.id]
    check_no_cycle([*others, person], person.id, person.manager_id)


def new_person_cadence(chosen: Cadence | None, manager: Person | None, *, default: Cadence,
                       skip_level: Cadence) -> Cadence:
    """A new person's cadence, as `kindcheck add-person` chooses it: with a manager here and
    no cadence chosen, the skip-level one."""
    return starting_cadence(chosen, manager.id if manager else None,
                            [manager] if manager else [], default=default,
                            skip_level=skip_level)
