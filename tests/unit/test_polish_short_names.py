"""Short names on the calendar ("Plan: Ada (due Wed)"): literal, and cut where it makes sense."""

from __future__ import annotations

from kindcheck.domain.calendar import short_names
from kindcheck.domain.initiatives import Coverage, Initiative
from kindcheck.domain.model import Person
from kindcheck.widgets.initiative_list import coverage_line
from tests.conftest import NOW


def short(*names: str) -> list[str]:
    people = [Person(name) for name in names]
    found = short_names(people)
    return [found[person.id] for person in people]


def test_a_name_starting_with_a_sign_keeps_words_up_to_a_real_one() -> None:
    assert short("# Evil Corp", "Ada Lovelace") == ["# Evil", "Ada"]
    assert short("— [/] Bo", "-- -- ") == ["— [/] Bo", "-- --"]


def test_a_very_long_first_word_is_cut_with_an_ellipsis() -> None:
    (name,) = short("Wolfeschlegelsteinhausenbergerdorff Sr")
    assert name == "Wolfeschlegelst…" and len(name) == 16


def test_two_people_sharing_a_first_name_still_get_an_initial() -> None:
    assert short("Sam Okafor", "Sam Kim", "# Evil One", "# Evil Two") == [
        "Sam O.", "Sam K.", "# Evil O.", "# Evil T."]


def test_an_initiative_line_names_people_literally() -> None:
    people = [Person("# Evil Corp"), Person("Ada Lovelace")]
    coverage = Coverage(Initiative("Launch", person_ids=[p.id for p in people]), tuple(people),
                        tuple(people))
    assert coverage_line(coverage, NOW.date()) == (
        "Launch: # Evil and Ada have nothing planned")
