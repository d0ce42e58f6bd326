"""Fixtures for the real engines: a Radicale server, its calendar, a vdirsyncer pair, khal.

Each test gets its own server on a free port with its storage under tmp_path, started here and
stopped here, and a leader's calendars folder under tmp_path laid out as the README shows
(`calendars/kindcheck` is kindcheck's vdir).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import caldav
import pytest

from tests.integration.elsewhere import turn_calendar_on
from tests.integration.engines import (
    CALENDAR,
    PASSWORD,
    PROXY_VARIABLES,
    USER,
    WORK,
    Radicale,
    Vdirsyncer,
    khal_config,
    loopback_environ,
    start_radicale,
    vdirsyncer_config,
)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy for anything in these tests, in this process (caldav) or its children."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    for name, value in loopback_environ({}).items():
        monkeypatch.setenv(name, value)


@pytest.fixture(autouse=True)
def _own_xdg_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """vdirsyncer and khal look in the XDG folders for defaults: keep them in tmp_path."""
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "xdg" / name.lower()))


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Radicale]:
    """A Radicale CalDAV server on 127.0.0.1 for this test only."""
    server = start_radicale(tmp_path / "radicale")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def principal(radicale: Radicale) -> caldav.Principal:
    """The leader's account on the server, through the caldav library."""
    return caldav.DAVClient(url=radicale.url, username=USER, password=PASSWORD).principal()


@pytest.fixture
def server_calendar(radicale: Radicale, principal: caldav.Principal) -> caldav.Calendar:
    """The `kindcheck` calendar on the server, for the follow-ups."""
    calendar = principal.make_calendar(name="Check-ins", cal_id=CALENDAR)
    assert str(calendar.url) == radicale.calendar_url
    return calendar


@pytest.fixture
def work_calendar(principal: caldav.Principal) -> caldav.Calendar:
    """The leader's work calendar on the same server: real meetings, written by others."""
    return principal.make_calendar(name="Work", cal_id=WORK)


@pytest.fixture
def calendars(tmp_path: Path) -> Path:
    """The leader's calendars folder (~/.local/share/calendars in the README)."""
    return tmp_path / "calendars"


@pytest.fixture
def vdir(calendars: Path) -> Path:
    """kindcheck's vdir: one folder, one `.ics` per planned follow-up."""
    return calendars / CALENDAR


@pytest.fixture
def vdirsyncer(tmp_path: Path, calendars: Path, radicale: Radicale,
               server_calendar: caldav.Calendar, work_calendar: caldav.Calendar) -> Vdirsyncer:
    """vdirsyncer configured for the pair and discovered, as the README's setup does it."""
    folder = tmp_path / "vdirsyncer"
    folder.mkdir()
    password = folder / "password"
    password.write_text(f"{PASSWORD}\n", encoding="utf-8")
    config = folder / "config"
    config.write_text(vdirsyncer_config(calendars, folder / "status", radicale, password),
                      encoding="utf-8")
    syncer = Vdirsyncer(config)
    syncer.discover()
    for name in (CALENDAR, WORK):
        assert (calendars / name).is_dir(), f"discover should have made calendars/{name}"
    return syncer


@pytest.fixture
def calendar_on(vdir: Path) -> Path:
    """kindcheck's settings turning the calendar on, with the other settings at their defaults."""
    return turn_calendar_on(vdir)


@pytest.fixture
def khal(tmp_path: Path, vdir: Path) -> Path:
    """A khal config reading kindcheck's vdir; its database stays in tmp_path."""
    config = tmp_path / "khal" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(khal_config(vdir, tmp_path / "khal" / "khal.db"), encoding="utf-8")
    return config
