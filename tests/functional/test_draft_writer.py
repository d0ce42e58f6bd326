"""Drafts written behind the typing (#11): never on the event loop, newest fields only, and on
disk (or made moot by the saved check-in) whenever the form closes."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea

from kindcheck.domain.model import Person
from kindcheck.draft_writer import DraftWriter, draft_writer
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.store import Store
from tests.functional.harness import DEADLINE, wait_until
from tests.functional.test_checkin_form import SIZE, Host, focus, form, type_text


class Gate:
    """Stands in for one of the store's draft methods: notes the thread each call runs on and
    holds it until the test opens the gate; then the real method writes."""

    def __init__(self, real: Callable[..., None], *, open_: bool = True) -> None:
        self.real = real
        self.threads: list[threading.Thread] = []
        self.started = threading.Event()
        self.open = threading.Event()
        self.finished = 0
        if open_:
            self.open.set()

    def __call__(self, *args: Any) -> None:
        self.threads.append(threading.current_thread())
        self.started.set()
        assert self.open.wait(DEADLINE), "the test never opened the gate"
        self.real(*args)
        self.finished += 1


def drafts_on_disk(store: Store) -> dict[str, str]:
    """Each person's draft text as the file holds it, live or not, read afresh."""
    path = store.drafts_path
    if not path.exists():
        return {}
    rows = json.loads(path.read_text("utf-8")).get("drafts", {}).values()
    return {row["person_id"]: row["fields"].get("how_they_are", "") for row in rows}


@pytest.fixture
def ada(team: dict[str, Person]) -> Person:
    return team["ada"]


@pytest.fixture
def quick_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CheckInScreen, "draft_delay", 0.05)


async def test_no_draft_write_runs_on_the_event_loop(
    store: Store, clock, ada: Person, quick_drafts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves, discards = Gate(store.save_draft), Gate(store.discard_draft)
    monkeypatch.setattr(store, "save_draft", saves)
    monkeypatch.setattr(store, "discard_draft", discards)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Calm")
        await wait_until(pilot, lambda: drafts_on_disk(store).get(ada.id) == "Calm", "a draft")
        await pilot.press("tab", "3", "tab")
        await type_text(pilot, "Shipped")
        await wait_until(pilot, lambda: saves.finished >= 2, "the newer draft")
        await focus(pilot, "#follow-up")
        await type_text(pilot, "fri")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results != [], "the form closed")
        await wait_until(pilot, lambda: discards.finished == 1, "the draft removed")
    assert saves.threads and discards.threads
    loop_thread = threading.main_thread()
    assert all(thread is not loop_thread for thread in saves.threads + discards.threads)
    assert ada.id not in drafts_on_disk(store)


async def test_typing_goes_on_while_a_draft_is_being_written(
    store: Store, clock, ada: Person, quick_drafts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Gate(store.save_draft, open_=False)
    monkeypatch.setattr(store, "save_draft", saves)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "a")
        await wait_until(pilot, saves.started.is_set, "the first draft write")
        # The write is held on the disk; the form must still take every key, and the draft
        # timer keeps firing while it waits.
        for letter in "bcd":
            await type_text(pilot, letter)
            await pilot.pause(0.1)  # longer than draft_delay: each letter asks for a write
        area = form(app).query_one("#how-they-are", TextArea)
        assert area.text == "abcd"
        assert saves.finished == 0  # all of that happened with the first write in flight
        saves.open.set()
        await wait_until(pilot, lambda: draft_writer(store).idle(), "the writer done")
        # Only the newest fields waited: one write after the one in flight, not three.
        assert saves.finished == 2
        assert drafts_on_disk(store)[ada.id] == "abcd"


async def test_escape_with_a_draft_waiting_leaves_it_on_disk(
    store: Store, clock, ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CheckInScreen, "draft_delay", 600.0)  # only leaving writes it
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Left in a hurry")
        await pilot.press("escape")
        # At once, before the loop has had another turn: escape waited for the disk.
        assert Store.open(store.path).load_draft(ada.id)["how_they_are"] == "Left in a hurry"
        await pilot.pause()
        assert app.results == [None]


async def test_quitting_with_a_draft_being_written_keeps_the_newest(
    store: Store, clock, ada: Person, quick_drafts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = Gate(store.save_draft, open_=False)
    monkeypatch.setattr(store, "save_draft", saves)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "First")
        await wait_until(pilot, saves.started.is_set, "the first draft write")
        await type_text(pilot, " and last")
        saves.open.set()
        app.exit()  # the form is open: closing the app waits for the draft
    assert Store.open(store.path).load_draft(ada.id)["how_they_are"] == "First and last"


async def test_saving_with_a_draft_waiting_leaves_no_live_draft(
    store_path: Path, clock, team: dict[str, Person], quick_drafts: None
) -> None:
    store = Store.open(store_path, clock=clock)
    ada = team["ada"]
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Saved soon")
        await wait_until(pilot, lambda: ada.id in drafts_on_disk(store), "a draft on disk")
        await focus(pilot, "#follow-up")
        await type_text(pilot, "fri")  # a draft write is due within draft_delay
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.results != [], "the form closed")
        await wait_until(pilot, lambda: draft_writer(store).idle(), "the writer done")
        await pilot.pause(0.2)  # any draft timer the form left behind would fire now
    reopened = Store.open(store_path, clock=clock)
    assert reopened.history(ada.id).checkins[-1].how_they_are == "Saved soon"
    assert reopened.load_draft(ada.id) is None
    assert ada.id not in drafts_on_disk(reopened)


def test_the_writer_keeps_only_the_newest_fields_per_person(
    store: Store, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    ada, mika = team["ada"], team["mika"]
    saves = Gate(store.save_draft, open_=False)
    monkeypatch.setattr(store, "save_draft", saves)
    writer = DraftWriter(store)
    writer.put(ada.id, {"how_they_are": "one"})
    assert saves.started.wait(DEADLINE)
    for text in ("two", "three", "four"):
        writer.put(ada.id, {"how_they_are": text})
    last = writer.put(mika.id, {"how_they_are": "hers"})
    saves.open.set()
    assert writer.wait(mika.id, last).error is None
    assert writer.wait(ada.id, 4).error is None
    assert saves.finished == 3  # ada's first, ada's newest, mika's
    assert drafts_on_disk(store) == {ada.id: "four", mika.id: "hers"}
