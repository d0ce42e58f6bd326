"""The real `kindcheck` command never hands the terminal a control character that came from
stored or typed text, refuses such text at input with one kind line, survives a terminal that
is not UTF-8, and treats a name typed with a combining accent as the precomposed one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.model import (
    Category,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    stored_records,
)
from kindcheck.paths import NOW_ENV
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.store_state import digest

COMMAND = str(Path(sys.executable).with_name("kindcheck"))  # the installed entry point
OSC52 = "\x1b]52;c;aGk=\x07"  # "write 'hi' to the clipboard"
# Bytes no user text may bring to a terminal: C0 but newline and tab, DEL, UTF-8-encoded C1,
# and the bidi overrides and isolates.
FORBIDDEN = [bytes([c]) for c in range(0x20) if c not in (0x09, 0x0A)] + [b"\x7f"] + [
    chr(c).encode() for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [COMMAND, *args], capture_output=True, timeout=60,
        env={**os.environ, NOW_ENV: NOW.isoformat(), **(env or {})},
    )  # fmt: skip


def assert_clean(*outputs: bytes) -> None:
    for output in outputs:
        found = [b for b in FORBIDDEN if b in output]
        assert not found, (found, output)


def refused_line(result: subprocess.CompletedProcess[bytes], code: int = 2) -> str:
    assert result.returncode == code, result.stderr
    assert result.stdout == b""
    assert b"Traceback" not in result.stderr
    assert_clean(result.stderr)
    [line] = result.stderr.decode().splitlines()
    assert line.startswith("kindcheck: ")
    return line


@pytest.fixture
def hostile(store: Store) -> Store:
    """A store an older version or another tool wrote: control characters in stored text."""
    with stored_records():
        eve = store.add_person(Person(f"Eve{OSC52}\x9b2J", role="Ops\x1b[5m", timezone=""))
        store.add_note(Note(eve.id, NoteKind.MISSING, f"secret {OSC52} \u202eevil", NOW))
        store.add_commitment(Commitment(eve.id, f"Send {OSC52} the notes", NOW, Category.TOOLS,
                                        due=NOW.date()))
        store.add_followup(FollowUp(eve.id, NOW.add(hours=2), f"Talk {OSC52}\u2066about"))
    return store


# -- refused at input -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Ada\x1b[31mRed", "Ada\nLovelace", "Bo\u202eevil", "\u200b"])
def test_add_person_refuses_control_characters_and_line_breaks(
    store: Store, store_path: Path, name: str
) -> None:
    store.add_person(Person("Someone Else"))
    before = digest(store_path.parent)
    line = refused_line(run("--data", str(store_path), "add-person", name))
    assert "name" in line
    assert digest(store_path.parent) == before


def test_add_person_names_the_character(store_path: Path) -> None:
    line = refused_line(run("--data", str(store_path), "add-person", "Ada\x1b[31m"))
    assert "control character (U+001B)" in line


def test_note_with_a_bidi_override_is_refused(store: Store, store_path: Path) -> None:
    store.add_person(Person("Ada Lovelace"))
    before = digest(store_path.parent)
    line = refused_line(run("--data", str(store_path), "note", "ada", "gnp.\u202eexe done"))
    assert "The note has a control character (U+202E)" in line
    assert digest(store_path.parent) == before


def test_a_bad_timezone_is_refused_with_a_real_name_suggested(store_path: Path) -> None:
    line = refused_line(run("--data", str(store_path), "add-person", "Ada",
                            "--timezone", "posix/Europe/Berlin"))
    assert "Europe/Berlin instead" in line
    assert not store_path.exists() or not Store.open(store_path).people()


# -- echoes of what was typed are safe -----------------------------------------------------------


def test_an_unknown_person_is_named_without_control_characters(
    hostile: Store, store_path: Path
) -> None:
    line = refused_line(run("--data", str(store_path), "note", f"Zed{OSC52}", "hi"))
    assert "Nobody called" in line


def test_usage_errors_echo_safely(store_path: Path) -> None:
    refused_line(run("--data", str(store_path), "--x\x1b]52;c;aGk=\x07"))
    refused_line(run("--data", str(store_path), "today", f"\x9b2J{OSC52}"))
    refused_line(run("--data", str(store_path), "add-person", "Ada", "--cadence", f"{OSC52}"))


# -- stored text is shown, not obeyed ------------------------------------------------------------


def test_today_prints_no_control_characters_from_the_store(
    hostile: Store, store_path: Path
) -> None:
    result = run("--data", str(store_path), "today")
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout, result.stderr)
    out = result.stdout.decode()
    assert "Eve␛]52;c;aGk=␇" in out  # seen as a visible stand-in
    assert "Send ␛]52;c;aGk=␇ the notes" in out


@pytest.mark.parametrize("fmt", ["markdown", "json", "ics"])
def test_exports_to_stdout_carry_no_control_characters(
    hostile: Store, store_path: Path, fmt: str
) -> None:
    result = run("--data", str(store_path), "export", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout.replace(b"\r\n", b"\n"))


def test_the_json_export_still_holds_the_stored_text_exactly(
    hostile: Store, store_path: Path
) -> None:
    result = run("--data", str(store_path), "export", "--format", "json")
    [eve] = orjson.loads(result.stdout)["people"]
    assert eve["name"] == f"Eve{OSC52}\x9b2J"
    assert eve["notes"][0]["text"] == f"secret {OSC52} \u202eevil"


def test_adding_a_person_echoes_safely_and_noting_works_on_an_old_name(
    hostile: Store, store_path: Path
) -> None:
    result = run("--data", str(store_path), "note", "eve", "All good")
    assert result.returncode == 0, result.stderr
    assert_clean(result.stdout)
    assert result.stdout.decode().startswith("Noted progress for Eve␛")


# -- terminals that are not UTF-8 ----------------------------------------------------------------


@pytest.mark.parametrize("env", [
    {"PYTHONIOENCODING": "latin-1"},
    {"PYTHONIOENCODING": "ascii"},
    {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""},
    {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "", "PYTHONUTF8": "0"},  # plain ASCII
])
def test_a_terminal_that_is_not_utf8_gets_replaced_characters(
    store_path: Path, env: dict[str, str]
) -> None:
    data = ["--data", str(store_path)]
    added = run(*data, "add-person", "Zoë 李", "--role", "Ingénieure 🚀", env=env)
    assert added.returncode == 0, added.stderr
    assert b"Traceback" not in added.stderr
    assert added.stdout.startswith(b"Added Zo")
    [person] = Store.open(store_path).people()
    assert person.name == "Zoë 李"  # the store keeps every character
    for args in (["today"], ["note", "zo", "Übung macht den Meister"],
                 ["note", "李", "你好"], ["note", "nobody", "x"]):
        result = run(*data, *args, env=env)
        assert b"Traceback" not in result.stderr, (args, result.stderr)
        assert result.returncode in (0, 2), (args, result.stderr)
    assert [n.text for n in Store.open(store_path).history(person.id).notes] == [
        "Übung macht den Meister", "你好"
    ]


def test_an_export_to_a_non_utf8_pipe_is_still_utf8(store: Store, store_path: Path) -> None:
    store.add_person(Person("Zoë 李"))
    result = run("--data", str(store_path), "export", "--format", "json",
                 env={"PYTHONIOENCODING": "latin-1"})
    assert result.returncode == 0, result.stderr
    assert orjson.loads(result.stdout)["people"][0]["name"] == "Zoë 李"


# -- one person however the accent was typed -----------------------------------------------------


def test_combining_and_precomposed_names_are_one_person(store_path: Path) -> None:
    data = ["--data", str(store_path)]
    assert run(*data, "add-person", "Jos\u00e9 Garc\u00eda").returncode == 0
    before = digest(store_path.parent)
    line = refused_line(run(*data, "add-person", "Jose\u0301 Garci\u0301a"))
    assert "already someone called" in line
    assert digest(store_path.parent) == before
    noted = run(*data, "note", "Jose\u0301", "Great demo")
    assert noted.returncode == 0, noted.stderr
    [person] = Store.open(store_path).people()
    assert person.name == "Jos\u00e9 Garc\u00eda"
    assert [n.text for n in Store.open(store_path).history(person.id).notes] == ["Great demo"]
