"""Sync from inside the app: `S` syncs in a worker, the leader reads what came in, the screens
redraw with it and the title says when the store last synced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Note, NoteKind, Person
from kindcheck.settings import Settings
from kindcheck.store.store import Store
from kindcheck.sync.setup import clone, init
from kindcheck.sync.state import read_last_sync
from kindcheck.sync_settings import SyncSettings
from tests.conftest import NOW
from tests.functional.conftest import screen_text
from tests.functional.harness import SIZE, NoticingApp, wait_until

WHEN = "2026-11-23T08:30:00Z"


def synced_pair(store: Store, tmp_path: Path) -> Store:
    """`store` synced to a bare remote, and a second machine that wrote a note since."""
    init(store.layout, str(tmp_path / "remote.git"), encrypt=False,
         config_folder=tmp_path / "config", now=WHEN)
    other = Store.open(tmp_path / "other" / "kindcheck.json", clock=lambda: NOW)
    clone(other.layout, str(tmp_path / "remote.git"), str, config_folder=tmp_path / "config",
          now=WHEN)
    other.refresh()
    ada = other.find_person("ada")
    other.add_note(Note(ada.id, NoteKind.PROGRESS, "Written on the laptop", NOW))
    from kindcheck.sync.engine import sync

    sync(other.layout, WHEN)
    return other


async def test_the_sync_key_brings_in_notes_and_redraws(
    make_app: Callable[[], NoticingApp], store: Store, team: dict[str, Person], tmp_path: Path,
) -> None:
    synced_pair(store, tmp_path)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.title == "kindcheck · synced 09:30",
                         "the last sync in the title")
        assert "Written on the laptop" not in screen_text(app)
        await pilot.press("S")
        await wait_until(pilot, lambda: "1 note from elsewhere." in app.notice_texts(),
                         "the sync's line")
        await wait_until(pilot, lambda: "Written on the laptop" in screen_text(app),
                         "the dashboard showing the new note")
        ada = store.find_person("ada")
        assert "Written on the laptop" in [n.text for n in store.history(ada.id).notes]
        assert read_last_sync(store.layout) == NOW.in_timezone("UTC").to_iso8601_string()


async def test_the_sync_key_on_a_store_never_synced_says_how_to_start(
    make_app: Callable[[], NoticingApp], store: Store, team: dict[str, Person],
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await wait_until(pilot, lambda: any("not synced yet" in t for t in app.notice_texts()),
                         "the hint")
        assert app.title == "kindcheck"


async def test_sync_on_open_when_the_settings_ask(
    store: Store, clock: ManualClock, team: dict[str, Person], tmp_path: Path,
) -> None:
    synced_pair(store, tmp_path)
    settings = Settings(sync=SyncSettings(on_open=True))
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: "1 note from elsewhere." in app.notice_texts(),
                         "the sync on open")


async def test_an_unreachable_remote_is_one_line_and_nothing_changes(
    make_app: Callable[[], NoticingApp], store: Store, team: dict[str, Person], tmp_path: Path,
) -> None:
    synced_pair(store, tmp_path)
    (tmp_path / "remote.git").rename(tmp_path / "gone.git")
    before = store.path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await wait_until(pilot, lambda: any(t.startswith("Not synced: Can't reach the remote")
                                            for t in app.notice_texts()), "the failure")
    assert store.path.read_bytes() == before


async def test_sync_on_quit_syncs_then_closes(
    store: Store, clock: ManualClock, team: dict[str, Person], tmp_path: Path,
) -> None:
    other = synced_pair(store, tmp_path)
    settings = Settings(sync=SyncSettings(on_quit=True))
    app = NoticingApp(store, clock, poll_seconds=0, cursor_blink=False, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        ada = store.find_person("ada")
        store.add_note(Note(ada.id, NoteKind.PROGRESS, "Written just before closing", NOW))
        await pilot.press("q")
        await wait_until(pilot, lambda: not app.is_running, "the app closing after its sync")
    assert "Syncing before closing…" in app.notice_texts()
    assert any(t.startswith("1 note from elsewhere; 1 note sent.") for t in app.notice_texts())
    from kindcheck.sync.engine import sync

    assert sync(other.layout, WHEN).line() == "1 note from elsewhere."
