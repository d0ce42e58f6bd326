"""People who share a name (two machines each added one): found by id, never by the name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.domain.model import Person
from kindcheck.domain.namesakes import namesakes_line, shared_names
from kindcheck.store.errors import AmbiguousPerson
from kindcheck.store.index import PeopleIndex, SharedName


def _index(tmp_path: Path, *people: Person) -> PeopleIndex:
    from contextlib import nullcontext

    index = PeopleIndex(tmp_path / "kindcheck.json", tmp_path / "backups", nullcontext)
    index.people = {p.id: p for p in people}
    return index


ONE = Person("Ada Lovelace", id="ada0000one01")
TWO = Person("ada lovelace", id="ada0000two02")
KING = Person("Ada King", id="adaking00003")


def test_shared_names_are_the_same_in_any_order() -> None:
    names = ["Grace", "ada lovelace", "Ada Lovelace", "Sam", "sam"]
    assert shared_names(names) == {"Ada Lovelace": 2, "Sam": 2}
    assert shared_names(reversed(names)) == shared_names(names)
    assert shared_names(["Ada", "Grace"]) == {}
    assert namesakes_line("Ada Lovelace", 2) == (
        "Two people called Ada Lovelace came from two machines: rename or delete one.")
    assert namesakes_line("Sam", 3).startswith("3 people called Sam came from different")


@pytest.mark.parametrize("typed", ["Ada Lovelace", "ADA LOVELACE", "ada l", "lovelace"])
def test_a_shared_name_or_its_start_picks_nobody_and_names_the_ids(
    tmp_path: Path, typed: str
) -> None:
    index = _index(tmp_path, ONE, TWO, Person("Grace Hopper", id="grace0000004"))
    with pytest.raises(SharedName) as raised:
        index.find(typed)
    said = str(raised.value)
    assert said.startswith("Two people are called Ada Lovelace (ids ada0000one01 and ")
    assert "type the id instead, or rename one" in said
    assert isinstance(raised.value, AmbiguousPerson)  # every caller already handles it


def test_an_id_picks_one_of_them(tmp_path: Path) -> None:
    index = _index(tmp_path, ONE, TWO)
    assert index.find("ada0000two02") is TWO
    assert index.find(" ada0000one01 ") is ONE


def test_a_start_that_fits_others_too_lists_the_shared_names_with_ids(tmp_path: Path) -> None:
    index = _index(tmp_path, ONE, TWO, KING)
    with pytest.raises(AmbiguousPerson) as raised:
        index.find("ada")
    assert raised.value.candidates == [
        "Ada King", "Ada Lovelace (id ada0000one01)", "ada lovelace (id ada0000two02)"]


def test_a_name_still_unique_is_found_as_before(tmp_path: Path) -> None:
    index = _index(tmp_path, ONE, KING)
    assert index.find("ada lovelace") is ONE
    assert index.find("king") is KING
