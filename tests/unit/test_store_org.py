"""Teams, managers and initiatives in the store: kept, refused with nothing written, and
readable by and from an index without them (no schema change)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson
import pytest
from pendulum import Date

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person, ValidationError
from kindcheck.store.errors import CorruptStore
from kindcheck.store.shard import SCHEMA_VERSION
from kindcheck.store.store import Store


def files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_team_and_manager_are_kept(store: Store, store_path: Path, clock: ManualClock) -> None:
    boss = store.add_person(Person("Grace Hopper", team="Platform"))
    ada = store.add_person(Person("Ada Lovelace", team="  Platform ", manager_id=boss.id))
    again = Store.open(store_path, clock=clock)
    saved = again.person(ada.id)
    assert (saved.team, saved.manager_id) == ("Platform", boss.id)
    assert again.person(boss.id).manager_id is None


def test_a_team_name_follows_the_input_rules() -> None:
    with pytest.raises(ValidationError, match="The team must fit on one line"):
        Person("Ada", team="Plat\nform")
    with pytest.raises(ValidationError, match="The team is too long"):
        Person("Ada", team="x" * 101)


def test_an_index_without_the_new_keys_opens_unchanged(
    store: Store, store_path: Path, clock: ManualClock
) -> None:
    ada = store.add_person(Person("Ada Lovelace"))
    tables = orjson.loads(store_path.read_bytes())
    for row in tables["people"].values():  # as the previous kindcheck wrote it
        del row["team"], row["manager_id"]
    store_path.write_bytes(orjson.dumps(tables))
    before = files(store_path.parent)
    again = Store.open(store_path, clock=clock)
    assert (again.person(ada.id).team, again.person(ada.id).manager_id) == ("", None)
    assert again.initiatives.all() == []
    assert files(store_path.parent) == before  # no migration, no backup copy


def test_the_schema_is_unchanged_so_older_kindchecks_still_read_it(
    store: Store, store_path: Path
) -> None:
    boss = store.add_person(Person("Grace Hopper"))
    store.add_person(Person("Ada Lovelace", team="Platform", manager_id=boss.id))
    store.initiatives.add(Initiative("Launch", [boss.id]))
    meta = orjson.loads(store_path.read_bytes())["meta"]["1"]
    assert meta["schema"] == SCHEMA_VERSION == 1


def test_a_reports_to_loop_is_refused_and_nothing_is_written(
    store: Store, store_path: Path
) -> None:
    grace = store.add_person(Person("Grace Hopper"))
    ada = store.add_person(Person("Ada Lovelace", manager_id=grace.id))
    before = files(store_path.parent)
    grace.manager_id = ada.id
    with pytest.raises(ValidationError, match="Grace Hopper can't report to Ada Lovelace"):
        store.update_person(grace)
    ada.manager_id = ada.id
    with pytest.raises(ValidationError, match="Ada Lovelace can't report to themselves"):
        store.update_person(ada)
    assert files(store_path.parent) == before
    assert store.person(grace.id).manager_id is None


def test_a_manager_who_is_not_here_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="not in kindcheck"):
        store.add_person(Person("Ada", manager_id="nobody"))
    assert store.is_empty


def test_initiatives_are_added_listed_and_done(
    store: Store, store_path: Path, clock: ManualClock
) -> None:
    ada = store.add_person(Person("Ada Lovelace"))
    later = store.initiatives.add(Initiative("Docs revamp"))
    soon = store.initiatives.add(Initiative("Launch", [ada.id], target=Date(2026, 12, 4)))
    other = Store.open(store_path, clock=clock)  # another process sees them
    assert [i.name for i in other.initiatives.all()] == ["Launch", "Docs revamp"]
    assert other.initiatives.all()[0].person_ids == [ada.id]
    done = store.initiatives.mark_done(soon.id)
    assert done.done_at == clock()
    assert [i.name for i in other.initiatives.all(include_done=False)] == [later.name]
    assert [i.name for i in other.initiatives.all()] == ["Docs revamp", "Launch"]
    assert other.initiatives.find("LAUNCH").id == soon.id  # a done one by its whole name
    with pytest.raises(ValidationError, match="No open initiative is called 'laun'"):
        other.initiatives.find("laun")
    assert other.initiatives.find("docs").id == later.id


def test_an_initiative_with_someone_unknown_or_a_taken_name_is_refused(
    store: Store, store_path: Path
) -> None:
    store.initiatives.add(Initiative("Launch"))
    before = files(store_path.parent)
    with pytest.raises(ValidationError, match="not in kindcheck"):
        store.initiatives.add(Initiative("Other", ["nobody"]))
    with pytest.raises(ValidationError, match="already an open initiative called Launch"):
        store.initiatives.add(Initiative("launch"))
    with pytest.raises(ValidationError, match="needs a name"):
        Initiative("   ")
    assert files(store_path.parent) == before


def test_a_damaged_initiative_is_reported_as_a_damaged_index(
    store: Store, store_path: Path, clock: ManualClock
) -> None:
    store.initiatives.add(Initiative("Launch"))
    tables = orjson.loads(store_path.read_bytes())
    tables["initiatives"]["1"]["person_ids"] = "everyone"
    store_path.write_bytes(orjson.dumps(tables))
    with pytest.raises(CorruptStore, match="person_ids"):
        Store.open(store_path, clock=clock)
