"""The command line and the store's paths: `--data` through a symlink, `--out` that names one
of the store's own files however it is spelled, device files and pipes, a person's file gone
missing, a schema number no kindcheck wrote, and permissions wider than the user's own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.clock import ManualClock
from kindcheck.paths import DATA_ENV, NOW_ENV
from kindcheck.store.store import Store
from tests.conftest import NOW, build_small_team
from tests.functional.harness import NoticingApp
from tests.store_state import digest as store_digest

USAGE, STORE = 2, 1


def _kindcheck_command() -> list[str]:
    """The installed `kindcheck` script when there is one (what a user runs)."""
    script = Path(sys.executable).with_name("kindcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kindcheck"]


def kindcheck(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_kindcheck_command(), *args], capture_output=True, text=True, timeout=60,
        env={**os.environ, NOW_ENV: NOW.isoformat(), **(env or {})},
    )  # fmt: skip


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` but symlinks (names and bytes), to prove nothing changed."""
    return store_digest(folder, skip_links=True)


def one_line(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("kindcheck: ")
    return line


@pytest.fixture
def team_store(store: Store) -> Store:
    build_small_team(store)
    store.daily_backup()
    store.save_draft(store.find_person("Sam").id, {"how_they_are": "fine"})
    return store


# -- --data through a symlink ---------------------------------------------------------------


def test_a_note_through_a_symlinked_main_file_reaches_the_target(
    team_store: Store, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = elsewhere / "kindcheck.json"
    link.symlink_to(team_store.path)
    people_before = sorted(p.name for p in team_store.people_folder.iterdir())
    result = kindcheck("--data", str(link), "note", "Ada", "through the link")
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == team_store.path
    assert sorted(p.name for p in elsewhere.iterdir()) == ["kindcheck.json"]
    assert sorted(p.name for p in team_store.people_folder.iterdir()) == people_before
    ada = team_store.find_person("Ada").id
    assert "through the link" in [n.text for n in Store.open(team_store.path).history(ada).notes]


def test_kindcheck_data_through_a_symlinked_folder(team_store: Store, tmp_path: Path) -> None:
    link = tmp_path / "folder-link"
    link.symlink_to(team_store.folder, target_is_directory=True)
    result = kindcheck("add-person", "Grace", env={DATA_ENV: str(link)})
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert "Grace" in [p.name for p in Store.open(team_store.path).people()]


# -- --out never names the store's own files -----------------------------------------------


def _spellings(store: Store, tmp_path: Path) -> dict[str, Callable[[], Path]]:
    folder = store.folder

    def hard_link() -> Path:
        os.link(store.path, tmp_path / "hard.json")
        return tmp_path / "hard.json"

    def folder_link() -> Path:
        (tmp_path / "f-link").symlink_to(folder, target_is_directory=True)
        return tmp_path / "f-link" / "kindcheck.json"

    def file_link() -> Path:
        (tmp_path / "l.json").symlink_to(store.path)
        return tmp_path / "l.json"

    return {
        "the main file": lambda: store.path,
        "with ..": lambda: folder / ".." / folder.name / "kindcheck.json",
        "a symlinked folder": folder_link,
        "a symlink to the file": file_link,
        "a hard link to the file": hard_link,
        "the drafts": lambda: folder / "kindcheck.drafts.json",
        "the lock": lambda: store.lock_path,
        "a person file": lambda: next(store.people_folder.glob("*.json")),
        "a new file among the people": lambda: store.people_folder / "new.md",
        "a backup file": lambda: next(store.backups_folder.glob("*/kindcheck.json")),
    }


@pytest.mark.parametrize("spelling", [
    "the main file", "with ..", "a symlinked folder", "a symlink to the file",
    "a hard link to the file", "the drafts", "the lock", "a person file",
    "a new file among the people", "a backup file",
])  # fmt: skip
def test_out_never_overwrites_the_stores_own_files(
    team_store: Store, tmp_path: Path, spelling: str
) -> None:
    target = _spellings(team_store, tmp_path)[spelling]()
    before = digest(team_store.folder)
    result = kindcheck("--data", str(team_store.path), "export", "--format", "json",
                       "--out", str(target))
    line = one_line(result, USAGE)
    assert "one of kindcheck's own files" in line
    assert result.stdout == ""
    assert digest(team_store.folder) == before


def test_out_to_dev_stdout_writes_to_the_stream(team_store: Store) -> None:
    result = kindcheck("--data", str(team_store.path), "export", "--format", "json",
                       "--out", "/dev/stdout")
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["people"]  # the export alone: nothing mixed in


def test_out_to_dev_stdout_redirected_to_a_file_keeps_that_file(
    team_store: Store, tmp_path: Path
) -> None:
    log = tmp_path / "log.txt"
    log.write_text("kept\n")
    command = " ".join(_kindcheck_command())
    result = subprocess.run(
        ["sh", "-c", f"{command} --data '{team_store.path}' export --format json "
                     f"--out /dev/stdout >> '{log}'"],
        capture_output=True, text=True, timeout=60, env={**os.environ, NOW_ENV: NOW.isoformat()},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert text.startswith("kept\n") and orjson.loads(text[len("kept\n"):])["people"]


def test_out_to_a_named_pipe_writes_into_it(team_store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = kindcheck("--data", str(team_store.path), "export", "--format", "json",
                       "--out", str(fifo))
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and orjson.loads(received[0])["people"]


def test_out_through_a_symlink_writes_the_target_and_keeps_the_link(
    team_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "exports" / "notes.md"
    target.parent.mkdir()
    target.write_text("old")
    link = tmp_path / "notes.md"
    link.symlink_to(target)
    result = kindcheck("--data", str(team_store.path), "export", "--format", "markdown",
                       "--out", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and "Ada Lovelace" in target.read_text()


# -- a person's file gone missing -----------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["note", "Ada", "hello"], ["note", "Sam", "hello"], ["today"],
    ["export", "--format", "markdown"], ["export", "--format", "json", "--out", "OUT"],
])  # fmt: skip
def test_a_missing_person_file_is_reported(
    team_store: Store, tmp_path: Path, args: list[str]
) -> None:
    ada_file = team_store.people_folder / f"{team_store.find_person('Ada').id}.json"
    ada_file.unlink()
    before = digest(team_store.folder)
    out = tmp_path / "x.json"
    result = kindcheck("--data", str(team_store.path), *[str(out) if a == "OUT" else a
                                                          for a in args])
    line = one_line(result, STORE)
    assert not out.exists()
    assert str(ada_file) in line and "missing" in line
    assert result.stdout == ""
    assert not ada_file.exists() and digest(team_store.folder) == before


# -- a schema number no kindcheck wrote -----------------------------------------------------


@pytest.mark.parametrize("schema", [0, -3, "one"])
def test_an_unknown_schema_is_one_line_and_nothing_written(
    team_store: Store, schema: object
) -> None:
    tables = orjson.loads(team_store.path.read_bytes())
    tables["meta"]["1"]["schema"] = schema
    team_store.path.write_bytes(orjson.dumps(tables))
    before = digest(team_store.folder)
    names = sorted(p.name for p in team_store.folder.rglob("*"))
    for args in (["today"], ["note", "Ada", "hi"]):
        line = one_line(kindcheck("--data", str(team_store.path), *args), STORE)
        assert str(team_store.path) in line and "schema" in line
    assert digest(team_store.folder) == before
    assert sorted(p.name for p in team_store.folder.rglob("*")) == names


# -- permissions ----------------------------------------------------------------------------


def test_wide_permissions_are_tightened_with_a_notice(team_store: Store) -> None:
    os.chmod(team_store.path, 0o644)
    os.chmod(team_store.people_folder, 0o755)
    result = kindcheck("--data", str(team_store.path), "today")
    assert result.returncode == 0
    [line] = result.stderr.splitlines()
    assert line.startswith("kindcheck: ") and "only you" in line
    assert str(team_store.path) in line or "2 " in line
    assert stat.S_IMODE(team_store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(team_store.people_folder.stat().st_mode) == 0o700
    again = kindcheck("--data", str(team_store.path), "today")
    assert again.returncode == 0 and again.stderr == ""


# -- the same in the app --------------------------------------------------------------------


def _messages(app: NoticingApp) -> list[str]:
    return app.notice_texts()


async def test_the_app_names_a_missing_person_file_and_tightened_permissions(
    team_store: Store, clock: ManualClock
) -> None:
    ada = team_store.find_person("Ada")
    ada_file = team_store.people_folder / f"{ada.id}.json"
    ada_file.unlink()
    os.chmod(team_store.path, 0o644)
    opened = Store.open(team_store.path, clock=clock)
    app = NoticingApp(opened, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=(120, 34), notifications=True) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        messages = _messages(app)
        assert any(str(ada_file) in m and "missing" in m for m in messages), messages
        assert any("only you can read" in m for m in messages), messages
        # Ada's last check-in is still shown as it was, not "no check-in yet".
        assert opened.summary(ada.id).checkin_count == 1
    assert not ada_file.exists()
