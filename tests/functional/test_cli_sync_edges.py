"""Sync's edge cases through the installed command, with the real git under tmp_path: a
remote's password never shows, and two machines that each added someone of the same name."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.model import Person
from kindcheck.store.store import Store
from tests.functional.test_cli_sync import Machine

SECRET = "s3cret-Pa55"


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections (bound, never listening)."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def _no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text
        assert "ada:***@" in text


def test_init_with_a_password_in_the_url_never_shows_it(tmp_path: Path, closed_port: int) -> None:
    one = Machine(tmp_path, "one")
    one.store().add_person(Person("Grace Hopper"))
    url = f"https://ada:{SECRET}@127.0.0.1:{closed_port}/notes.git"
    said = one.refused(1, "sync", "init", url)
    _no_secret(said)


def test_clone_with_a_password_in_the_url_never_shows_it(tmp_path: Path,
                                                         closed_port: int) -> None:
    two = Machine(tmp_path, "two")
    url = f"http://ada:{SECRET}@127.0.0.1:{closed_port}/notes.git"
    said = two.refused(1, "sync", "clone", url, "--key", "AGE-SECRET-KEY-1X")
    _no_secret(said)


def _synced_with_password_remote(tmp_path: Path, port: int) -> Machine:
    """A machine synced once with a path, whose remote then became a URL with a password
    (as `sync init` would keep one typed that way)."""
    one = Machine(tmp_path, "one")
    one.store().add_person(Person("Grace Hopper"))
    one.ok("sync", "init", str(tmp_path / "remote.git"))
    state_path = one.path.parent / "kindcheck.sync" / "state.json"
    state = orjson.loads(state_path.read_bytes())
    state["remote"] = f"http://ada:{SECRET}@127.0.0.1:{port}/notes.git"
    state_path.write_bytes(orjson.dumps(state))
    return one


def test_a_failed_sync_never_shows_the_password(tmp_path: Path, closed_port: int) -> None:
    one = _synced_with_password_remote(tmp_path, closed_port)
    said = one.refused(1, "sync")
    _no_secret(said)


def test_the_apps_line_for_a_failed_sync_never_shows_the_password(
    tmp_path: Path, closed_port: int
) -> None:
    from kindcheck.sync.run import run_sync
    from tests.conftest import NOW

    one = _synced_with_password_remote(tmp_path, closed_port)
    line, ok = run_sync(one.store().layout, NOW, lock_timeout=2)  # what the app notifies
    assert not ok
    _no_secret(line)


# -- two machines each add someone of the same name --------------------------------------------

TOLD = "Two people called Ada Lovelace came from two machines: rename or delete one."


def _two_adas(tmp_path: Path, first: str) -> tuple[Machine, Machine, dict[str, str]]:
    """Two synced machines that each added "Ada Lovelace" before syncing again, then synced
    (`first` first); what each sync said."""
    one, two = Machine(tmp_path, "one"), Machine(tmp_path, "two")
    one.store().add_person(Person("Grace Hopper"))
    one.ok("sync", "init", str(tmp_path / "remote.git"))
    two.ok("sync", "clone", str(tmp_path / "remote.git"))
    one.store().add_person(Person("Ada Lovelace", id="ada0000one01"))
    two.store().add_person(Person("ada lovelace", id="ada0000two02"))
    machines = {"one": one, "two": two}
    other = "two" if first == "one" else "one"
    said = {}
    for step, name in enumerate([first, other, first]):
        said[f"{step}:{name}"] = machines[name].ok("sync")
    return one, two, said


@pytest.mark.slow
@pytest.mark.parametrize("first", ["one", "two"])
def test_two_machines_adding_the_same_name_keep_both_people(tmp_path: Path, first: str) -> None:
    one, two, said = _two_adas(tmp_path, first)
    # Nothing lost, the same on both machines, and each store opens.
    assert one.records() == two.records()
    for machine in (one, two):
        ids = sorted(p.id for p in machine.store().people())
        assert "ada0000one01" in ids and "ada0000two02" in ids
    # Each machine heard of it once: on the sync that brought the other Ada.
    lines = list(said.values())
    assert lines[0].count(TOLD) == 0 and lines[1].count(TOLD) == 1 and lines[2].count(TOLD) == 1
    assert TOLD not in one.ok("sync") + two.ok("sync")
    assert one.ok("people").count("ovelace") == 2


@pytest.mark.slow
def test_a_name_two_people_share_is_ambiguous_and_an_id_tells_them_apart(
    tmp_path: Path,
) -> None:
    one, _two, _said = _two_adas(tmp_path, "one")
    for typed in ("Ada Lovelace", "ada"):
        refused = one.refused(2, "note", typed, "Kind words")
        assert "ada0000one01" in refused and "ada0000two02" in refused
    one.ok("note", "ada0000two02", "Kind words")
    store = one.store()
    assert [n.text for n in store.history("ada0000two02").notes] == ["Kind words"]
    assert store.history("ada0000one01").notes == []
    # Either one can still change; renaming one of them settles it.
    one.ok("edit-person", "ada0000one01", "--role", "Engineer")
    assert one.store().person("ada0000one01").role == "Engineer"
    refused = one.refused(2, "edit-person", "ada0000one01", "--name", "Grace Hopper")
    assert "already someone called Grace Hopper" in refused
    one.ok("edit-person", "ada0000two02", "--name", "Ada King")
    one.ok("note", "Ada Lovelace", "Now plain again")
    assert [n.text for n in one.store().history("ada0000one01").notes] == ["Now plain again"]


def _namesakes_by_sync(tmp_path: Path) -> Store:
    """A store that, through one sync each way, holds two people called Ada Lovelace."""
    from kindcheck.sync.engine import sync
    from kindcheck.sync.setup import clone, init
    from tests.conftest import NOW

    when = "2026-11-23T08:30:00Z"
    here = Store.open(tmp_path / "here" / "kindcheck.json", clock=lambda: NOW)
    here.add_person(Person("Grace Hopper"))
    remote, config = str(tmp_path / "remote.git"), tmp_path / "config"
    init(here.layout, remote, encrypt=False, config_folder=config, now=when)
    there = Store.open(tmp_path / "there" / "kindcheck.json", clock=lambda: NOW)
    clone(there.layout, remote, str, config_folder=config, now=when)
    here.add_person(Person("Ada Lovelace", id="ada0000one01"))
    there.refresh()
    there.add_person(Person("Ada Lovelace", id="ada0000two02"))
    for store in (here, there, here):
        sync(store.layout, when)
    return Store.open(here.path, clock=lambda: NOW)


@pytest.mark.slow
async def test_the_app_opens_with_both_and_says_so_once(tmp_path: Path) -> None:
    from kindcheck.domain.clock import ManualClock
    from tests.conftest import NOW
    from tests.functional.harness import SIZE, NoticingApp, screen_text, wait_until

    store = _namesakes_by_sync(tmp_path)
    app = NoticingApp(store, ManualClock(NOW), poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: TOLD in app.notice_texts(), "the namesakes notice")
        await wait_until(pilot, lambda: screen_text(app).count("Ada Lovelace") >= 2,
                         "both Adas on the dashboard")
        assert app.notice_texts().count(TOLD) == 1


@pytest.mark.slow
def test_importing_people_refuses_a_row_for_a_shared_name(tmp_path: Path) -> None:
    one, _two, _said = _two_adas(tmp_path, "one")
    rows = tmp_path / "people.csv"
    rows.write_text("name,team\nAda Lovelace,Platform\nGrace Hopper,Platform\n")
    refused = one.refused(2, "import", "people", str(rows))
    assert "line 2" in refused and "Ada Lovelace" in refused and "rename one first" in refused
