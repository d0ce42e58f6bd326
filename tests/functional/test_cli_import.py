"""`kindcheck import json FILE` and the export's schema, through the installed command.

The JSON export is a file scripts read and a backup a leader restores: a stable, documented
schema (moments as ISO 8601 text with the zone in its own field), and an import that puts
it back so exactly that exporting again gives the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pendulum
import pytest

from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.export.jsonfile import EXPORT_FIELDS
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.store_state import digest

KINDCHECK = Path(sys.executable).parent / "kindcheck"


def kindcheck(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "KINDCHECK_NOW": NOW.isoformat(), "TZ": "Europe/Berlin"}
    return subprocess.run([str(KINDCHECK), *args], input=stdin, capture_output=True, env=env,
                          timeout=60, check=False)


@pytest.fixture
def rich_store(store: Store, team: dict[str, Person]) -> Store:
    """The small team plus what is easy to lose on the way: a fixed-offset moment, a stored
    control character, an archived person, a resolved note."""
    ada = team["ada"]
    india = pendulum.datetime(2026, 11, 20, 15, 0, tz=pendulum.FixedTimezone(19800))
    store.add_history(type(store.history(ada.id))(
        ada.id, checkins=[CheckIn(ada.id, india, mood=4, how_they_are="Good\nreally")]))
    note = store.add_note(Note(ada.id, NoteKind.MISSING, "Blocked on review", NOW))
    store.set_note_resolved(ada.id, note.id)
    gone = store.add_person(Person("Quinn Archer", role="Contractor"))
    store.set_archived(gone.id)
    return store


def export_bytes(path: Path) -> bytes:
    result = kindcheck("--data", str(path), "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_export_import_export_gives_the_same_bytes(rich_store: Store, tmp_path: Path) -> None:
    first = export_bytes(rich_store.path)
    backup = tmp_path / "backup.json"
    backup.write_bytes(first)
    fresh = tmp_path / "fresh" / "kindcheck.json"
    result = kindcheck("--data", str(fresh), "import", "json", str(backup))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert result.stdout.decode().startswith(
        "Restored 4 people with 3 check-ins, 4 notes, 1 commitment, 2 follow-ups from ")
    assert export_bytes(fresh) == first
    restored = Store.open(fresh)
    assert [p.name for p in restored.people(include_archived=True)] == [
        "Ada Lovelace", "Mika Tanaka", "Quinn Archer", "Sam Okafor"]


def test_import_reads_standard_input(rich_store: Store, tmp_path: Path) -> None:
    first = export_bytes(rich_store.path)
    fresh = tmp_path / "piped" / "kindcheck.json"
    result = kindcheck("--data", str(fresh), "import", "json", "-", stdin=first)
    assert result.returncode == 0, result.stderr
    assert export_bytes(fresh) == first


def test_the_schema_is_flat_iso_moments_with_their_zone_beside_them(rich_store: Store) -> None:
    document = orjson.loads(export_bytes(rich_store.path))
    assert list(document) == ["schema", "version", "exported_at", "people", "initiatives"]
    assert (document["schema"], document["version"]) == ("kindcheck-export", 5)
    ada = next(p for p in document["people"] if p["name"] == "Ada Lovelace")
    assert [k for k in ada if k not in EXPORT_FIELDS["person"]] == [
        "checkins", "notes", "commitments", "followups"]
    assert tuple(k for k in ada if k in EXPORT_FIELDS["person"]) == EXPORT_FIELDS["person"]
    for table in ("checkins", "notes", "commitments", "followups"):
        for person in document["people"]:
            for row in person[table]:
                assert tuple(row) == EXPORT_FIELDS[table]
    first, india = ada["checkins"][0], ada["checkins"][1]
    assert (first["at"], first["at_zone"]) == ("2026-11-13T09:30:00+01:00", "Europe/Berlin")
    assert (india["at"], india["at_zone"]) == ("2026-11-20T15:00:00+05:30", None)
    resolved = next(n for n in ada["notes"] if n["text"] == "Blocked on review")
    assert resolved["resolved_at"] == "2026-11-23T09:30:00+01:00"
    assert resolved["resolved_at_zone"] == "Europe/Berlin"
    assert ada["commitments"][0]["due"] == "2026-11-22"
    assert ada["commitments"][0]["done_at"] is None
    assert ada["commitments"][0]["done_at_zone"] is None


def test_an_old_version_1_export_still_restores(store: Store, team: dict[str, Person],
                                                tmp_path: Path) -> None:
    new = orjson.loads(export_bytes(store.path))
    old: dict[str, object] = {"kindcheck_export": 1, "exported_at": new["exported_at"],
                              "store_schema": 1, "people": []}
    for person in new["people"]:
        entry = {}
        for key, value in person.items():
            if isinstance(value, list):  # the old pair form: ["iso", "zone"]
                value = [{k: ([v, row[f"{k}_zone"] or "+00:00"] if f"{k}_zone" in row and v
                              else v)
                          for k, v in row.items() if not k.endswith("_zone")} for row in value]
            entry[key] = value
        old["people"].append(entry)  # type: ignore[attr-defined]
    backup = tmp_path / "old.json"
    backup.write_bytes(orjson.dumps(old))
    fresh = tmp_path / "fresh" / "kindcheck.json"
    result = kindcheck("--data", str(fresh), "import", "json", str(backup))
    assert result.returncode == 0, result.stderr
    assert export_bytes(fresh) == export_bytes(store.path)


def test_help_says_what_import_does_with_examples() -> None:
    result = kindcheck("import", "--help")
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "empty store" in text and "examples:" in text and "import json -" in text
    assert "import" in kindcheck("--help").stdout.decode()


# -- refusals: exit 2, one line, the store untouched ---------------------------------------------


def _refused(target: Path, file: Path, *words: str) -> None:
    before = digest(target.parent)
    result = kindcheck("--data", str(target), "import", "json", str(file))
    err = result.stderr.decode()
    assert result.returncode == 2, (result.stdout, err)
    assert result.stdout == b""
    assert len(err.splitlines()) == 1 and err.startswith("kindcheck: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    assert digest(target.parent) == before


def test_a_store_that_holds_people_is_refused(store: Store, team: dict[str, Person],
                                              tmp_path: Path) -> None:
    backup = tmp_path / "backup.json"
    backup.write_bytes(export_bytes(store.path))
    _refused(store.path, backup, "already holds people", "empty store")


@pytest.mark.parametrize(("content", "words"), [
    (b"{not json", ("is not JSON",)),
    (b"[1, 2]", ("is not a kindcheck export",)),
    (b'{"people": []}', ("is not a kindcheck export", '"schema": "kindcheck-export"')),
    (b'{"schema": "kindcheck-export", "version": 9, "people": []}',
     ("version 9", "newer kindcheck", "update")),
    (b'{"schema": "kindcheck-export", "version": 2, "people": {}}', ('"people"',)),
    (b'{"schema": "kindcheck-export", "version": 2, "people": [{"id": "x", "name": "Ada",'
     b' "notes": [{"id": "n", "person_id": "x", "kind": "progress", "text": "Hi",'
     b' "at": "last tuesday", "at_zone": "UTC"}]}]}',
     ("people[0] (Ada), notes[0]", "last tuesday")),
    (b'{"schema": "kindcheck-export", "version": 2, "people": [{"id": "a", "name": "Ada"},'
     b' {"id": "b", "name": "ada"}]}', ("two people are called",)),
    (b'{"schema": "kindcheck-export", "version": 2, "people": [{"id": "../x", "name": "A"}]}',
     ("people[0] (A)", "id")),
    (b'{"schema": "kindcheck-export", "version": 2, "people": [{"id": "a", "name": "A",'
     b' "checkins": [{"id": "c", "person_id": "zz", "at": "2026-11-23T09:30:00+01:00",'
     b' "at_zone": "Europe/Berlin"}]}]}', ("checkins[0]", "belongs to person 'zz'")),
])
def test_a_bad_or_foreign_file_is_refused_by_name(
    tmp_path: Path, content: bytes, words: tuple[str, ...]
) -> None:
    target = tmp_path / "empty" / "kindcheck.json"
    Store.open(target)  # an empty store that exists, so "untouched" means something
    file = tmp_path / "import.json"
    file.write_bytes(content)
    _refused(target, file, str(file), *words)
    assert Store.open(target).is_empty


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "empty" / "kindcheck.json"
    Store.open(target)
    _refused(target, tmp_path / "nowhere.json", "cannot read", "nowhere.json")
