"""Issue #12's first shell commands through the installed `kindcheck`: prep, promise, done,
follow-up and search. Each says one clear line and changes nothing when it refuses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pendulum import Date

from kindcheck.domain.model import (
    Category,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    stored_records,
)
from kindcheck.paths import LOCK_TIMEOUT_ENV, NOW_ENV
from kindcheck.store.store import Store
from tests.conftest import NOW
from tests.store_state import digest

COMMAND = str(Path(sys.executable).with_name("kindcheck"))  # the installed entry point
OSC52 = "\x1b]52;c;aGk=\x07"  # "write 'hi' to the clipboard"
NEW_COMMANDS = ["prep", "promise", "done", "follow-up", "search"]


def kindcheck(store_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, NOW_ENV: NOW.isoformat(), LOCK_TIMEOUT_ENV: "0.2"}
    return subprocess.run([COMMAND, "--data", str(store_path), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=60, check=False)


def ok(store_path: Path, *args: str) -> str:
    result = kindcheck(store_path, *args)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    return result.stdout


def refused(store_path: Path, code: int, *args: str) -> str:
    """Run, insist on exit `code`, one line on stderr, nothing on stdout, no file changed."""
    before = digest(store_path.parent)
    result = kindcheck(store_path, *args)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("kindcheck: ") and "Traceback" not in result.stderr
    assert digest(store_path.parent) == before
    return line


def reopen(store_path: Path) -> Store:
    return Store.open(store_path, clock=lambda: NOW)


@pytest.mark.parametrize("command", NEW_COMMANDS)
def test_each_new_command_has_help_with_examples(store_path: Path, command: str) -> None:
    out = ok(store_path, command, "--help")
    assert out.startswith(f"usage: kindcheck {command}")
    assert "examples:" in out and f"kindcheck {command} " in out
    assert command in ok(store_path, "--help")


# -- prep ----------------------------------------------------------------------------------------


def test_prep_brings_back_what_to_remember(team: dict[str, Person], store_path: Path) -> None:
    out = ok(store_path, "prep", "ad")
    assert out.splitlines()[0] == "1:1 with Ada Lovelace · Engineer"
    for part in ("What matters to them", "Her daughter's first school year",
                 "Last time", "10 days ago, mood 3/5", "Tired, the move is hard",
                 "Still missing (1)", "No access to the staging logs",
                 "My open promises (1)", "Ask ops for log access (tools, due", "late",
                 "Planned topics (1)", "Mon 23 Nov 14:00, today · Staging access"):
        assert part in out, part
    sam = ok(store_path, "prep", "sam")
    for said in ("Not noted yet", "Your first check-in", "Nothing open.", "None open.",
                 "No follow-up planned yet."):
        assert said in sam


def test_prep_as_markdown_escapes_what_was_typed(
    store: Store, team: dict[str, Person], store_path: Path
) -> None:
    store.add_note(Note(team["ada"].id, NoteKind.MISSING, "# not a *heading*", NOW))
    out = ok(store_path, "prep", "ada", "--format", "markdown")
    assert out.startswith("# 1:1 with Ada Lovelace · Engineer\n")
    assert "## Still missing" in out and "## Planned topics" in out
    assert "- \\# not a \\*heading\\*" in out


def test_prep_shows_stored_control_characters_without_obeying_them(
    store: Store, store_path: Path
) -> None:
    with stored_records():
        eve = store.add_person(Person(f"Eve{OSC52}", what_matters=f"tea {OSC52}"))
        store.add_note(Note(eve.id, NoteKind.MISSING, f"secret {OSC52}", NOW))
    for fmt in ("text", "markdown"):
        out = ok(store_path, "prep", "eve", "--format", fmt)
        assert "\x1b" not in out and "\x07" not in out
        assert "secret" in out and "tea" in out


# -- promise and done ----------------------------------------------------------------------------


def test_promise_is_written_with_its_category_and_due_day(
    team: dict[str, Person], store_path: Path
) -> None:
    out = ok(store_path, "promise", "mika", "Find a course on", "interviews",
             "--category", "training", "--due", "fri")
    assert out == "Promised Mika Tanaka: Find a course on interviews " \
                  "(training, due Fri 27 Nov, in 4 days).\n"
    [promise] = reopen(store_path).history(team["mika"].id).open_commitments
    assert (promise.text, promise.category, promise.due) == (
        "Find a course on interviews", Category.TRAINING, Date(2026, 11, 27))
    ok(store_path, "promise", "sam", "Ask about the rota")
    [plain] = reopen(store_path).history(team["sam"].id).open_commitments
    assert (plain.category, plain.due) == (Category.OTHER, None)


@pytest.mark.parametrize(("args", "words"), [
    (["promise", "ada", "x", "--due", "someday"], "I can't read 'someday'"),
    (["promise", "ada", "x", "--due", "2026-11-01"], "pick today or a later day"),
    (["promise", "ada", "x", "--category", "money"], "invalid choice"),
    (["promise", "ada", " "], "The commitment is empty"),
    (["promise", "ada", f"Send {OSC52}"], "control character"),
    (["promise", "zed", "x"], "Nobody called 'zed'"),
    (["done", "ada", "Buy"], "No open promise to Ada Lovelace starts with 'Buy'. "
                             "Open promises: Ask ops for log access."),
    (["done", "sam", "x"], "Sam Okafor has no open promises."),
])  # fmt: skip
def test_promise_and_done_refuse_and_change_nothing(
    team: dict[str, Person], store_path: Path, args: list[str], words: str
) -> None:
    assert words in refused(store_path, 2, *args)


@pytest.mark.parametrize("command", [["prep"], ["promise", "x"], ["done", "x"],
                                     ["follow-up", "fri"], ["search", "x", "--person"]])
def test_an_ambiguous_person_lists_the_candidates(
    store: Store, team: dict[str, Person], store_path: Path, command: list[str]
) -> None:
    store.add_person(Person("Adam Smith"))
    args = [*command, "ad"] if command[0] == "search" else [command[0], "ad", *command[1:]]
    line = refused(store_path, 2, *args)
    assert "Ada Lovelace" in line and "Adam Smith" in line


def test_done_marks_the_one_promise_its_text_starts(
    store: Store, team: dict[str, Person], store_path: Path
) -> None:
    ada = team["ada"].id
    store.add_commitment(Commitment(ada, "Ask HR about the course budget", NOW))
    line = refused(store_path, 2, "done", "ada", "ASK")
    assert "2 open promises to Ada Lovelace start with 'ASK'" in line
    assert "Ask ops for log access; Ask HR about the course budget" in line
    out = ok(store_path, "done", "ada", "ask  ops")
    assert out.startswith("Done: Ask ops for log access (for Ada Lovelace).")
    [left] = reopen(store_path).history(ada).open_commitments
    assert left.text == "Ask HR about the course budget"


def test_done_prefers_the_promise_whose_whole_text_was_typed(
    store: Store, team: dict[str, Person], store_path: Path
) -> None:
    sam = team["sam"].id
    store.add_commitment(Commitment(sam, "Call", NOW))
    store.add_commitment(Commitment(sam, "Call the vendor", NOW))
    ok(store_path, "done", "sam", "call")
    [left] = reopen(store_path).history(sam).open_commitments
    assert left.text == "Call the vendor"


# -- follow-up -----------------------------------------------------------------------------------


def test_follow_up_is_planned_at_the_time_typed(team: dict[str, Person], store_path: Path) -> None:
    out = ok(store_path, "follow-up", "sam", "fri", "14:30", "--topic", "Rota for December")
    assert out == "Planned a follow-up with Sam Okafor, Fri 27 Nov 14:30, in 4 days: " \
                  "Rota for December.\n"
    [planned] = reopen(store_path).history(team["sam"].id).planned_followups
    assert planned.at == NOW.replace(day=27, hour=14, minute=30)
    assert planned.topic == "Rota for December"
    ok(store_path, "follow-up", "sam", "in", "2", "weeks")
    assert len(reopen(store_path).history(team["sam"].id).planned_followups) == 2


@pytest.mark.parametrize(("args", "words"), [
    (["follow-up", "sam", "today", "08:00"], "has already passed"),
    (["follow-up", "sam", "none"], "needs a day and time"),
    (["follow-up", "sam", "blue", "moon"], "I can't read 'blue moon'"),
    (["follow-up", "sam", "fri", "--topic", f"x{OSC52}"], "control character"),
    (["follow-up", "sam"], "the following arguments are required: DATE"),
])  # fmt: skip
def test_follow_up_refuses_and_changes_nothing(
    team: dict[str, Person], store_path: Path, args: list[str], words: str
) -> None:
    assert words in refused(store_path, 2, *args)


# -- search --------------------------------------------------------------------------------------


def test_search_finds_every_word_newest_first(
    store: Store, team: dict[str, Person], store_path: Path
) -> None:
    store.add_note(Note(team["mika"].id, NoteKind.PROGRESS, "Read the staging LOGS guide", NOW))
    lines = ok(store_path, "search", "logs", "staging").splitlines()
    assert lines[0] == "2 matches for 'logs staging', newest first:"
    assert lines[1].startswith("2026-11-23  Mika Tanaka") and "progress" in lines[1]
    assert lines[2].startswith("2026-11-13  Ada Lovelace") and "missing" in lines[2]
    only_ada = ok(store_path, "search", "staging", "--person", "ada").splitlines()
    assert only_ada[0] == "2 matches for 'staging', newest first:"  # a note and a topic
    assert all("Ada Lovelace" in line for line in only_ada[1:])
    assert ok(store_path, "search", "pelican") == "Nothing found for 'pelican'.\n"


def test_search_shows_stored_control_characters_without_obeying_them(
    store: Store, store_path: Path
) -> None:
    with stored_records():
        eve = store.add_person(Person(f"Eve{OSC52}"))
        store.add_note(Note(eve.id, NoteKind.MISSING, f"secret {OSC52}\u202eevil", NOW))
        store.add_followup(FollowUp(eve.id, NOW.add(hours=2), f"secret talk {OSC52}"))
    out = ok(store_path, "search", "secret")
    assert out.startswith("2 matches for 'secret'")
    assert not any(char in out for char in "\x1b\x07\u202e")


def test_search_refuses_an_unknown_person(team: dict[str, Person], store_path: Path) -> None:
    assert "Nobody called 'zed'" in refused(store_path, 2, "search", "x", "--person", "zed")


# -- store problems ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["prep", "ada"], ["promise", "ada", "x"], ["done", "ada", "Ask"],
    ["follow-up", "ada", "fri"], ["search", "staging"],
])  # fmt: skip
def test_a_damaged_store_is_named_with_exit_1(
    team: dict[str, Person], store_path: Path, args: list[str]
) -> None:
    store_path.write_bytes(b"{not json")
    line = refused(store_path, 1, *args)
    assert str(store_path) in line and "damaged" in line
