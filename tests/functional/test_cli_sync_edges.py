"""Sync's edge cases through the installed command, with the real git under tmp_path: a
remote's password never shows, and two machines that each added someone of the same name."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from kindcheck.domain.model import Person
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
