"""Every way the command line can be refused: exit 2 for bad usage or input, 1 for a store
problem, always ONE line on stderr naming the problem, never a traceback, and the store's
files left byte-for-byte as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import filelock
import orjson
import pytest

from kindcheck.cli import main
from kindcheck.domain.model import Person
from kindcheck.paths import LOCK_TIMEOUT_ENV, NOW_ENV
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.store_state import digest

USAGE, STORE = 2, 1


@pytest.fixture(autouse=True)
def _fixed_now_and_short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NOW_ENV, NOW.isoformat())
    monkeypatch.setenv(LOCK_TIMEOUT_ENV, "0.2")


@pytest.fixture
def refused(capsys: pytest.CaptureFixture[str], store_path: Path):
    """Run kindcheck on the test store, insist it fails with `code` and touches nothing;
    return the one error line."""

    def refused(code: int, *args: str) -> str:
        before = digest(store_path.parent)
        result = main(["--data", str(store_path), *args])
        captured = capsys.readouterr()
        assert result == code, captured
        assert captured.out == ""
        lines = captured.err.splitlines()
        assert len(lines) == 1, captured.err
        assert lines[0].startswith("kindcheck: ")
        assert "Traceback" not in captured.err
        assert digest(store_path.parent) == before
        return lines[0]

    return refused


# -- bad input: exit 2 ----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "words"), [
    (["add-person", ""], "A name is needed"),
    (["add-person", "   "], "A name is needed"),
    (["add-person", "Ada", "--cadence", "fortnightly-ish"], "can't read the cadence"),
    (["add-person", "Ada", "--cadence", "0d"], "can't read the cadence"),
    (["add-person", "Ada", "--timezone", "Mars/Olympus_Mons"], "don't know the timezone"),
    (["add-person"], "required: NAME"),
    (["note", "Ada"], "required: TEXT"),
    (["note", "Ada", "x", "--progress", "--missing"], "not allowed with"),
    (["export", "--format", "pdf"], "invalid choice: 'pdf'"),
    (["export"], "required: --format"),
    (["demo", "--people", "0"], "--people must be between 1 and 500"),
    (["demo", "--weeks", "9999"], "--weeks must be between 1 and 520"),
    (["demo", "--people", "lots"], "invalid int value"),
    (["dance"], "invalid choice: 'dance'"),
    (["--colour"], "unrecognized arguments"),
])  # fmt: skip
def test_bad_usage_on_an_empty_store(refused: Any, args: list[str], words: str) -> None:
    assert words in refused(USAGE, *args)


def test_argparse_mistakes_point_at_the_right_help(refused: Any) -> None:
    assert refused(USAGE, "export", "--format", "pdf").endswith("(see kindcheck export --help)")


@pytest.fixture
def team_on_disk(store: Store, team: dict[str, Person]) -> dict[str, Person]:
    store.add_person(Person("Samira Haddad"))
    return team


@pytest.mark.parametrize(("args", "words"), [
    (["add-person", "ada lovelace"], "There is already someone called Ada Lovelace"),
    (["note", "Zed", "hello"], "Nobody called 'Zed'. People here: Ada Lovelace, Mika Tanaka"),
    (["note", "sam", "hello"], "'sam' could be Sam Okafor, Samira Haddad"),
    (["note", "Ada", ""], "The note is empty"),
    (["export", "--format", "json", "--person", "nobody"], "Nobody called 'nobody'"),
    (["demo"], "already has 4 people, so I left it alone. Use --force"),
    (["demo", "--force", "--people", "600"], "--people must be between"),
])  # fmt: skip
def test_bad_input_with_a_team(
    refused: Any, team_on_disk: dict[str, Person], args: list[str], words: str
) -> None:
    assert words in refused(USAGE, *args)


def test_export_to_a_missing_folder(refused: Any, team: dict[str, Person], tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "place.md"
    line = refused(USAGE, "export", "--format", "markdown", "--out", str(target))
    assert f"cannot write {target}" in line
    assert not target.parent.exists()


def test_export_never_overwrites_the_store(
    refused: Any, team: dict[str, Person], store_path: Path
) -> None:
    line = refused(USAGE, "export", "--format", "json", "--out", str(store_path))
    assert "one of kindcheck's own files" in line


@pytest.mark.parametrize(("variable", "value", "words"), [
    (NOW_ENV, "next tuesday-ish", "KINDCHECK_NOW"),
    (LOCK_TIMEOUT_ENV, "soon", "KINDCHECK_LOCK_TIMEOUT"),
    (LOCK_TIMEOUT_ENV, "-1", "KINDCHECK_LOCK_TIMEOUT"),
])  # fmt: skip
def test_bad_settings_in_the_environment(
    refused: Any, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, words: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert words in refused(USAGE, "today")


# -- store problems: exit 1 ---------------------------------------------------------------------

COMMANDS = [
    ["today"],
    ["add-person", "Zoe"],
    ["note", "Ada", "hello"],
    ["export", "--format", "json"],
    ["demo", "--force"],
    [],  # the dashboard: refused before it ever opens
]


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize("damage", [b"{not json", b"", b'{"people": []}', b"[1, 2, 3]"])
def test_a_corrupt_index_is_reported_and_left_alone(
    refused: Any, team: dict[str, Person], store_path: Path, args: list[str], damage: bytes
) -> None:
    store_path.write_bytes(damage)
    line = refused(STORE, *args)
    assert str(store_path) in line
    assert "damaged" in line


def test_a_corrupt_person_file_is_reported_on_export_and_note(
    refused: Any, store: Store, team: dict[str, Person]
) -> None:
    ada_file = store.people_folder / f"{team['ada'].id}.json"
    ada_file.write_bytes(ada_file.read_bytes()[:40])
    for args in (["export", "--format", "markdown"], ["note", "Ada", "hello"]):
        line = refused(STORE, *args)
        assert str(ada_file) in line and "damaged" in line


@pytest.mark.parametrize("args", COMMANDS)
def test_a_store_from_a_newer_kindcheck_is_left_alone(
    refused: Any, team: dict[str, Person], store_path: Path, args: list[str]
) -> None:
    tables = orjson.loads(store_path.read_bytes())
    tables["meta"]["1"]["schema"] = 99
    store_path.write_bytes(orjson.dumps(tables))
    line = refused(STORE, *args)
    assert str(store_path) in line and "newer kindcheck" in line


@pytest.fixture
def held_lock(store: Store, team: dict[str, Person]) -> Iterator[None]:
    """Another kindcheck is busy writing."""
    lock = filelock.FileLock(store.lock_path)
    with lock:
        yield


@pytest.mark.parametrize("args", [
    ["add-person", "Zoe"], ["note", "Ada", "hello"], ["demo", "--force"],
])  # fmt: skip
def test_a_locked_store_is_reported_quickly(
    refused: Any, held_lock: None, store_path: Path, args: list[str]
) -> None:
    line = refused(STORE, *args)
    assert str(store_path) in line and "busy" in line


def test_reading_today_still_works_while_someone_writes(
    capsys: pytest.CaptureFixture[str], held_lock: None, store_path: Path
) -> None:
    assert main(["--data", str(store_path), "today"]) == 0
    assert "Ada Lovelace" in capsys.readouterr().out


def test_a_data_path_that_cannot_be_a_file(
    refused: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code = main(["--data", str(blocker / "kindcheck.json"), "add-person", "Ada"])
    err = capsys.readouterr().err
    assert code == STORE
    assert len(err.splitlines()) == 1 and err.startswith("kindcheck: ")
    assert blocker.read_text() == "not a folder"


# -- the same, as real processes ----------------------------------------------------------------


def kindcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindcheck", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )


def assert_one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("kindcheck: ")
    return line


def test_processes_exit_2_on_bad_input(store_path: Path, team: dict[str, Person]) -> None:
    before = digest(store_path.parent)
    data = ["--data", str(store_path)]
    assert "A name is needed" in assert_one_line(kindcheck(*data, "add-person", ""), USAGE)
    assert "invalid choice" in assert_one_line(kindcheck(*data, "export", "--format", "doc"), USAGE)
    assert "Nobody called" in assert_one_line(kindcheck(*data, "note", "Q", "hi"), USAGE)
    assert digest(store_path.parent) == before


def test_processes_exit_1_on_a_corrupt_or_locked_store(
    store: Store, store_path: Path, team: dict[str, Person]
) -> None:
    data = ["--data", str(store_path)]
    with filelock.FileLock(store.lock_path):
        before = digest(store_path.parent)
        line = assert_one_line(kindcheck(*data, "add-person", "Zoe"), STORE)
        assert "busy" in line
        assert digest(store_path.parent) == before
    store_path.write_bytes(b'{"_default": {"1": ')
    before = digest(store_path.parent)
    line = assert_one_line(kindcheck(*data, "today"), STORE)
    assert str(store_path) in line and "damaged" in line
    assert digest(store_path.parent) == before
