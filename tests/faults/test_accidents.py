"""Accidents that happen in place: a file truncated or rewritten by the shell or another tool
must not take the day's backup with it, and kindcheck points at that backup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.model import Note
from kindcheck.paths import DATA_ENV, NOW_ENV
from kindcheck.store.store import Store
from tests.conftest import NOW, build_small_team

# Real kindcheck processes meeting real accidents: slow, so outside the quick set.
pytestmark = pytest.mark.slow


def _kindcheck_command() -> list[str]:
    """The installed `kindcheck` script when there is one (what a user runs)."""
    script = Path(sys.executable).with_name("kindcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kindcheck"]


def _env() -> dict[str, str]:
    return {**os.environ, NOW_ENV: NOW.isoformat()}


@pytest.fixture
def team_store(store: Store) -> Store:
    build_small_team(store)
    store.daily_backup()
    return store


def test_a_backup_survives_the_file_being_changed_in_place(team_store: Store) -> None:
    store = team_store
    ada = store.find_person("Ada")
    ada_file = store.people_folder / f"{ada.id}.json"
    day = store.backups_folder / NOW.to_date_string()
    saved = {p.name: p.read_bytes() for p in day.iterdir()}
    for live in (store.path, ada_file):
        with live.open("r+b") as file:  # in place, as `>` or an editor saving in place would
            file.truncate(0)
    assert {p.name: p.read_bytes() for p in day.iterdir()} == saved
    for live in (store.path, ada_file):
        assert not os.path.samefile(live, day / live.name)


def test_the_truncation_accident_is_refused_and_the_backup_offered(
    team_store: Store,
) -> None:
    store = team_store
    before = store.path.read_bytes()
    backup = store.backups_folder / NOW.to_date_string() / store.path.name
    command = " ".join(_kindcheck_command())
    # The shell truncates the index before kindcheck even starts.
    accident = subprocess.run(
        ["sh", "-c", f"cd '{store.folder}' && {command} export --format json > kindcheck.json"],
        capture_output=True, text=True, timeout=60, env={**_env(), DATA_ENV: str(store.path)},
    )  # fmt: skip
    assert accident.returncode == 1
    [line] = accident.stderr.splitlines()
    assert line.startswith("kindcheck: ") and "Traceback" not in accident.stderr
    assert str(store.path) in line and str(backup) in line
    assert store.path.read_bytes() == b""
    assert backup.read_bytes() == before
    again = subprocess.run(
        [*_kindcheck_command(), "--data", str(store.path), "today"],
        capture_output=True, text=True, timeout=60, env=_env(),
    )  # fmt: skip
    assert again.returncode == 1 and str(backup) in again.stderr
    assert store.path.read_bytes() == b""

    # Putting the backup back brings everyone back.
    shutil.copy(backup, store.path)
    assert [p.name for p in Store.open(store.path).people()] == [
        "Ada Lovelace", "Mika Tanaka", "Sam Okafor",
    ]


def test_a_backup_is_a_copy_even_of_a_file_unchanged_since_the_day_before(
    team_store: Store,
) -> None:
    """Unchanged files may be shared between days' backups, never with the live file."""
    store = team_store
    store.clock.advance(days=1)  # type: ignore[attr-defined]
    sam = store.find_person("Sam")
    store.add_note(Note(sam.id, "progress", "a new day", store.clock()))
    day = store.daily_backup()
    assert day is not None
    for backup in day.iterdir():
        live = store.path if backup.name == store.path.name else (
            store.folder / backup.name if backup.name.startswith("kindcheck.")
            else store.people_folder / backup.name
        )
        assert live.exists(), backup
        assert not os.path.samefile(live, backup), backup
        assert backup.read_bytes() == live.read_bytes(), backup


def test_a_missing_person_file_is_not_silently_restarted_by_a_note(
    team_store: Store,
) -> None:
    store = team_store
    ada = store.find_person("Ada")
    ada_file = store.people_folder / f"{ada.id}.json"
    ada_file.unlink()
    result = subprocess.run(
        [*_kindcheck_command(), "--data", str(store.path), "note", "Ada", "hello"],
        capture_output=True, text=True, timeout=60, env=_env(),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    [line] = result.stderr.splitlines()
    assert str(ada_file) in line and "Traceback" not in result.stderr
    assert not ada_file.exists()
    assert orjson.loads(store.path.read_bytes())["people"]  # the index still lists Ada
    # Opened in-process, the store says which file is gone instead of "no check-in yet".
    assert Store.open(store.path).missing_files() == [ada_file]
