"""Every key lands where it was typed, however fast it comes.

Why this exists: Textual (8.2.8) forwards each key to whatever is focused at the moment the key
is read from the terminal (`App.on_event` → `focused._forward_event`), but a key's *binding*
runs only after the key has bubbled up to the App, one message queue at a time
(`App._on_key` → `_check_bindings`). Keys read in between are already on their way to the old
focus. So "Tired⇥Fine" typed with no pause puts "Fine" in the field being left, and "Export" +
six backspaces + "The export" in one burst gives "ExportThe ": the letters overtake the
backspaces' bindings.

`KeysInOrder` (mixed into the App) hands out one key at a time. After forwarding a key it sends
a marker message along the same path (`KeyHandled`, which bubbles like the key); when the marker
is back at the App, the key and its binding have run. A second lap of the marker follows what
the key set off on its way (an Input's Submitted message, a dialog closing). Only then is the
next key forwarded, to whatever is focused by now. Keys that arrive meanwhile wait in order.
Letters typed into a text field need no wait (the field takes them itself, in order); one lap
of the marker confirms them before any other key runs, so ctrl+s never saves a field with
letters still on their way to it.
A newly opened screen gets keys once it is mounted (its first field focused), so typing
straight after `c` or `n` lands in the form. A bracketed paste is a key like any other here:
it lands whole in the field focused when its turn comes, as plain text (colour codes and other
control characters copied along with it are dropped).

`TypingGoesToText` (mixed into form screens) makes focus stops that take no text safe to type
on: a printable key or a paste that the focused widget has no binding for (a letter on the
mood picker or the open-items list, say) moves on to the next text field and is typed there,
instead of being dropped or taken by an app-wide key such as `p`.

It leans on three Textual internals, checked by tests/unit/test_key_order_internals.py so
that an upgrade that changes them fails loudly: `App.on_event` forwarding unforwarded keys,
`Message.is_forwarded` / `Message._set_forwarded`, and `MessagePump._closing` / `_closed`.
"""

from __future__ import annotations

import sys
from collections import deque
from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from kindcheck.domain.text import pasted

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widgets import TextArea

# How often to look for a marker that cannot come back (its path was closed under it).
WATCH_EVERY = 0.02
# However a key's handling goes, the next key waits no longer than this.
LONGEST_WAIT = 2.0
LAPS = 2


class KeyHandled(Message, bubble=True):
    """Follows a key up the DOM; back at the App, the key has been handled."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class KeysInOrder:
    """App mixin: forward keys and pastes one at a time, each once the last has been handled."""

    def _keys_init(self) -> None:
        self._keys_waiting: deque[events.Key | events.Paste] = deque()
        self._key_target: MessagePump | None = None
        self._key_serial = 0
        self._key_laps = 0
        self._key_since = 0.0
        self._key_watch: Timer | None = None
        # A text field given letters without waiting: confirmed before any other key goes.
        self._typed_into: MessagePump | None = None

    @property
    def keys_waiting(self) -> int:
        """Keys typed ahead that have not reached a widget yet (for tests and benchmarks)."""
        return len(self._keys_waiting) + (self._key_target is not None)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if isinstance(event, events.Paste):
                event = events.Paste(pasted(event.text))  # plain text: no escape codes
            self._keys_waiting.append(event)
            if self._key_target is None:
                await self._deliver_keys()
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _deliver_keys(self) -> None:
        """Forward waiting keys until one is in flight, or none is left."""
        app: App[object] = self  # type: ignore[assignment]
        while self._keys_waiting and self._key_target is None:
            screen = app.screen
            if not screen.is_mounted:
                # A screen is opening: its first field is not focused yet.
                self._watch(app)
                return
            event = self._keys_waiting[0]
            target = app.focused or screen
            letter = _typed_into_text(event, target)
            typed_into = self._typed_into
            if typed_into is not None and (not letter or target is not typed_into):
                # Letters already given to a field must be in it before anything else runs
                # (ctrl+s reads the fields at once; a Tab moves away from them).
                self._typed_into = None
                if _path_open(typed_into):
                    self._send_marker(app, typed_into, laps=1)
                continue
            self._keys_waiting.popleft()
            await super().on_event(event)  # type: ignore[misc]
            if letter:
                # A text field takes a letter itself, with no binding to wait for: the next
                # letter can follow it into the same queue at once.
                self._typed_into = target
            elif event.is_forwarded:
                self._send_marker(app, target, laps=LAPS)
            # Not forwarded: a priority binding took it, and has run already.

    def _send_marker(self, app: App[object], target: MessagePump, laps: int) -> None:
        self._key_serial += 1
        self._key_laps = laps
        self._key_since = monotonic()
        self._key_target = target
        if target.post_message(KeyHandled(self._key_serial)):
            self._watch(app)
        else:
            self._key_target = None

    def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        if message.serial != self._key_serial or self._key_target is None:
            return
        target = self._key_target
        self._key_laps -= 1
        more = self._key_laps > 0 and _path_open(target)
        if more and target.post_message(KeyHandled(self._key_serial)):
            return
        self._key_done()

    def _key_done(self) -> None:
        self._key_target = None
        app: App[object] = self  # type: ignore[assignment]
        if self._keys_waiting:
            app.call_next(self._deliver_keys)
        elif self._key_watch is not None:
            self._key_watch.stop()
            self._key_watch = None

    def _watch(self, app: App[object]) -> None:
        if self._key_watch is None:
            self._key_watch = app.set_interval(WATCH_EVERY, self._check_stuck, name="key order")

    def _check_stuck(self) -> None:
        """Release the next key when the marker's path closed, or it waited too long."""
        app: App[object] = self  # type: ignore[assignment]
        target = self._key_target
        if target is None:
            if self._keys_waiting:
                app.call_next(self._deliver_keys)
            elif self._key_watch is not None:
                self._key_watch.stop()
                self._key_watch = None
            return
        if not _path_open(target) or monotonic() - self._key_since > LONGEST_WAIT:
            self._key_done()


