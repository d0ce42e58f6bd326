"""The people-import reader (domain/people_import.py): encodings, forgiving column names,
line numbers, and (Hypothesis) that no text crashes it and accepted rows read back as written."""

from __future__ import annotations

import contextlib
import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pendulum import Date

from kindcheck.domain.model import Person, ValidationError
from kindcheck.domain.people_import import (
    ImportRefused,
    RawRow,
    check_rows,
    decode,
    parse_birthday,
    read_csv,
)
from kindcheck.store.store import Store
from tests.store_state import digest


def _read(text: str) -> list[RawRow]:
    return read_csv(text, "f.csv").rows


def test_utf8_with_and_without_bom_and_cp1252() -> None:
    assert decode("\ufeffname\nZoë\n".encode(), "f") == "name\nZoë\n"
    assert decode("name\nZoë\n".encode(), "f") == "name\nZoë\n"
    assert decode("name\nJosé – “quoted”\n".encode("cp1252"), "f") == "name\nJosé – “quoted”\n"
    assert decode("name\nZoë\n".encode("utf-16"), "f") == "name\nZoë\n"


def test_bytes_that_are_no_text_are_refused() -> None:
    with pytest.raises(ImportRefused, match="not text kindcheck can read"):
        decode(b"name\n\x00\x01\x02\x81", "f.csv")


@pytest.mark.parametrize("header", ["Name", "FULL NAME", "full_name", " Display-Name ",
                                    "Employee Name"])
def test_name_columns_as_hr_systems_spell_them(header: str) -> None:
    assert _read(f"{header}\nAda\n") == [RawRow(2, {"name": "Ada"})]


def test_other_columns_and_what_is_left_out() -> None:
    table = read_csv("Name;Reports To;Dept;Job Title;DOB;Badge\nAda;Grace;Core;Eng;"
                     "1985-03-12;7\n", "f.csv")
    assert table.rows[0].cells == {"name": "Ada", "manager": "Grace", "team": "Core",
                                   "role": "Eng", "birthday": "1985-03-12"}
    assert table.ignored == ["Badge"]


def test_two_columns_for_one_field_are_refused() -> None:
    with pytest.raises(ImportRefused, match="two columns give the team"):
        _read("name,team,department\nAda,A,B\n")


def test_line_numbers_count_blank_lines_and_quoted_line_breaks() -> None:
    rows = _read('name,what matters\n\nAda,"two\nlines"\nGrace,x\n')
    assert [r.line for r in rows] == [3, 5]


@pytest.mark.parametrize(("text", "day"), [("1985-03-12", Date(1985, 3, 12)),
                                           ("1985/3/2", Date(1985, 3, 2)),
                                           ("19850312", Date(1985, 3, 12))])
def test_birthdays(text: str, day: Date) -> None:
    assert parse_birthday(text) == day


@pytest.mark.parametrize("text", ["31/02", "1990-02-31", "12.03.1985", "soon"])
def test_not_birthdays(text: str) -> None:
    with pytest.raises(ValueError):
        parse_birthday(text)


def test_every_bad_row_is_named_up_to_a_few() -> None:
    rows = [RawRow(n, {"name": f"P{n}", "cadence": "never"}) for n in range(2, 10)]
    with pytest.raises(ImportRefused) as refused:
        check_rows(rows, "f.csv")
    said = str(refused.value)
    assert said.startswith("f.csv, line 2: cadence 'never' is not weekly")
    assert "line 6" in said and "line 7" not in said and "(and 3 more)" in said
    assert len(refused.value.problems) == 8


# -- properties -------------------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=300))
def test_no_text_crashes_the_reader(text: str) -> None:
    with contextlib.suppress(ValidationError):  # ImportRefused among them: a clear refusal
        check_rows(read_csv(text, "f.csv").rows, "f.csv")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_no_bytes_crash_decoding(data: bytes) -> None:
    with contextlib.suppress(ImportRefused):
        decode(data, "f.csv")


cells = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(cells, cells, cells, cells), min_size=1, max_size=6))
def test_every_accepted_row_reads_back_as_written(
    rows: list[tuple[str, str, str, str]]
) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Name", "Role", "Team", "What matters"])
    writer.writerows(rows)
    try:
        people = check_rows(read_csv(out.getvalue(), "f.csv").rows, "f.csv")
    except ValidationError:
        return
    written = [r for r in rows if any(c.strip() for c in r)]
    assert len(people) == len(written)
    for person, (name, role, team, matters) in zip(people, written, strict=True):
        made = Person(name, role=role, team=team, what_matters=matters)  # how add-person keeps it
        assert person.name == made.name
        assert (person.role or "") == (made.role if role.strip() else "")
        assert (person.team or "") == (made.team if team.strip() else "")
        assert (person.what_matters or "") == (made.what_matters if matters.strip() else "")


# -- saving them: one write, checked whole ------------------------------------------------------


def test_save_people_adds_and_updates_in_one_write(store: Store) -> None:
    grace = store.add_person(Person("Grace Hopper"))
    writes = store.path.stat().st_mtime_ns, digest(store.folder)
    grace.team = "Infra"
    ada = Person("Ada Lovelace", manager_id=grace.id)
    store.save_people([grace, ada])
    assert (store.path.stat().st_mtime_ns, digest(store.folder)) != writes
    again = Store.open(store.path)
    assert again.person(grace.id).team == "Infra"
    assert again.person(ada.id).manager_id == grace.id


@pytest.mark.parametrize("clash", ["name", "loop", "stranger"])
def test_save_people_refuses_the_whole_batch(store: Store, clash: str) -> None:
    grace = store.add_person(Person("Grace Hopper"))
    ada = store.add_person(Person("Ada Lovelace", manager_id=grace.id))
    before = digest(store.folder)
    newcomer = Person("Sam Okafor")
    if clash == "name":
        batch = [newcomer, Person("grace hopper")]
    elif clash == "loop":
        grace.manager_id = ada.id
        batch = [newcomer, grace]
    else:
        batch = [newcomer, Person("Mika", manager_id="nobody-here")]
    with pytest.raises(ValidationError):
        store.save_people(batch)
    assert digest(store.folder) == before
    assert [p.name for p in store.people()] == ["Ada Lovelace", "Grace Hopper"]
