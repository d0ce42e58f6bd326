"""The JSON export carries teams, managers and initiatives, and `import` restores them."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from pendulum import Date

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.export import export
from kindcheck.export.json_import import ImportProblem, read_document, restore
from kindcheck.store.store import Store
from tests.conftest import NOW


@pytest.fixture
def org(store: Store) -> Store:
    grace = store.add_person(Person("Zed Boss", team="Platform", id="zed"))  # last by name
    store.add_person(Person("Ada Lovelace", team="Platform", manager_id=grace.id, id="ada"))
    store.add_person(Person("Mika Tanaka", team="Design", id="mika"))
    store.initiatives.add(Initiative("Launch", ["ada", "zed"], target=Date(2026, 12, 4),
                                     id="launch"))
    done = store.initiatives.add(Initiative("Hiring", ["mika"], id="hiring"))
    store.initiatives.mark_done(done.id)
    return store


def test_export_and_import_give_the_same_org_back(org: Store, tmp_path: Path) -> None:
    data = export(org, "json", NOW)
    document = orjson.loads(data)
    ada = next(p for p in document["people"] if p["id"] == "ada")
    assert (ada["team"], ada["manager_id"]) == ("Platform", "zed")
    assert [i["name"] for i in document["initiatives"]] == ["Hiring", "Launch"]
    assert document["initiatives"][1]["target"] == "2026-12-04"
    assert document["initiatives"][0]["done_at"] == NOW.isoformat()
    fresh = Store.open(tmp_path / "fresh" / "kindcheck.json", clock=ManualClock(NOW))
    found = read_document(data, "export.json")
    restored = restore(fresh, found.people, found.initiatives)
    assert restored.describe().endswith(", 2 initiatives")
    assert fresh.people() == org.people()  # Ada's manager comes after her in the file
    assert fresh.initiatives.all() == org.initiatives.all()
    assert export(fresh, "json", NOW) == data


def test_one_persons_export_names_only_them_in_initiatives(org: Store) -> None:
    document = orjson.loads(export(org, "json", NOW, "ada"))
    assert [(i["name"], i["person_ids"]) for i in document["initiatives"]] == [
        ("Launch", ["ada"])]


def _edited(org: Store, change: object) -> bytes:
    document = orjson.loads(export(org, "json", NOW))
    change(document)  # type: ignore[operator]
    return orjson.dumps(document)


@pytest.mark.parametrize(("change", "said"), [
    (lambda d: d["people"][0].update(manager_id="nobody"), "is nobody in the file"),
    (lambda d: d["people"][2].update(manager_id="ada"), "that would make a loop"),
    (lambda d: d["initiatives"][0].update(person_ids=["ghost"]), "not in the file"),
    (lambda d: d["initiatives"][0].update(person_ids="ada"), "person_ids should be a list"),
    (lambda d: d["initiatives"].append(dict(d["initiatives"][1], id="x")), "two open"),
])
def test_a_bad_org_in_the_file_is_refused_by_name(org: Store, change: object, said: str) -> None:
    with pytest.raises(ImportProblem, match=said):
        read_document(_edited(org, change), "export.json")


def test_a_version_2_export_without_the_new_fields_still_reads(org: Store) -> None:
    def older(document: dict) -> None:  # type: ignore[type-arg]
        document["version"] = 2
        del document["initiatives"]
        for person in document["people"]:
            del person["team"], person["manager_id"]

    found = read_document(_edited(org, older), "old.json")
    assert found.initiatives == []
    assert {p.person.team for p in found.people} == {""}
