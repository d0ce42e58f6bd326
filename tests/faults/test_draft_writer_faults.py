"""A draft write failing behind the typing (#11): said once, the form stays usable, and the
draft is kept again once the disk is back."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import TextArea

from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.errors import StoreWriteFailed
from kindcheck.store.store import Store
from tests.functional.harness import wait_until
from tests.functional.test_checkin_form import SIZE, Host, form, text_of, type_text

FULL = "No space left on device"


class FullDisk:
    """The store's save_draft on a full disk, noting which thread each attempt runs on."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.threads: list[threading.Thread] = []

    def __call__(self, *args: object) -> None:
        self.threads.append(threading.current_thread())
        raise StoreWriteFailed(self.store.path, OSError(28, FULL))


@pytest.fixture
def ada(team: dict[str, Person]) -> Person:
    return team["ada"]


async def test_a_draft_failing_in_the_background_is_said_once_and_the_form_goes_on(
    store: Store, clock, ada: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CheckInScreen, "draft_delay", 0.05)
    full = FullDisk(store)
    monkeypatch.setattr(store, "save_draft", full)
    app = Host(store, clock, ada.id)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_text(pilot, "Still")
        await wait_until(pilot, lambda: any(FULL in m for m in app.messages), "the failure said")
        assert "still here" in text_of(app, "#checkin-status")
        # Typing on: each pause asks for the draft again, and each attempt fails again.
        for word in (" here", " and", " typing"):
            tried = len(full.threads)
            await type_text(pilot, word)
            await wait_until(pilot, lambda tried=tried: len(full.threads) > tried, "a retry")
        await pilot.pause(0.2)  # the last attempt's answer reaches the form
        assert sum(FULL in m for m in app.messages) == 1
        assert form(app).query_one("#how-they-are", TextArea).text == "Still here and typing"
        assert all(thread is not threading.main_thread() for thread in full.threads)

        monkeypatch.setattr(store, "save_draft", Store.save_draft.__get__(store))
        await type_text(pilot, "!")
        await wait_until(
            pilot, lambda: text_of(app, "#checkin-status") == "The draft is saved again.",
            "the draft kept again",
        )
        assert store.load_draft(ada.id)["how_they_are"] == "Still here and typing!"
        assert sum(FULL in m for m in app.messages) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
