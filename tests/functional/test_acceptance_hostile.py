"""Defects found by trying the installed command as a careless or hostile user would: each test
here failed on the code before its fix."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pendulum
import pytest

from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from tests.functional.terminal import kindcheck_in_tmux
from tests.functional.test_cli_shell_commands import kindcheck
from tests.store_state import digest

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="needs tmux (apt-get install tmux); in CI it is required",
)


@needs_tmux
@pytest.mark.slow  # a real terminal and the installed command
def test_ctrl_c_says_how_to_quit_in_plain_words(
    tmp_path: Path, store_path: Path, team: dict[str, Person]
) -> None:
    """ctrl+c no longer quits (Textual made it copy): the hint it shows must not be raw
    markup, since every notification is shown literally."""
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        term.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
        term.burst("<C-c>")
        screen = term.wait_for(lambda s: "to quit" in s, "the hint on how to quit")
        assert "[b]" not in screen and "[/b]" not in screen
        assert re.search(r"Press \S+ to quit", screen), screen


@pytest.fixture
def vdir_is_a_file(tmp_path: Path) -> Path:
    """A `[calendar] vdir` that names a file, not a folder (a slip when typing the path)."""
    target = tmp_path / "calendar.txt"
    target.write_text("my own notes, not a calendar\n", encoding="utf-8")
    settings = Path(os.environ["KINDCHECK_CONFIG"])
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text(f'[calendar]\nvdir = "{target}"\n', encoding="utf-8")
    return target


def test_a_vdir_that_is_a_file_is_named_as_such_and_left_alone(
    store_path: Path, store: Store, vdir_is_a_file: Path
) -> None:
    store.add_person(Person("Ada Lovelace"))
    synced = kindcheck(store_path, "calendar", "sync")
    assert synced.returncode == 2 and synced.stdout == ""  # a setting to mend: bad input
    [line] = synced.stderr.splitlines()
    assert "is a file, not a folder" in line and "File exists" not in line

    planned = kindcheck(store_path, "follow-up", "ada", "fri", "14:00")
    assert planned.returncode == 0, planned.stderr
    [warning] = planned.stderr.splitlines()
    assert "is a file, not a folder" in warning and "File exists" not in warning
    assert vdir_is_a_file.read_text(encoding="utf-8") == "my own notes, not a calendar\n"


def test_sync_init_onto_a_file_is_bad_input_said_plainly(
    tmp_path: Path, store_path: Path, store: Store
) -> None:
    store.add_person(Person("Ada Lovelace"))
    target = tmp_path / "notes.git"
    target.write_text("not a repository\n", encoding="utf-8")
    before = digest(store_path.parent)
    done = kindcheck(store_path, "sync", "init", str(target))
    assert done.returncode == 2 and done.stdout == "", done.stderr
    [line] = done.stderr.splitlines()
    assert line == f"kindcheck: {target} is a file, not a git repository"
    assert digest(store_path.parent) == before
    assert target.read_text(encoding="utf-8") == "not a repository\n"


def test_a_sync_key_cut_short_is_not_said_to_start_wrong(
    tmp_path: Path, store_path: Path, store: Store
) -> None:
    store.add_person(Person("Ada Lovelace"))
    remote = tmp_path / "notes.git"
    started = kindcheck(store_path, "sync", "init", str(remote), "--encrypt")
    assert started.returncode == 0, started.stderr
    [key] = [line for line in started.stdout.splitlines() if line.startswith("AGE-SECRET-KEY-1")]

    other = tmp_path / "other" / "kindcheck.json"
    done = kindcheck(other, "sync", "clone", str(remote), "--key", key[:-3])
    assert done.returncode == 2, done.stderr
    [line] = done.stderr.splitlines()
    assert "it starts AGE-SECRET-KEY-1" not in line
    assert "cut short or has a typo" in line
    assert not other.exists()


@needs_tmux
@pytest.mark.slow  # a real terminal and the installed command
def test_the_longest_team_and_name_allowed_leave_the_roster_readable(
    tmp_path: Path, store_path: Path, team: dict[str, Person]
) -> None:
    """A 100-character team (its limit) and a 200-character name (its limit) once pushed every
    other column off the roster, behind a sideways scrollbar."""
    store = Store.open(store_path)
    store.add_person(Person("Nadia " + "N" * 194, team="T" * 100))
    store.add_person(Person("Bea Bright", team="Platform"))
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        grouped = term.wait_for(lambda s: "▾ Platform" in s, "the grouped roster")
        assert "Last check-in" in grouped and "Cadence" in grouped, grouped
        assert "…" in grouped  # the long ones are cut short, visibly
        term.burst("g")
        flat = term.wait_for(lambda s: "▾ Platform" not in s, "the flat roster")
        assert "Last check-in" in flat and "Cadence" in flat, flat
        assert "no check-in yet" in flat


@needs_tmux
@pytest.mark.slow  # a real terminal and the installed command
def test_a_long_initiative_name_keeps_to_its_line_under_the_month(
    tmp_path: Path, store_path: Path, team: dict[str, Person]
) -> None:
    """A long name wrapped onto a second line and pushed the next initiative out of sight,
    though `i` would plan for it."""
    store = Store.open(store_path)
    ada = team["ada"]
    long_name = "All-hands planning for the whole department " * 4
    for name in (long_name, "Move the build", "Onboarding revamp"):
        store.initiatives.add(Initiative(name, [ada.id], target=pendulum.date(2026, 11, 27)))
    with kindcheck_in_tmux(tmp_path, store_path) as term:
        term.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
        term.burst("w")
        term.wait_for(lambda s: "m Week/Month" in s, "the calendar")
        term.burst("m")
        month = term.wait_for(lambda s: "(Fri 27 Nov)" in s, "the initiatives under the month")
        assert "Move the build (Fri 27 Nov)" in month and "Onboarding revamp (Fri 27 Nov)" in month
        assert "…" in month
