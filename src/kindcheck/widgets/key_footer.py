"""The footer of keys, changed in place rather than rebuilt.

Textual's Footer (8.2) recomposes itself, removing every key and mounting new ones, each time
the screen's bindings change, and they change on every focus move. In the check-in form that
made Tab cost several frames. `KeyFooter` shows the same keys, in the same order and look, but
keeps the key widgets it has made: a change mounts only a key never shown before and hides
the ones that no longer apply, which is a layout of one line.

It relies on what Textual documents for a footer: the screen's `bindings_updated_signal`
(Footer subscribes `bindings_changed` to it), `Screen.active_bindings` and
`App.get_key_display`. The key widget itself, `FooterKey`, lives in a private module;
tests/unit/test_key_footer_pins.py fails loudly if an upgrade changes it.
"""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Keys shown once and hidden since are kept for when they come back; past this many, the
# hidden ones are let go of (a screen has a handful of keys, so this is rarely reached).
KEEP_HIDDEN = 24


class Slot(NamedTuple):
    """One key as the footer shows it: anything that changes makes it another slot."""

    key: str
    key_display: str
    description: str
    action: str
    enabled: bool
    tooltip: str
    command_palette: bool


class KeyFooter(Footer):
    """Textual's Footer, except that a change of keys updates the footer in place.

    Many changes in one frame are shown once (the dashboard changes its keys several times
    while it fills in), and `hold` can keep the keys out of a screen's first frame.
    """

    _update_queued = False
    _held = False

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(compact=compact, id=id)
        self._keys: dict[Slot, FooterKey] = {}
        self._shown: list[Slot] = []

    def hold(self) -> None:
        """Leave the keys out until `release`: the screen's first frame is more urgent."""
        self._held = True

    def release(self) -> None:
        """Show the keys (after `hold`)."""
        if self._held:
            self._held = False
            # From our own message queue: the update must run in the footer's context.
            self.call_later(self.bindings_changed, self.screen)

    def compose(self) -> ComposeResult:
        # The keys are mounted by `_update`, never composed: nothing to rebuild.
        return iter(())

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The screen's keys changed: show them after this frame (once, however many
        changes come in it)."""
        if self._held:
            return
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._update_queued:
            self._update_queued = True
            self.call_after_refresh(self._update)

    def watch_compact(self, compact: bool) -> None:
        # Footer binds each key's `compact` to its own with a watcher per key; setting it
        # here leaves nothing behind when a key goes.
        for slot, key in self._keys.items():
            if not slot.command_palette:
                key.compact = compact

    def wanted(self) -> list[Slot]:
        """The keys Footer would show now, in its order (the command palette's last)."""
        active = self.screen.active_bindings
        app = self.app
        slots: list[Slot] = []
        seen_actions: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            # Footer shows one key per action: the first binding of it.
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            slots.append(_slot(binding, app.get_key_display(binding), enabled, tooltip))
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                tooltip = binding.tooltip or binding.description
                slots.append(
                    _slot(binding, app.get_key_display(binding), enabled, tooltip, palette=True)
                )
        return slots

    def _update(self) -> None:
        self._update_queued = False
        if not self.is_attached:
            return
        wanted = self.wanted()
        if wanted == self._shown:
            return
        new = [slot for slot in wanted if slot not in self._keys]
        for slot in new:
            self._keys[slot] = _make_key(slot, self.compact)
        if new:
            # Into the list of children at once (only their Mount events come later), so no
            # other update sees them half-made.
            self.mount_all(self._keys[slot] for slot in new)
            if any(self._keys[slot].parent is not self for slot in new):
                return  # the screen is closing: Textual mounts nothing more on it
        showing = set(wanted)
        for slot, key in self._keys.items():
            key.display = slot in showing
        self._put_in_order([self._keys[slot] for slot in wanted])
        self._shown = wanted
        self._let_go_of_hidden(showing)

    def _put_in_order(self, keys: list[FooterKey]) -> None:
        """Move keys only where their order differs (the palette's key is docked right)."""
        previous: FooterKey | None = None
        for key in keys:
            children = list(self.children)
            place = 0 if previous is None else children.index(previous) + 1
            if children.index(key) != place:
                if previous is None:
                    self.move_child(key, before=0)
                else:
                    self.move_child(key, after=previous)
            previous = key

    def _let_go_of_hidden(self, showing: set[Slot]) -> None:
        hidden = [slot for slot in self._keys if slot not in showing]
        if len(hidden) <= KEEP_HIDDEN:
            return
        gone = [self._keys.pop(slot) for slot in hidden]
        self.remove_children(gone)


def _slot(
    binding: Binding, key_display: str, enabled: bool, tooltip: str, *, palette: bool = False
) -> Slot:
    return Slot(
        binding.key, key_display, binding.description, binding.action, enabled, tooltip, palette
    )


def _make_key(slot: Slot, compact: bool) -> FooterKey:
    # As Footer.compose makes them (Textual 8.2): see the module's docstring.
    key = FooterKey(
        slot.key,
        slot.key_display,
        slot.description,
        slot.action,
        disabled=not slot.enabled,
        tooltip=slot.tooltip,
        classes="-command-palette" if slot.command_palette else "",
    )
    if not slot.command_palette:  # Footer leaves the palette's key as FooterKey makes it
        # Before mounting: no watcher runs, so the class is set with it.
        key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact")
    return key