def _typed_into_text(event: events.Key | events.Paste, target: MessagePump) -> bool:
    return (
        isinstance(event, events.Key)
        and event.is_printable
        and isinstance(target, Widget)
        and takes_text(target)
    )


def _path_open(node: MessagePump) -> bool:
    """True while a message posted to `node` can still bubble all the way to the App."""
    current: MessagePump | None = node
    while current is not None:
        if current._closing or current._closed:
            return False
        current = current._parent
    return (isinstance(node, Widget) and node.is_attached) or not isinstance(node, Widget)


def hand_on(event: events.Key | events.Paste, to: Widget) -> None:
    """Give a key or paste that reached the wrong widget to `to`, ahead of any later key.

    For focus stops that take no text (the mood picker, a list): a letter typed there moves on
    to the next text field instead of being lost. The copy is marked forwarded so the App does
    not treat it as a new key from the terminal.
    """
    copy: events.Key | events.Paste
    if isinstance(event, events.Key):
        copy = events.Key(event.key, event.character)
    else:
        copy = events.Paste(event.text)
    copy._set_forwarded()
    to.post_message(copy)


def takes_text(widget: Widget) -> bool:
    """True for a field a leader types words into."""
    if isinstance(widget, Input):
        return True
    # TextArea is only looked up once some screen has imported it: no widget can be one before,
    # and the dashboard's first frame is not kept waiting for its import.
    module = sys.modules.get("textual.widgets._text_area")
    if module is None:
        return False
    text_area: type[TextArea] = module.TextArea
    return isinstance(widget, text_area) and not widget.read_only


def next_text_field(screen: Screen[object], after: Widget) -> Widget | None:
    """The first text field after `after` in the screen's focus order, wrapping around."""
    chain = screen.focus_chain
    start = chain.index(after) + 1 if after in chain else 0
    for widget in chain[start:] + chain[:start]:
        if takes_text(widget):
            return widget
    return None


class TypingGoesToText:
    """Screen mixin: typing on a focus stop that takes no text goes on to the next text field."""

    def _stray_typing_target(self, key: str | None) -> Widget | None:
        screen: Screen[object] = self  # type: ignore[assignment]
        focused = screen.focused
        if focused is None or takes_text(focused):
            return None
        if key is not None:
            bound = screen.active_bindings.get(key)
            if bound is not None and bound.node is focused:
                return None  # the widget's own key: a digit on the mood picker, space on a list
        return next_text_field(screen, focused)

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            return
        target = self._stray_typing_target(event.key)
        if target is not None:
            event.stop()
            event.prevent_default()
            target.focus()
            hand_on(event, target)

    def on_paste(self, event: events.Paste) -> None:
        target = self._stray_typing_target(None)
        if target is not None:
            event.stop()
            event.prevent_default()
            target.focus()
            hand_on(event, target)
