"""Teams, managers and initiatives through the installed `kindcheck`: add-person --team
--manager, edit-person, people, initiative add|list|done. Each refusal is one line on stderr,
exit 2, and every file byte-for-byte as it was."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from kindcheck.domain.model import Person, stored_records
from kindcheck.store.store import Store
from tests.functional.test_cli_shell_commands import OSC52, ok, refused, reopen

COMMANDS = ["edit-person", "people", "initiative", "initiative add", "initiative list",
            "initiative done"]


@pytest.fixture
def org(store: Store) -> Store:
    grace = store.add_person(Person("Grace Hopper", role="Director", team="Platform"))
    store.add_person(Person("Ada Lovelace", team="Platform", manager_id=grace.id))
    store.add_person(Person("Adam Smith", team="Design"))
    return store


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_help_with_examples(store_path: Path, command: str) -> None:
    out = ok(store_path, *command.split(), "--help")
    assert out.startswith(f"usage: kindcheck {command}")
    assert "examples:" in out and f"kindcheck {command.split()[0]} " in out


def test_add_person_with_a_team_and_a_manager(org: Store, store_path: Path) -> None:
    out = ok(store_path, "add-person", "Sam", "Okafor", "--team", "platform", "--manager", "gra")
    # A skip-level (their manager is in kindcheck): skip_level_cadence, monthly by default.
    assert out == ("Added Sam Okafor (monthly check-ins, team Platform, reporting to "
                   "Grace Hopper).\n")
    sam = reopen(store_path).find_person("sam")
    assert (sam.team, sam.manager_id) == ("Platform", org.find_person("grace").id)


def test_edit_person_renames_and_keeps_history(org: Store, store_path: Path) -> None:
    ok(store_path, "note", "ada l", "Shipped the export")
    out = ok(store_path, "edit-person", "ada l", "--name", "Ada King", "--team", "Design",
             "--manager", "none", "--cadence", "biweekly")
    assert out == ("Saved Ada Lovelace: name Ada King, team Design, cadence biweekly, "
                   "no manager.\n")
    again = reopen(store_path)
    ada = again.find_person("Ada King")
    assert (ada.team, ada.manager_id, str(ada.cadence)) == ("Design", None, "biweekly")
    assert [n.text for n in again.history(ada.id).notes] == ["Shipped the export"]
    assert ok(store_path, "edit-person", "ada k", "--archive") == "Saved Ada King: archived.\n"
    assert reopen(store_path).person(ada.id).archived
    ok(store_path, "edit-person", "Ada King", "--unarchive")  # the whole name finds them
    assert not reopen(store_path).person(ada.id).archived


def test_an_untouched_odd_field_never_blocks_an_edit(store: Store, store_path: Path) -> None:
    with stored_records():  # as an older kindcheck may have kept it
        store.add_person(Person("Quinn", what_matters=f"old {OSC52} text"))
    ok(store_path, "edit-person", "quinn", "--team", "Ops")
    assert reopen(store_path).find_person("quinn").what_matters == f"old {OSC52} text"


@pytest.mark.parametrize(("args", "said"), [
    (("edit-person", "grace", "--manager", "ada l"),
     "Grace Hopper can't report to Ada Lovelace: that would make a loop (Grace Hopper reports "
     "to Ada Lovelace, who reports to Grace Hopper)."),
    (("edit-person", "grace", "--manager", "grace"), "Grace Hopper can't report to themselves"),
    (("edit-person", "ada"), "'ada' could be Ada Lovelace, Adam Smith"),
    (("edit-person", "nobody", "--team", "X"), "nobody"),
    (("edit-person", "grace"), "Nothing to change"),
    (("edit-person", "grace", "--name", "Ada Lovelace"), "already someone called Ada Lovelace"),
    (("edit-person", "grace", "--team", "a\x1b[31mb"), "The team has a control character"),
    (("edit-person", "grace", "--archive", "--unarchive"), "not allowed with"),
    (("add-person", "Sam", "--manager", "zed"), "zed"),
    (("add-person", "Sam", "--team", "x" * 101), "The team is too long"),
    (("people", "--team", "Ops"), "Nobody is in a team called 'Ops' (teams here: Design, "
     "Platform)"),
    (("people", "--format", "yaml"), "invalid choice"),
])
def test_bad_input_is_refused_and_changes_nothing(
    org: Store, store_path: Path, args: tuple[str, ...], said: str
) -> None:
    assert said in refused(store_path, 2, *args)


def test_people_lists_team_manager_and_status(org: Store, store_path: Path) -> None:
    ok(store_path, "edit-person", "adam", "--archive")
    assert ok(store_path, "people") == (
        "Ada Lovelace · team Platform · reports to Grace Hopper\n"
        "Grace Hopper · Director · team Platform\n")
    assert "Adam Smith · team Design · archived\n" in ok(store_path, "people", "--archived")
    assert ok(store_path, "people", "--team", "PLATFORM").count("\n") == 2
    listed = orjson.loads(ok(store_path, "people", "--format", "json", "--archived"))
    assert [(p["name"], p["manager"], p["archived"]) for p in listed] == [
        ("Ada Lovelace", "Grace Hopper", False), ("Adam Smith", None, True),
        ("Grace Hopper", None, False)]


def test_people_shows_stored_control_characters_without_obeying_them(
    store: Store, store_path: Path
) -> None:
    with stored_records():
        store.add_person(Person(f"Eve{OSC52}", team=f"T{OSC52}"))
    for out in (ok(store_path, "people"), ok(store_path, "people", "--format", "json")):
        assert "\x1b" not in out and "\x07" not in out


def test_initiatives_are_added_listed_and_done(org: Store, store_path: Path) -> None:
    out = ok(store_path, "initiative", "add", "Launch", "onboarding", "--people",
             "ada l,grace", "--due", "2026-12-04")
    assert out == ("Added the initiative Launch onboarding · due Fri 4 Dec, in 11 days · "
                   "Ada Lovelace, Grace Hopper.\n")
    ok(store_path, "initiative", "add", "Hiring")
    assert ok(store_path, "initiative", "list").splitlines()[0].startswith("Launch onboarding")
    assert ok(store_path, "initiative", "done", "laun") == (
        "Done: Launch onboarding. Well done, everyone in it.\n")
    listed = ok(store_path, "initiative", "list").splitlines()
    assert listed[0] == "Hiring"
    assert listed[1].endswith("· done Mon 23 Nov, today")
    [done] = [i for i in reopen(store_path).initiatives.all() if not i.is_open]
    assert done.name == "Launch onboarding"


@pytest.mark.parametrize(("args", "said"), [
    (("initiative",), "initiative needs an action"),
    (("initiative", "add", "X", "--people", "ada"), "'ada' could be Ada Lovelace, Adam Smith"),
    (("initiative", "add", "X", "--people", "zed"), "zed"),
    (("initiative", "add", "X", "--due", "2026-11-20"), "in the past"),
    (("initiative", "add", "X", "--due", "blurple"), "--due"),
    (("initiative", "add", "Hiring"), "already an open initiative called Hiring"),
    (("initiative", "add", "a\nb"), "must fit on one line"),
    (("initiative", "done", "nope"), "No open initiative is called 'nope'"),
    (("initiative", "done", "Old"), "Old is already done"),
])
def test_initiative_bad_input_is_refused_and_changes_nothing(
    org: Store, store_path: Path, args: tuple[str, ...], said: str
) -> None:
    from kindcheck.domain.initiatives import Initiative

    org.initiatives.add(Initiative("Hiring"))
    org.initiatives.mark_done(org.initiatives.add(Initiative("Old")).id)
    assert said in refused(store_path, 2, *args)
