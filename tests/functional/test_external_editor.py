"""Long notes in the leader's own editor, from the check-in form and the quick note.

Pilot cannot hand a terminal over (Textual raises SuspendNotSupported there, as under the web
driver): the App must say so and leave the field alone. The real round trip runs the
installed command in tmux with `EDITOR` set to a small script.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input, TextArea

from kindcheck.app import KindcheckApp
from kindcheck.dialogs.quick_note import QuickNote
from kindcheck.domain.clock import ManualClock
from kindcheck.domain.model import Person
from kindcheck.screens.checkin import CheckInScreen
from kindcheck.store.store import Store
from tests.functional.conftest import wait_until
from tests.functional.terminal import Terminal, kindcheck_in_tmux

SIZE = (120, 34)


class EditorApp(KindcheckApp):
    """The real App, keeping the notifications it is asked to show (public API only)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.notices: list[str] = []
        super().__init__(*args, **kwargs)

    def post_message(self, message: Message) -> bool:
        if isinstance(message, Notify):
            self.notices.append(str(message.notification.message))
        return super().post_message(message)


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An editor that leaves a mark when it runs; `EDITOR` points at it."""
    mark = tmp_path / "editor-ran"
    path = tmp_path / "editor.sh"
    path.write_text(f"#!/bin/sh\ntouch '{mark}'\nprintf 'edited' > \"$1\"\n", encoding="utf-8")
    path.chmod(0o700)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(path))
    return mark


async def test_the_form_says_it_cannot_open_an_editor_here_and_keeps_the_field(
    store: Store, clock: ManualClock, team: dict[str, Person], editor: Path
) -> None:
    app = EditorApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(CheckInScreen(store, clock, team["ada"].id))
        await wait_until(pilot, lambda: isinstance(app.focused, TextArea))
        await pilot.press(*"Tired")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("cannot hand this terminal" in n
                                            for n in app.notices))
        field = app.screen.query_one("#how-they-are", TextArea)
        assert field.text == "Tired"
        assert isinstance(app.screen, CheckInScreen)
    assert not editor.exists()


async def test_the_quick_note_says_so_too(
    store: Store, clock: ManualClock, team: dict[str, Person], editor: Path
) -> None:
    app = EditorApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(QuickNote(store, clock, team["sam"]))
        await wait_until(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press(*"Needs a laptop")
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("cannot hand this terminal" in n
                                            for n in app.notices))
        assert app.screen.query_one("#note-text", Input).value == "Needs a laptop"
        assert isinstance(app.screen, QuickNote)
    assert not editor.exists()


async def test_no_editor_set_is_named(
    store: Store, clock: ManualClock, team: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = EditorApp(store, clock, poll_seconds=0, cursor_blink=False)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(QuickNote(store, clock, team["sam"]))
        await wait_until(pilot, lambda: isinstance(app.focused, Input))
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: any("No editor is set" in n for n in app.notices))


# -- the real thing, in tmux ---------------------------------------------------------------------


@pytest.fixture
def terminal(tmp_path: Path, store_path: Path, team: dict[str, Person]) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("needs tmux")
    edit = tmp_path / "editor.sh"
    # Keeps what it was given and adds a line, as a leader writing on would.
    edit.write_text(f"#!/bin/sh\ncp \"$1\" '{tmp_path}/given.txt'\n"
                    "printf '\\nbut upbeat after the long week\\n' >> \"$1\"\n", encoding="utf-8")
    edit.chmod(0o700)
    with kindcheck_in_tmux(tmp_path, store_path, EDITOR=str(edit)) as term:
        yield term


def test_the_edited_text_comes_back_into_the_field_and_is_saved(
    terminal: Terminal, store_path: Path, tmp_path: Path, team: dict[str, Person]
) -> None:
    terminal.wait_for(lambda s: "Ada Lovelace" in s, "the roster")
    terminal.burst("c")
    terminal.wait_for(lambda s: "How are they doing?" in s, "the check-in form")
    terminal.burst("Tired", "<C-o>")
    terminal.wait_for(lambda s: "but upbeat after the long week" in s, "the edited text")
    assert (tmp_path / "given.txt").read_text(encoding="utf-8") == "Tired"
    # On to the next follow-up (how, mood, progress, missing, open items, words, help).
    terminal.burst(*["<Tab>"] * 7, "none", "<C-s>")
    terminal.wait_for(lambda s: "saved" in s.lower(), "the check-in saved")
    terminal.burst("q")
    checkin = Store.open(store_path).history(team["ada"].id).last_checkin
    assert checkin is not None
    assert checkin.how_they_are == "Tired\nbut upbeat after the long week"
