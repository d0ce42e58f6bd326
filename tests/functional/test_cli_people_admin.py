"""Deleting someone who left, through the installed `kindcheck`: the confirmation on a
terminal, --yes for scripts, the refusal elsewhere (store byte-for-byte unchanged), and
everything gone after, with a tombstone and their reports' manager unset. Also unarchiving
an archived person by the start of their name."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import time
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.initiatives import Initiative
from kindcheck.domain.model import Person
from kindcheck.paths import LOCK_TIMEOUT_ENV, NOW_ENV
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.functional.test_cli_shell_commands import COMMAND, ok, refused, reopen
from tests.store_state import digest


@pytest.fixture
def org(store: Store, team: dict[str, Person]) -> dict[str, Person]:
    """The small team, with Mika and Sam reporting to Ada, an initiative and a draft."""
    for name in ("mika", "sam"):
        person = store.person(team[name].id)
        person.manager_id = team["ada"].id
        store.update_person(person)
    store.initiatives.add(Initiative("Staging", [team["ada"].id, team["sam"].id]))
    store.save_draft(team["ada"].id, {"how_they_are": "half typed"})
    return team


def _in_terminal(store_path: Path, typed: str, *args: str) -> tuple[int, str]:
    """Run kindcheck on a pseudo-terminal, typing `typed` once it asks; exit code and all
    it printed."""
    main, secondary = pty.openpty()
    env = {**os.environ, NOW_ENV: NOW.isoformat(), LOCK_TIMEOUT_ENV: "0.2"}
    process = subprocess.Popen(
        [COMMAND, "--data", str(store_path), *args],
        stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True,
    )
    os.close(secondary)
    said = b""
    deadline = time.monotonic() + 30
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the other end closed: the command finished
                break
            if not chunk:
                break
            said += chunk
        if not sent and b"Type their name" in said:
            os.write(main, typed.encode() + b"\r")
            sent = True
        if process.poll() is not None and not ready:
            break
    code = process.wait(timeout=30)
    os.close(main)
    return code, said.decode("utf-8", "replace").replace("\r\n", "\n")


def test_delete_person_has_help_with_examples(store_path: Path) -> None:
    out = ok(store_path, "delete-person", "--help")
    assert out.startswith("usage: kindcheck delete-person")
    assert "examples:" in out and "kindcheck delete-person " in out
    assert "delete-person" in ok(store_path, "--help")


def test_without_a_terminal_it_needs_yes(org: dict[str, Person], store_path: Path) -> None:
    line = refused(store_path, 2, "delete-person", "ada")
    assert "needs --yes" in line
    assert "kindcheck export --format json --person 'Ada Lovelace'" in line


@pytest.mark.parametrize(("args", "said"), [
    (("delete-person", "nobody", "--yes"), "nobody"),
    (("delete-person", "--yes"), "required: PERSON"),
])
def test_bad_input_changes_nothing(
    org: dict[str, Person], store_path: Path, args: tuple[str, ...], said: str
) -> None:
    assert said in refused(store_path, 2, *args)


def test_yes_deletes_everything_about_them(
    org: dict[str, Person], store: Store, store_path: Path
) -> None:
    ada = org["ada"].id
    ada_file = store.person_file(ada)
    assert ada_file.exists()
    out = ok(store_path, "delete-person", "ada", "--yes")
    assert out == ("Deleted Ada Lovelace: 1 check-in, 2 notes, 1 commitment, 1 follow-up, "
                   "1 draft. Mika Tanaka, Sam Okafor no longer report to anyone.\n")
    assert not ada_file.exists()
    again = reopen(store_path)
    assert [p.name for p in again.people(include_archived=True)] == ["Mika Tanaka",
                                                                     "Sam Okafor"]
    assert all(p.manager_id is None for p in again.people())
    assert [i.person_ids for i in again.initiatives.all()] == [[org["sam"].id]]
    assert again.draft_people() == []
    index = orjson.loads(store_path.read_bytes())
    assert ada not in orjson.dumps(index["people"]).decode()
    assert ada not in orjson.dumps(index["summaries"]).decode()
    assert list(index["tombstones"].values()) == [
        {"id": ada, "kind": "person", "deleted_at": [NOW.isoformat(), NOW.timezone_name]}
    ]
    drafts = orjson.loads(again.drafts_path.read_bytes())
    assert ada not in orjson.dumps(drafts["drafts"]).decode()
    assert again.tombstoned() == {ada}
    # Nothing about them is left anywhere in the store's own files (backups aside).
    for path in store_path.parent.rglob("*"):
        if path.is_file() and "backups" not in str(path):
            assert b"Ada Lovelace" not in path.read_bytes(), path


@pytest.mark.slow
def test_on_a_terminal_it_names_what_goes_and_wants_the_name(
    org: dict[str, Person], store_path: Path
) -> None:
    before = digest(store_path.parent)
    code, said = _in_terminal(store_path, "Ada", "delete-person", "ada")
    assert code == 2
    assert "This deletes, for good, Ada Lovelace: 1 check-in, 2 notes, 1 commitment, " \
           "1 follow-up, 1 draft." in said
    assert "Mika Tanaka, Sam Okafor no longer report to anyone." in said
    assert "They are taken off Staging." in said
    assert "Backups keep a copy for 7 days." in said
    assert "That was not Ada Lovelace's name: nothing was deleted." in said
    assert digest(store_path.parent) == before

    code, said = _in_terminal(store_path, "ada lovelace", "delete-person", "ada")
    assert code == 0, said
    assert "Deleted Ada Lovelace" in said
    assert [p.name for p in reopen(store_path).people()] == ["Mika Tanaka", "Sam Okafor"]


def test_an_archived_person_is_found_by_the_start_of_their_name(
    org: dict[str, Person], store_path: Path
) -> None:
    ok(store_path, "edit-person", "sam", "--archive")
    assert ok(store_path, "edit-person", "sam", "--unarchive") == \
        "Saved Sam Okafor: back from the archive.\n"
    assert not reopen(store_path).find_person("sam").archived
    ok(store_path, "edit-person", "sam", "--archive")
    assert ok(store_path, "delete-person", "sa", "--yes").startswith("Deleted Sam Okafor: ")


def test_a_leftover_file_is_swept(org: dict[str, Person], store: Store) -> None:
    """A crash after the index was written leaves their file; the next deletion removes it."""
    ada_file = store.person_file(org["ada"].id)
    kept = ada_file.read_bytes()
    store.delete_person(org["ada"].id)
    ada_file.write_bytes(kept)  # as if the last step never happened
    assert store.sweep_tombstoned() == [ada_file]
    assert not ada_file.exists()


# -- prep for a manager ----------------------------------------------------------------------


def test_prep_for_a_manager_lists_their_people(org: dict[str, Person], store_path: Path) -> None:
    out = ok(store_path, "prep", "ada")
    assert "Their people (2)" in out
    assert "  • Mika Tanaka · 3 days ago, mood 5/5: Great trip · next Fri 27 Nov 10:00, " \
           "in 4 days" in out
    assert "  • Sam Okafor · no check-in yet · no follow-up planned" in out
    markdown = ok(store_path, "prep", "ada", "--format", "markdown")
    assert "## Their people\n\n- Mika Tanaka · 3 days ago" in markdown
    assert "Their people" not in ok(store_path, "prep", "sam")  # nobody reports to Sam


def test_someone_archived_can_be_exported_then_deleted(
    org: dict[str, Person], store_path: Path, tmp_path: Path
) -> None:
    ok(store_path, "edit-person", "ada", "--archive")
    out = tmp_path / "ada.json"
    ok(store_path, "export", "--format", "json", "--person", "ada", "--out", str(out))
    exported = orjson.loads(out.read_bytes())
    assert [p["name"] for p in exported["people"]] == ["Ada Lovelace"]
    ok(store_path, "delete-person", "ada", "--yes")
    assert "Ada Lovelace" not in [p.name for p in reopen(store_path).people(include_archived=True)]
