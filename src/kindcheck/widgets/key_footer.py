"""The footer of keys, rebuilt at most once per frame."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer

from kindcheck.garbage import forget_closed_watchers


class KeyFooter(Footer):
    """Textual's Footer, except that many changes to the keys in one frame rebuild it once.

    The Footer rebuilds every key each time a screen's bindings change. On opening the
    dashboard they change several times in one frame (focus moves, a person is selected, the
    agenda fills), and each rebuild costs more than a frame; the last one shows the same keys.
    """

    _rebuild_queued = False
    _held = False

    def hold(self) -> None:
        """Leave the keys out until `release`: the screen's first frame is more urgent."""
        self._held = True

    def release(self) -> None:
        """Show the keys (after `hold`)."""
        if self._held:
            self._held = False
            # From our own message queue: the rebuild must run in the footer's context.
            self.call_later(self.bindings_changed, self.screen)

    def bindings_changed(self, screen: Screen) -> None:
        # As Footer.bindings_changed (Textual 8.2), but a rebuild already queued covers this
        # change too: it reads the bindings when it runs.
        if self._held:
            return
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False
        await self.recompose()
        # Each key watches the footer's `compact`; Textual would keep the removed keys (and
        # all they drew) until `compact` changes, which on the dashboard it never does.
        forget_closed_watchers(self)
