"""What kindcheck.key_order relies on in Textual: fails loudly when an upgrade changes it.

key_order holds each key until the one before has been handled, because Textual forwards keys
to the focus of the moment but runs bindings later. These tests pin the Textual internals it
uses, and show on a bare app both the misrouting and the fix, so an upgrade that changes
either is noticed instead of silently breaking (or no longer needing) the fix.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

from textual import events
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import TextArea

from kindcheck.key_order import KeysInOrder
from tests.functional.bursts import burst


def test_textual_is_the_version_key_order_was_checked_against() -> None:
    # On an upgrade: re-read App.on_event, App._on_key and MessagePump._on_message, then
    # update this pin. The module docstring of kindcheck.key_order says what to look for.
    assert version("textual") == "8.2.8"


def test_messages_still_carry_a_forwarded_mark() -> None:
    message = Message()
    assert message.is_forwarded is False
    message._set_forwarded()
    assert message.is_forwarded is True


def test_the_app_still_forwards_keys_to_the_focus_of_the_moment() -> None:
    source = inspect.getsource(App.on_event)
    assert "is_forwarded" in source
    assert "_forward_event" in source
    assert "_check_bindings(event.key, priority=True)" in source
    assert "_check_bindings(event.key)" in inspect.getsource(App._on_key)


def test_message_pumps_still_say_when_they_are_closing() -> None:
    app = App[None]()
    assert app._closing is False
    assert app._closed is False
    assert app._parent is None


class Two(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(id="first")
        yield TextArea(id="second")


class TwoInOrder(KeysInOrder, Two):
    def __init__(self) -> None:
        super().__init__()
        self._keys_init()


def texts(app: App[None]) -> tuple[str, str]:
    return (
        app.query_one("#first", TextArea).text,
        app.query_one("#second", TextArea).text,
    )


async def test_a_bare_textual_app_still_sends_keys_after_tab_to_the_old_field() -> None:
    # If this starts failing, Textual may route typed-ahead keys correctly by itself: then
    # key_order may no longer be needed. Check, and drop it if so.
    app = Two()
    async with app.run_test() as pilot:
        await burst(pilot, "ab", "<tab>", "cd")
        assert texts(app) != ("ab", "cd")


async def test_keys_in_order_sends_them_where_they_were_typed() -> None:
    app = TwoInOrder()
    async with app.run_test() as pilot:
        await burst(pilot, "ab", "<tab>", "cd", "<shift+tab>", "e")
        assert texts(app) == ("abe", "cd")


async def test_keys_in_order_keeps_a_paste_in_its_place() -> None:
    app = TwoInOrder()
    async with app.run_test() as pilot:
        await burst(pilot, "a", events.Paste("pasted"), "b", "<tab>", "c")
        assert texts(app) == ("apastedb", "c")
