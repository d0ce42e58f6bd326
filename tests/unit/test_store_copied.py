"""A copied store (a restored backup, a new computer) has new inode numbers but the same
files: opening it must not read every person's file again to rebuild their summaries."""

from __future__ import annotations

import shutil
from pathlib import Path

from kindcheck.demo import load_demo
from kindcheck.domain.model import Note, NoteKind
from kindcheck.store.store import Store
from tests.conftest import NOW


def _loads(store: Store) -> int:
    return sum(shard.loads for shard in store._files._shards.values())


def _team(tmp_path: Path) -> Path:
    path = tmp_path / "first" / "kindcheck.json"
    path.parent.mkdir()
    load_demo(Store.open(path), NOW, people=3, weeks=8, seed=3)
    return path


def test_a_copied_store_reads_no_person_file_when_opened(tmp_path: Path) -> None:
    original = _team(tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(original.parent, copy)
    opened = Store.open(copy / original.name)
    assert _loads(opened) == 0
    assert opened.summaries() == Store.open(original).summaries()


def test_a_copied_file_that_really_differs_is_still_read(tmp_path: Path) -> None:
    original = _team(tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(original.parent, copy)
    store = Store.open(original)
    person = store.people()[0]
    before = store.summary(person.id).progress_count
    store.add_note(Note(person.id, NoteKind.PROGRESS, "Shipped the exporter", NOW))
    # Only the person's newer file reaches the copy; its index still has the old summary.
    name = store.person_file(person.id).name
    shutil.copy2(store.person_file(person.id), copy / "kindcheck.people" / name)
    opened = Store.open(copy / original.name)
    assert opened.summary(person.id).progress_count == before + 1
