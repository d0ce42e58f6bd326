"""`kindcheck sync`, `sync init` and `sync clone` through the installed command, with the real
git: two stores ("machines") and a bare remote under tmp_path."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import orjson
import pytest

from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from kindcheck.paths import LOCK_TIMEOUT_ENV, NOW_ENV
from kindcheck.store import records
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import COMMAND
from tests.store_state import digest


class Machine:
    """One store, and the kindcheck command run on it (its own config folder)."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / name / "data" / "kindcheck.json"
        self.config = root / name / "config" / "settings.toml"

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, NOW_ENV: NOW.isoformat(), LOCK_TIMEOUT_ENV: "2",
               "KINDCHECK_CONFIG": str(self.config)}
        return subprocess.run([COMMAND, "--data", str(self.path), *args], capture_output=True,
                              text=True, encoding="utf-8", env=env, timeout=120, check=False,
                              input=stdin if stdin is not None else "")

    def ok(self, *args: str, stdin: str | None = None) -> str:
        done = self.run(*args, stdin=stdin)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        return done.stdout

    def refused(self, code: int, *args: str, stdin: str | None = None) -> str:
        """Run a command that must fail with `code`, one line on stderr, nothing changed."""
        before = self.state()
        done = self.run(*args, stdin=stdin)
        assert done.returncode == code, (done.stdout, done.stderr)
        assert done.stdout == "" or "sync key" not in done.stdout
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert self.state() == before
        return done.stderr

    def state(self) -> dict[str, str]:
        """Every file of the store and its sync state, byte for byte, except what a fetch
        adds: the remote's objects and where the remote stands (what was synced stays)."""
        fetched = ("kindcheck.sync/base/.git/objects/", "kindcheck.sync/base/.git/refs/remotes/")
        return {name: hashed for name, hashed in digest(self.path.parent).items()
                if not name.startswith(fetched)}

    def store(self) -> Store:
        return Store.open(self.path, clock=lambda: NOW)

    def note(self, person: str, text: str) -> None:
        store = self.store()
        store.add_note(Note(store.find_person(person).id, NoteKind.PROGRESS, text, NOW))

    def records(self) -> Any:
        """The whole store as `export --format json` gives it, minus the export's moment
        and the order records happen to be in."""
        exported = orjson.loads(self.ok("export", "--format", "json"))
        exported.pop("exported_at", None)
        return _sorted(exported)


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: orjson.dumps(item, option=orjson.OPT_SORT_KEYS))
    return value


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    return tmp_path / "remote.git"


@pytest.fixture
def pair(tmp_path: Path, remote: Path) -> tuple[Machine, Machine]:
    """Machine A synced to a new bare remote with Ada and a note; machine B cloned from it."""
    a, b = Machine(tmp_path, "a"), Machine(tmp_path, "b")
    store = a.store()
    ada = store.add_person(Person("Ada Lovelace", what_matters="Her daughter's school"))
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Shipped the export", NOW))
    said = a.ok("sync", "init", str(remote))
    assert said.endswith("(not encrypted). 1 note and 1 person sent.\n")
    assert b.ok("sync", "clone", str(remote)).endswith("1 note and 1 person from elsewhere.\n")
    return a, b


def test_sync_has_help_with_examples(tmp_path: Path) -> None:
    machine = Machine(tmp_path, "a")
    for command in (("sync",), ("sync", "init"), ("sync", "clone")):
        out = machine.ok(*command, "--help")
        assert out.startswith(f"usage: kindcheck {' '.join(command)}")
        assert "examples:" in out and "kindcheck sync init" in out


@pytest.mark.slow
@pytest.mark.parametrize("first", ["a", "b"])
def test_notes_on_both_machines_end_in_both(pair: tuple[Machine, Machine], first: str) -> None:
    a, b = pair
    a.note("ada", "Led the retro")
    b.note("ada", "Asked for a mentor")
    b.store().add_person(Person("Mika Tanaka"))
    one, other = (a, b) if first == "a" else (b, a)
    one.ok("sync")
    assert "from elsewhere" in other.ok("sync")
    assert "from elsewhere" in one.ok("sync")
    assert a.ok("sync") == "Already in step.\n"
    assert a.records() == b.records()
    notes = sorted(n.text for n in a.store().history(a.store().find_person("ada").id).notes)
    assert notes == ["Asked for a mentor", "Led the retro", "Shipped the export"]
    assert {p.name for p in b.store().people()} == {"Ada Lovelace", "Mika Tanaka"}


