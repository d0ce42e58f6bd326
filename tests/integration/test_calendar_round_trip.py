"""Issue #13's round trip with the real engines: a follow-up planned with the installed
`kindcheck` reaches a Radicale server through vdirsyncer; moving or deleting it there comes
back to kindcheck through `vdirsyncer sync` and `kindcheck calendar sync`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import caldav
import pytest

from tests.functional.test_cli_shell_commands import ok
from tests.integration.elsewhere import (
    TEN_MINUTES_BEFORE,
    delete_on_server,
    event_on_server,
    followups,
    move_on_server,
    on_server,
    start_of,
    turn_calendar_on,
    uid_of,
)
from tests.integration.engines import Radicale, Vdirsyncer

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY_TEN = datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN)  # "fri 10:00" from Mon 23 Nov
THURSDAY = datetime(2026, 11, 26, 15, 30, tzinfo=BERLIN)


def plan_with_ada(store_path: Path, *extra: str) -> dict[str, object]:
    """Ada in the store and a follow-up with her on Friday at 10:00; the follow-up as exported."""
    ok(store_path, "add-person", "Ada", "Lovelace")
    ok(store_path, "follow-up", "ada", "fri 10:00", *extra)
    [followup] = followups(store_path)
    assert start_of(followup) == FRIDAY_TEN
    return followup


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_a_follow_up_goes_to_the_server_and_a_move_there_comes_back(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    followup = plan_with_ada(store_path)
    uid = uid_of(followup)
    assert (vdir / f"{uid}.ics").is_file()  # written as it was planned, no sync needed
    vdirsyncer.sync()

    event = event_on_server(server_calendar, uid)
    assert str(event["summary"]).startswith("Check-in with Ada")
    assert event["dtstart"].dt == FRIDAY_TEN
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert event["dtend"].dt - event["dtstart"].dt == timedelta(minutes=30)  # duration "30m"
    assert str(event["x-kindcheck-followup"]) == followup["id"]
    [alarm] = event.walk("VALARM")
    assert alarm["trigger"].dt == TEN_MINUTES_BEFORE  # the default alarm = "10m"

    move_on_server(server_calendar, uid, THURSDAY)
    vdirsyncer.sync()
    ok(store_path, "calendar", "sync")
    [moved] = followups(store_path)
    assert (moved["id"], moved["status"], start_of(moved)) == (followup["id"], "planned", THURSDAY)

    # kindcheck's own rewrite of the event, synced again, keeps the server where the leader put it.
    vdirsyncer.sync()
    assert event_on_server(server_calendar, uid)["dtstart"].dt == THURSDAY
    assert [p.name for p in vdir.glob("*.ics")] == [f"{uid}.ics"]


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_a_follow_up_deleted_on_the_server_is_cancelled(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    followup = plan_with_ada(store_path)
    ok(store_path, "add-person", "Grace", "Hopper")
    ok(store_path, "follow-up", "grace", "thu 11:00")
    [other] = [f for f in followups(store_path) if f["id"] != followup["id"]]
    uid = uid_of(followup)
    vdirsyncer.sync()
    assert on_server(server_calendar, uid)

    delete_on_server(server_calendar, uid)
    vdirsyncer.sync()
    assert [p.name for p in vdir.glob("*.ics")] == [f"{uid_of(other)}.ics"]
    ok(store_path, "calendar", "sync")
    status = {f["id"]: f["status"] for f in followups(store_path)}
    assert status == {followup["id"]: "cancelled", other["id"]: "planned"}

    # Cancelled means kindcheck does not write it back: the server stays without it.
    vdirsyncer.sync()
    assert not on_server(server_calendar, uid)
    assert on_server(server_calendar, uid_of(other))


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_deleting_the_last_event_needs_vdirsyncers_force_delete(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    """vdirsyncer refuses to empty a whole calendar; the README tells the leader what to run."""
    followup = plan_with_ada(store_path)
    vdirsyncer.sync()
    delete_on_server(server_calendar, uid_of(followup))
    assert "was completely emptied" in vdirsyncer.sync(ok=False)
    assert list(vdir.glob("*.ics"))  # nothing deleted yet
    vdirsyncer.sync("--force-delete", "calendars/kindcheck")
    assert not list(vdir.glob("*.ics"))
    ok(store_path, "calendar", "sync")
    [cancelled] = followups(store_path)
    assert cancelled["status"] == "cancelled"
    vdirsyncer.sync()
    assert not on_server(server_calendar, uid_of(followup))


NOTE = "The quokka migration keeps her awake"
TOPIC = "Marzipan budget"
PROMISE = "Book the zeppelin workshop"
ROLE = "Xylophonist"
TEAM = "Quasar"
PRIVATE_WORDS = ("quokka", "marzipan", "zeppelin", "xylophonist", "quasar")


@pytest.mark.slow
@pytest.mark.usefixtures("calendar_on")
def test_by_default_only_the_name_reaches_the_server(
    store_path: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar,
    radicale: Radicale
) -> None:
    ok(store_path, "add-person", "Ada", "Lovelace", "--role", ROLE, "--team", TEAM)
    ok(store_path, "note", "ada", NOTE)
    ok(store_path, "promise", "ada", PROMISE, "--due", "fri")
    ok(store_path, "follow-up", "ada", "fri 10:00", "--topic", TOPIC)
    [followup] = followups(store_path)
    vdirsyncer.sync()

    event = event_on_server(server_calendar, uid_of(followup))
    assert str(event["summary"]) == "Check-in with Ada Lovelace"
    held = b"".join(p.read_bytes() for p in radicale.storage.rglob("*") if p.is_file()).lower()
    assert b"ada lovelace" in held  # the search below looks where the event really is
    assert [w for w in PRIVATE_WORDS if w.encode() in held] == []


@pytest.mark.slow
def test_changed_on_both_sides_the_phones_move_is_kept(
    store_path: Path, vdir: Path, vdirsyncer: Vdirsyncer, server_calendar: caldav.Calendar
) -> None:
    """Why the README's config says `conflict_resolution = "b wins"`: kindcheck rewrites the
    event (here because the leader made check-ins longer) while the phone moves it; the move
    survives vdirsyncer's conflict and reaches kindcheck, and the rewrite follows on top."""
    settings = turn_calendar_on(vdir)
    followup = plan_with_ada(store_path)
    uid = uid_of(followup)
    vdirsyncer.sync()

    settings.write_text(settings.read_text(encoding="utf-8") + 'duration = "45m"\n',
                        encoding="utf-8")
    ok(store_path, "calendar", "sync")  # every event is stale now: rewritten, 45 minutes
    move_on_server(server_calendar, uid, THURSDAY)
    vdirsyncer.sync()  # both changed: the server's version reaches the vdir, no stop

    ok(store_path, "calendar", "sync")
    [moved] = followups(store_path)
    assert (moved["status"], start_of(moved)) == ("planned", THURSDAY)
    vdirsyncer.sync()
    event = event_on_server(server_calendar, uid)
    assert (event["dtstart"].dt, event["dtend"].dt) == (THURSDAY, THURSDAY + timedelta(minutes=45))
