"""`kindcheck import people` through the installed command: CSV as HR systems and
spreadsheets give it (BOM, Latin-1, odd column names, semicolons), vCard, re-importing,
--dry-run, bad rows with their lines, manager loops, and a round trip through `people`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest
from pendulum import Date

from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from tests.functional.test_cli_shell_commands import ok, refused, reopen
from tests.store_state import digest

HR_EXPORT = (
    "\ufeffFull Name;Job Title;Department;Reports To;Date of Birth;Employee ID\r\n"
    "Grace Hopper;Director;Platform;;1906-12-09;1\r\n"
    "Ada Lovelace;Engineer;platform;grace hopper;;2\r\n"
    "Zoë Martin;Designer;Design;Grace Hopper;;3\r\n"
)


def _file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _people(store_path: Path) -> dict[str, Person]:
    return {p.name: p for p in reopen(store_path).people(include_archived=True)}


def test_an_hr_export_with_a_bom_and_odd_column_names(tmp_path: Path, store_path: Path) -> None:
    out = ok(store_path, "import", "people", str(_file(tmp_path, "hr.csv", HR_EXPORT)))
    assert out.splitlines() == [
        "add Grace Hopper (Director, Platform)",
        "add Ada Lovelace (Engineer, Platform)",
        "add Zoë Martin (Designer, Design)",
        "Left out the columns kindcheck has no field for: Employee ID.",
        f"Imported {tmp_path / 'hr.csv'}: 3 added, 0 updated, 0 unchanged.",
    ]
    people = _people(store_path)
    grace = people["Grace Hopper"]
    assert grace.birthday == Date(1906, 12, 9) and grace.role == "Director"
    assert people["Ada Lovelace"].team == "Platform"  # joins the team as it is spelled
    assert people["Ada Lovelace"].manager_id == grace.id
    assert people["Zoë Martin"].manager_id == grace.id


def test_latin1_from_a_spreadsheet_is_read(tmp_path: Path, store_path: Path) -> None:
    data = "Name,Team\r\nJosé García,Ventas\r\nZoë,Diseño\r\n".encode("cp1252")
    ok(store_path, "import", "people", str(_file(tmp_path, "latin.csv", data)))
    assert set(_people(store_path)) == {"José García", "Zoë"}
    assert _people(store_path)["Zoë"].team == "Diseño"


def test_first_and_last_name_columns_are_joined(tmp_path: Path, store_path: Path) -> None:
    data = "First Name\tLast Name\tPosition\nMika\tTanaka\tDesigner\n"
    ok(store_path, "import", "people", str(_file(tmp_path, "tabs.tsv", data)))
    assert _people(store_path)["Mika Tanaka"].role == "Designer"


def test_reimporting_updates_instead_of_duplicating(tmp_path: Path, store_path: Path) -> None:
    ok(store_path, "import", "people", str(_file(tmp_path, "hr.csv", HR_EXPORT)))
    ids = {name: p.id for name, p in _people(store_path).items()}
    moved = _file(tmp_path, "moved.csv",
                  "name,team,cadence\nGRACE HOPPER,Infra,biweekly\nAda Lovelace,Platform,\n")
    before = digest(store_path.parent)
    out = ok(store_path, "import", "people", str(moved), "--dry-run")
    assert out.splitlines() == [
        "update Grace Hopper: team Platform → Infra, cadence weekly → biweekly",
        f"Dry run of {moved}: 0 to add, 1 to update, 1 unchanged. Nothing was written.",
    ]
    assert digest(store_path.parent) == before  # a dry run writes nothing
    ok(store_path, "import", "people", str(moved))
    people = _people(store_path)
    assert {name: p.id for name, p in people.items()} == ids  # the same people, no one new
    assert (people["Grace Hopper"].team, str(people["Grace Hopper"].cadence)) == ("Infra",
                                                                                 "biweekly")
    assert people["Grace Hopper"].role == "Director"  # no column: left as it was


def test_bad_rows_are_all_named_with_their_lines(tmp_path: Path, store: Store,
                                                 store_path: Path) -> None:
    store.add_person(Person("Sam Okafor"))
    bad = _file(tmp_path, "people.csv",
                "Name,Birthday,Cadence,Timezone\n"
                "Ada,1985-03-12,weekly,Europe/Berlin\n"
                "\n"
                '"Grace\nHopper",31/02,,\n'
                "Zed,,sometimes,\n"
                "Eve,,,Mars/Olympus\n"
                ",1990-01-01,,\n")
    line = refused(store_path, 2, "import", "people", str(bad))
    assert f"{bad}, line 4: " in line  # a quoted cell over two lines starts on line 4
    assert "birthday '31/02' is not a date" in line
    assert f"{bad}, line 6: cadence 'sometimes' is not weekly" in line
    assert f"{bad}, line 7: " in line and "Mars/Olympus" in line
    assert f"{bad}, line 8: no name" in line
    assert line.endswith("Nothing was imported.")


@pytest.mark.parametrize(("text", "said"), [
    ("Name,Manager\nAda,Grace\nGrace,Ada\n", "that would make a loop"),
    ("Name,Manager\nAda,Ada\n", "Ada can't report to themselves"),
    ("Name,Manager\nAda,Nobody Known\n", "line 2: manager 'Nobody Known' is not in the file"),
    ("Name,Team\nAda,X\nada,Y\n", "line 3: ada is already on line 2"),
    ("Team,Role\nX,Y\n", "no column gives the name"),
    ("", "the file is empty"),
    ("Name\n", "nobody is in the file"),
])
def test_refusals_change_nothing(tmp_path: Path, store: Store, store_path: Path, text: str,
                                 said: str) -> None:
    store.add_person(Person("Sam Okafor"))
    assert said in refused(store_path, 2, "import", "people", str(_file(tmp_path, "x.csv", text)))


def test_a_loop_through_someone_already_here_is_refused(tmp_path: Path, store: Store,
                                                        store_path: Path) -> None:
    grace = store.add_person(Person("Grace Hopper"))
    store.add_person(Person("Ada Lovelace", manager_id=grace.id))
    line = refused(store_path, 2, "import", "people",
                   str(_file(tmp_path, "x.csv", "name,manager\nGrace Hopper,Ada Lovelace\n")))
    assert "line 2: Grace Hopper can't report to Ada Lovelace: that would make a loop" in line


def test_a_file_that_is_not_text_is_refused(tmp_path: Path, store_path: Path) -> None:
    line = refused(store_path, 2, "import", "people",
                   str(_file(tmp_path, "x.csv", b"name\n\x81\x00\x02binary")))
    assert "not text kindcheck can read" in line


def test_a_vcard_file(tmp_path: Path, store_path: Path) -> None:
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nTITLE:Director\r\n"
        "ORG:Acme;Platform\r\nBDAY:1906-12-09\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lovelace;Ada;;;\r\nORG:Acme\r\n"
        "NOTE:Her daughter's first school year\\, and tea\r\nX-MANAGER:Grace Hopper\r\n"
        "END:VCARD\r\n"
    )
    ok(store_path, "import", "people", str(_file(tmp_path, "team.vcf", cards)))
    people = _people(store_path)
    grace, ada = people["Grace Hopper"], people["Ada Lovelace"]
    assert (grace.role, grace.team, grace.birthday) == ("Director", "Platform",
                                                        Date(1906, 12, 9))
    assert (ada.team, ada.manager_id) == ("", grace.id)
    assert ada.what_matters == "Her daughter's first school year, and tea"
    bad = _file(tmp_path, "bad.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nBDAY:soon\r\nEND:VCARD\r\n")
    assert "line 1: no name" in refused(store_path, 2, "import", "people", str(bad))


def test_dry_run_is_only_for_people(tmp_path: Path, store_path: Path) -> None:
    assert "--dry-run is for import people" in refused(
        store_path, 2, "import", "json", str(_file(tmp_path, "x.json", "{}")), "--dry-run")


@pytest.mark.slow
def test_round_trip_through_people_json(tmp_path: Path, store_path: Path) -> None:
    """people --format json → CSV → import into a fresh store → the same people."""
    ok(store_path, "import", "people", str(_file(tmp_path, "hr.csv", HR_EXPORT)))
    ok(store_path, "add-person", "Mika Tanaka", "--cadence", "10d", "--timezone", "Asia/Tokyo",
       "--team", "Design", "--manager", "zoë")
    exported = orjson.loads(ok(store_path, "people", "--format", "json"))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "role", "team", "manager", "cadence", "timezone"])
    for entry in exported:
        writer.writerow([entry[k] or "" for k in ("name", "role", "team", "manager", "cadence",
                                                  "timezone")])
    fresh = tmp_path / "fresh" / "kindcheck.json"
    ok(fresh, "import", "people", str(_file(tmp_path, "round.csv", out.getvalue())))
    again = orjson.loads(ok(fresh, "people", "--format", "json"))

    def same(entries: list[dict[str, object]]) -> list[tuple[object, ...]]:
        return [tuple(e[k] for k in ("name", "role", "team", "manager", "cadence", "timezone",
                                     "archived")) for e in entries]

    assert same(again) == same(exported)