@pytest.mark.slow
def test_a_check_in_edited_on_both_keeps_both_texts_flagged(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    store = a.store()
    ada = store.find_person("ada")
    checkin = CheckIn(ada.id, NOW, how_they_are="Fine", no_follow_up=True)
    store.save_checkin(checkin)
    a.ok("sync")
    b.ok("sync")
    for machine, text in ((a, "Tired after the move"), (b, "Happy about the new team")):
        mine = machine.store()
        with mine._person_change(ada.id) as db:  # an edit of a saved check-in, as the form makes
            records.update_one(db, "checkins", checkin.id, {"how_they_are": text})
    a.ok("sync")
    said = b.ok("sync")
    assert "1 record holds two versions written on different machines" in said
    a.ok("sync")
    assert a.records() == b.records()
    raw = orjson.loads(b.store().person_file(ada.id).read_bytes())
    (row,) = raw["checkins"].values()
    kept = orjson.dumps(row).decode()
    assert "Tired after the move" in kept and "Happy about the new team" in kept
    assert row.get("conflict")


@pytest.mark.slow
def test_an_unreachable_remote_changes_nothing_and_the_next_sync_catches_up(
    pair: tuple[Machine, Machine], remote: Path, tmp_path: Path,
) -> None:
    a, b = pair
    a.note("ada", "Written while offline")
    away = tmp_path / "unplugged.git"
    remote.rename(away)
    said = a.refused(1, "sync")
    assert "Can't reach the remote" in said
    away.rename(remote)
    assert a.ok("sync") == "1 note sent.\n"
    assert b.ok("sync") == "1 note from elsewhere.\n"


@pytest.mark.slow
def test_a_remote_rewritten_by_a_force_push_is_refused(
    pair: tuple[Machine, Machine], remote: Path,
) -> None:
    a, b = pair
    first = _git(remote, "rev-parse", "main")
    a.note("ada", "Second week")
    a.ok("sync")
    b.ok("sync")
    _git(remote, "update-ref", "refs/heads/main", first)  # what a force push of old work does
    b.note("ada", "Kept here")
    said = b.refused(1, "sync")
    assert "was rewritten" in said and "Nothing was changed" in said


def test_init_refuses_a_folder_that_is_not_a_repository(tmp_path: Path) -> None:
    a = Machine(tmp_path, "a")
    a.store().add_person(Person("Ada Lovelace"))
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "cat.jpg").write_bytes(b"meow")
    assert "holds files but is not a git repository" in a.refused(2, "sync", "init", str(folder))
    assert not (tmp_path / "a" / "data" / "kindcheck.sync").exists()


def test_init_makes_a_bare_repository_in_an_empty_folder(tmp_path: Path) -> None:
    a = Machine(tmp_path, "a")
    folder = tmp_path / "usb"
    folder.mkdir()
    a.ok("sync", "init", str(folder))
    assert _git(folder, "rev-parse", "--is-bare-repository") == "true"
    assert a.refused(2, "sync", "init", str(folder)).endswith(f"already syncs with {folder}\n")


def test_clone_refuses_a_store_with_people(pair: tuple[Machine, Machine], remote: Path) -> None:
    a, _b = pair
    said = a.refused(2, "sync", "clone", str(remote))
    assert "already has people in it" in said


def test_a_second_init_onto_a_used_remote_points_to_clone(
    pair: tuple[Machine, Machine], remote: Path, tmp_path: Path,
) -> None:
    c = Machine(tmp_path, "c")
    c.store().add_person(Person("Sam Okafor"))
    assert "use kindcheck sync clone" in c.refused(2, "sync", "init", str(remote))


def test_sync_before_init_says_how_to_start(tmp_path: Path) -> None:
    a = Machine(tmp_path, "a")
    a.store().add_person(Person("Ada Lovelace"))
    assert "start with kindcheck sync init REMOTE" in a.refused(2, "sync")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", f"--git-dir={repo}", *args], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_a_sync_keeps_the_summaries_of_people_it_did_not_change(
    pair: tuple[Machine, Machine],
) -> None:
    a, b = pair
    mika = b.store().add_person(Person("Mika Tanaka"))
    b.note("mika", "Ran the demo")
    b.ok("sync")
    a.ok("sync")
    a.note("ada", "Led the retro")
    a.store().add_person(Person("Sam Okafor"))  # the index changes too
    a.ok("sync")
    assert b.ok("sync") == "1 note and 1 person from elsewhere.\n"
    index = orjson.loads(b.path.read_bytes())
    summarised = {row["person_id"] for row in index.get("summaries", {}).values()}
    assert mika.id in summarised  # not dropped: opening the store needs not read Mika's file


def test_an_export_never_overwrites_the_sync_state(pair: tuple[Machine, Machine]) -> None:
    a, _b = pair
    target = a.path.parent / "kindcheck.sync" / "state.json"
    done = a.run("export", "--format", "json", "--out", str(target))
    assert done.returncode != 0 and "kindcheck" in done.stderr
    assert a.ok("sync") == "Already in step.\n"
