"""The footer of keys, changed in place rather than rebuilt.

Textual's Footer (8.2) recomposes itself, removing every key and mounting new ones, each time
the screen's bindings change, and they change on every focus move. In the check-in form that
made Tab cost several frames. `KeyFooter` shows the same keys, in the same order and look, but
keeps the key widgets it has made, one per place in the row: on a change each place shows
the key now in it (redrawn only, if its text is as wide), a longer row mounts one more, a
shorter one hides the last. No key is moved: moving one lays out the whole screen.

It relies on what Textual documents for a footer: the screen's `bindings_updated_signal`
(Footer subscribes `bindings_changed` to it), `Screen.active_bindings` and
`App.get_key_display`. The key widget itself, `FooterKey`, lives in a private module;
tests/unit/test_key_footer_pins.py fails loudly if an upgrade changes it.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


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
        # The keys in the order shown, and the command palette's (docked right).
        self._row: list[FooterKey] = []
        self._palette: FooterKey | None = None
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
        for key in self._row:
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
        keys = [slot for slot in wanted if not slot.command_palette]
        palette = [slot for slot in wanted if slot.command_palette]
        made = [_make_key(slot, self.compact) for slot in keys[len(self._row) :]]
        if made:
            # Into the list of children at once (only their Mount events come later), so no
            # other update sees them half-made; before the palette's, as Footer has them.
            self.mount_all(made, before=self._palette)
            self._row += made
        if palette and self._palette is None:
            self._palette = _make_key(palette[0], self.compact)
            made.append(self._palette)
            self.mount(self._palette)
        if any(key.parent is not self for key in made):
            return  # the screen is closing: Textual mounts nothing more on it
        # Each place in the row shows whichever key is now in that place: no key is moved
        # (a move lays out the whole screen), and one whose text is as wide is only redrawn.
        for place, key in enumerate(self._row):
            if place < len(keys):
                _show_slot(key, keys[place])
            _set_display(key, place < len(keys))
        if self._palette is not None:
            if palette:
                _show_slot(self._palette, palette[0])
            _set_display(self._palette, bool(palette))
        self._shown = wanted


def _set_display(key: FooterKey, display: bool) -> None:
    if key.display != display:
        key.display = display


def _show_slot(key: FooterKey, slot: Slot) -> None:
    """Make `key` show `slot`, as FooterKey's constructor would have (Textual 8.2)."""
    shown = (key.key, key.key_display, key.description, key.action, key._disabled, key.tooltip)
    tooltip = slot.tooltip or None
    if shown == (slot.key, slot.key_display, slot.description, slot.action, not slot.enabled,
                 tooltip):
        return
    wider = cell_len(key.key_display + key.description) != cell_len(
        slot.key_display + slot.description
    )
    key.key, key.key_display, key.description = slot.key, slot.key_display, slot.description
    key.action = slot.action
    key._disabled = not slot.enabled
    key.set_class(not slot.enabled, "-disabled")
    key.tooltip = tooltip
    key.refresh(layout=wider)


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
