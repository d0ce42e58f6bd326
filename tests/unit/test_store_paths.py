"""One store, however its path is spelled: a symlinked main file or folder addresses the store
it points to, and the store knows its own files by identity, not by spelling."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.model import Note, Person
from kindcheck.store.errors import CorruptStore, MissingPersonFile
from kindcheck.store.store import Store
from tests.conftest import NOW


@pytest.fixture
def real(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "real" / "kindcheck.json", clock=lambda: NOW)
    ada = store.add_person(Person("Ada"))
    store.add_note(Note(ada.id, "progress", "first", NOW))
    return store


def _people_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.people/*.json"))


def test_a_symlinked_main_file_addresses_the_store_it_points_to(
    real: Store, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "mine.json"
    link.symlink_to(real.path)
    through = Store.open(link, clock=lambda: NOW)
    assert through.path == real.path
    assert through.people_folder == real.people_folder
    assert through.lock_path == real.lock_path
    ada = through.find_person("Ada")
    through.add_note(Note(ada.id, "progress", "through the link", NOW))
    assert link.is_symlink()
    assert list(elsewhere.iterdir()) == [link]
    assert [n.text for n in Store.open(real.path).history(ada.id).notes] == [
        "first", "through the link",
    ]


def test_a_symlinked_folder_addresses_the_store_inside(real: Store, tmp_path: Path) -> None:
    link = tmp_path / "linked-folder"
    link.symlink_to(real.folder, target_is_directory=True)
    through = Store.open(link / "kindcheck.json", clock=lambda: NOW)
    assert through.path == real.path
    through.add_person(Person("Grace"))
    assert link.is_symlink()
    assert [p.name for p in Store.open(real.path).people()] == ["Ada", "Grace"]


def test_the_store_knows_its_own_files_however_they_are_spelled(
    real: Store, tmp_path: Path
) -> None:
    real.save_draft(real.find_person("Ada").id, {"how_they_are": "ok"})
    real.daily_backup()
    ada_file = next(real.people_folder.glob("*.json"))
    backup_file = next(real.backups_folder.glob("*/kindcheck.json"))
    hard = tmp_path / "hard-link.json"
    os.link(real.path, hard)
    folder_link = tmp_path / "folder-link"
    folder_link.symlink_to(real.folder, target_is_directory=True)
    file_link = tmp_path / "file-link.json"
    file_link.symlink_to(real.path)
    own = [
        real.path,
        real.folder / ".." / real.folder.name / "kindcheck.json",
        folder_link / "kindcheck.json",
        file_link,
        hard,
        real.folder / "kindcheck.drafts.json",
        real.lock_path,
        ada_file,
        backup_file,
        real.people_folder / "someone-new.json",  # not there yet, but inside the store
        real.backups_folder / "2020-01-01" / "x.json",
    ]
    for path in own:
        assert real.owns(path), path
    for path in (tmp_path / "notes.md", real.folder / "notes.md", tmp_path / "kindcheck.json"):
        assert not real.owns(path), path


# -- schema numbers no kindcheck wrote ------------------------------------------------------


@pytest.mark.parametrize("schema", [0, -1, "1", None])
def test_a_schema_no_kindcheck_wrote_is_refused_and_nothing_is_written(
    real: Store, schema: object
) -> None:
    tables = orjson.loads(real.path.read_bytes())
    tables["meta"]["1"]["schema"] = schema
    data = orjson.dumps(tables)
    real.path.write_bytes(data)
    before = sorted(str(p) for p in real.folder.rglob("*"))
    with pytest.raises(CorruptStore) as caught:
        Store.open(real.path)
    assert "\n" not in str(caught.value) and str(real.path) in str(caught.value)
    assert "schema" in str(caught.value)
    assert real.path.read_bytes() == data
    assert sorted(str(p) for p in real.folder.rglob("*")) == before


# -- a person's file gone missing ---------------------------------------------------------


def test_a_missing_person_file_is_reported_not_restarted(real: Store) -> None:
    ada = real.find_person("Ada")
    ada_file = real.people_folder / f"{ada.id}.json"
    ada_file.unlink()
    again = Store.open(real.path, clock=lambda: NOW)
    assert again.missing_files() == [ada_file]
    assert again.summary(ada.id).checkin_count == real.summary(ada.id).checkin_count
    with pytest.raises(MissingPersonFile) as caught:
        again.history(ada.id)
    assert caught.value.path == ada_file and str(ada_file) in str(caught.value)
    with pytest.raises(MissingPersonFile):
        again.add_note(Note(ada.id, "progress", "into the void", NOW))
    assert not ada_file.exists()
    # The one still open notices as well.
    with pytest.raises(MissingPersonFile):
        real.add_note(Note(ada.id, "progress", "into the void", NOW))
    assert not ada_file.exists()


def test_someone_never_written_about_is_not_missing(store: Store) -> None:
    sam = store.add_person(Person("Sam"))
    again = Store.open(store.path)
    assert again.missing_files() == []
    assert again.history(sam.id).notes == []


# -- permissions --------------------------------------------------------------------------


def test_wide_permissions_are_tightened_on_open(real: Store) -> None:
    real.daily_backup()
    ada_file = next(real.people_folder.glob("*.json"))
    os.chmod(real.path, 0o644)
    os.chmod(ada_file, 0o666)
    os.chmod(real.people_folder, 0o755)
    os.chmod(real.backups_folder, 0o775)
    again = Store.open(real.path)
    assert set(again.tightened) == {real.path, ada_file, real.people_folder, real.backups_folder}
    for path, mode in ((real.path, 0o600), (ada_file, 0o600), (real.people_folder, 0o700),
                       (real.backups_folder, 0o700)):
        assert stat.S_IMODE(path.stat().st_mode) == mode, path
    assert Store.open(real.path).tightened == []
