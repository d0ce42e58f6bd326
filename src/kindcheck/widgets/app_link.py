"""Typed access to the running KindcheckApp, and the two things screens follow on it.

The App owns two Textual `Signal`s: `store_changed` (something was saved, here or by another
kindcheck) and `privacy_changed` (the mask went on or off). A screen or widget that shows store
data mixes in `ShowsStore`; one that shows personal text mixes in `ShowsPersonalText`. Each
subscribes when mounted and unsubscribes when unmounted: Textual drops a closed subscriber only
at the next publish, and the mask is seldom toggled, so a closed check-in form (and all it drew)
would otherwise stay in memory.

The mixins hook Textual's `_on_mount` / `_on_unmount` handlers, which Textual calls for every
class along the MRO, so a class using them keeps its own `on_mount` / `on_unmount` as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode

if TYPE_CHECKING:
    from kindcheck.app import KindcheckApp


def kindcheck_app(node: DOMNode) -> KindcheckApp:
    """The KindcheckApp that `node` runs in (TypeError under any other App)."""
    from kindcheck.app import KindcheckApp  # the App imports the screens, which import this

    app = node.app
    if not isinstance(app, KindcheckApp):
        raise TypeError(f"{type(node).__name__} runs only inside KindcheckApp, not {app!r}")
    return app


class ShowsStore:
    """Mixin for a screen (or widget) that shows what the store holds.

    `reload` runs whenever the store changes: saved from another screen, or written by
    another kindcheck. Text typed into a form must survive it.
    """

    def reload(self) -> None:
        """Read the store again and show it."""
        raise NotImplementedError

    def _on_mount(self) -> None:
        assert isinstance(self, DOMNode)
        kindcheck_app(self).store_changed.subscribe(self, self._store_changed)

    def _on_unmount(self) -> None:
        assert isinstance(self, DOMNode)
        kindcheck_app(self).store_changed.unsubscribe(self)

    def _store_changed(self, person_id: str | None) -> None:
        self.reload()


class ShowsPersonalText:
    """Mixin for a screen (or widget) that veils personal text under the privacy mask.

    `privacy_changed` runs when the mask goes on or off (not when first mounted: read
    `kindcheck.widgets.privacy.is_masked(self)` while drawing).
    """

    def privacy_changed(self, masked: bool) -> None:
        """Draw again, veiled or not."""
        raise NotImplementedError

    def _on_mount(self) -> None:
        assert isinstance(self, DOMNode)
        kindcheck_app(self).privacy_changed.subscribe(self, self.privacy_changed)

    def _on_unmount(self) -> None:
        assert isinstance(self, DOMNode)
        kindcheck_app(self).privacy_changed.unsubscribe(self)
