"""An encrypted remote (`sync init --encrypt`): nothing readable leaves the machine, and only
the right key opens it on another one."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import pytest

from kindcheck.domain.model import CheckIn, Note, NoteKind, Person
from tests.conftest import NOW
from tests.functional.test_cli_sync import Machine
from tests.store_state import digest

SECRETS = ("Ada Lovelace", "Lovelace", "Shipped the export", "daughter", "Tired after the move")
ISO_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def encrypted(tmp_path: Path) -> tuple[Machine, Path, str]:
    """Machine A with Ada's notes, synced to a new encrypted remote; and the key it showed."""
    a = Machine(tmp_path, "a")
    store = a.store()
    ada = store.add_person(Person("Ada Lovelace", what_matters="Her daughter's school"))
    store.add_note(Note(ada.id, NoteKind.PROGRESS, "Shipped the export", NOW))
    store.save_checkin(CheckIn(ada.id, NOW, how_they_are="Tired after the move",
                               no_follow_up=True))
    remote = tmp_path / "remote.git"
    lines = a.ok("sync", "init", str(remote), "--encrypt").splitlines()
    assert lines[0].endswith("(encrypted). 1 note, 1 check-in and 1 person sent.")
    key = lines[-1]
    assert key.startswith("AGE-SECRET-KEY-1") and len(lines) == 3
    return a, remote, key


def every_object(remote: Path) -> bytes:
    done = subprocess.run(["git", f"--git-dir={remote}", "cat-file", "--batch-all-objects",
                           "--batch"], capture_output=True, check=True)
    return done.stdout


def test_the_remote_holds_no_name_note_or_date(encrypted: tuple[Machine, Path, str]) -> None:
    a, remote, _key = encrypted
    a.note("ada", "Led the retro")
    a.ok("sync")
    objects = every_object(remote)
    assert b"age-encryption.org" in objects  # what is there is age's
    for secret in (*SECRETS, "Led the retro"):
        assert secret.encode() not in objects
    assert not ISO_DATE.search(objects)
    assert b"2026" not in objects and b"kindcheck@localhost" in objects
    listing = subprocess.run(["git", f"--git-dir={remote}", "log", "--format=%s %ad %cd",
                              "--date=unix", "main"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert set(listing) == {"sync 946684800 946684800"}


def test_the_key_is_kept_private_in_the_config_folder(
    encrypted: tuple[Machine, Path, str],
) -> None:
    a, _remote, key = encrypted
    (kept,) = a.config.parent.glob("sync-*.key")
    assert kept.read_text().strip() == key
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


@pytest.mark.slow
def test_clone_with_the_right_key_brings_everything(
    encrypted: tuple[Machine, Path, str], tmp_path: Path,
) -> None:
    a, remote, key = encrypted
    b = Machine(tmp_path, "b")
    said = b.ok("sync", "clone", str(remote), stdin=key + "\n")  # read from stdin
    assert said.endswith("1 note, 1 check-in and 1 person from elsewhere.\n")
    assert a.records() == b.records()
    b.note("ada", "Written on B")
    b.ok("sync")
    assert a.ok("sync") == "1 note from elsewhere.\n"
    assert a.records() == b.records()


@pytest.mark.parametrize(("key", "said"), [
    ("another machine's key", "That key does not open this remote's notes"),
    ("my cat's name", "That is not a kindcheck sync key"),
    ("", "No sync key given"),
])
def test_clone_with_a_wrong_or_missing_key_writes_nothing(
    encrypted: tuple[Machine, Path, str], tmp_path: Path, key: str, said: str,
) -> None:
    _a, remote, _key = encrypted
    if key == "another machine's key":
        from pyrage import x25519  # type: ignore[import-untyped]

        key = str(x25519.Identity.generate())
    b = Machine(tmp_path, "b")
    assert said in b.refused(2, "sync", "clone", str(remote), "--key", key)
    assert digest(b.path.parent) == {}
    assert not list(b.config.parent.glob("sync-*.key"))
