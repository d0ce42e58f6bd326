"""Keys as a fast typist (or a paste) sends them: all queued before the app runs any of them.

Pilot's `press` waits for the app to settle after every key, so it never shows what a burst
does. `burst` posts every key event to the App in one go, the way a terminal delivers keys
typed with no pause, then waits (with a deadline) until every key has been handled.
"""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot

from kindcheck.key_order import KeysInOrder

# Named keys and the character a terminal sends with them.
NAMED = {
    "tab": "\t",
    "shift+tab": None,
    "enter": "\r",
    "backspace": "\x7f",
    "escape": "\x1b",
    "left": None,
    "right": None,
    "up": None,
    "down": None,
    "ctrl+s": "\x13",
    "ctrl+t": "\x14",
}


def key(name: str) -> events.Key:
    """A named key, like "tab" or "ctrl+s"."""
    return events.Key(name, NAMED.get(name))


def typed(text: str) -> list[events.Key]:
    """The key events for typing `text` (a newline is enter)."""
    keys: list[events.Key] = []
    for char in text:
        if char == "\n":
            keys.append(key("enter"))
        elif char.isalnum():
            keys.append(events.Key(char, char))
        else:
            name = _character_to_key(char)
            keys.append(events.Key(name, char))
    return keys


def sequence(*parts: str | events.Key | events.Paste) -> list[events.Key | events.Paste]:
    """Text is typed character by character; `<tab>`-style strings and events pass as they are."""
    out: list[events.Key | events.Paste] = []
    for part in parts:
        if isinstance(part, (events.Key, events.Paste)):
            out.append(part)
        elif part.startswith("<") and part.endswith(">") and len(part) > 2:
            out.append(key(part[1:-1]))
        else:
            out.extend(typed(part))
    return out


async def burst(
    pilot: Pilot[object], *parts: str | events.Key | events.Paste, deadline: float = 10.0
) -> None:
    """Send every key at once, then wait until the app has handled them all."""
    app: App[object] = pilot.app
    for event in sequence(*parts):
        event.set_sender(app)
        app.post_message(event)
    await settle_keys(pilot, deadline)


async def settle_keys(pilot: Pilot[object], deadline: float = 10.0) -> None:
    """Wait until no key is waiting or in flight, then let the screen catch up."""
    app = pilot.app

    def waiting() -> int:
        return app.keys_waiting if isinstance(app, KeysInOrder) else 0

    waited = 0.0
    await pilot.pause()
    while waiting() and waited < deadline:
        await pilot.pause(0.02)
        waited += 0.02
    assert not waiting(), f"{waiting()} keys still waiting after {deadline} s"
    await pilot.pause()
    await pilot.pause()


def paste(text: str) -> events.Paste:
    """A bracketed paste, as the terminal sends it."""
    return events.Paste(text)
