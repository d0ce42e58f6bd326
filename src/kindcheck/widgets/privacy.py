"""The privacy mask: hide personal text while the screen is shared; names stay visible.

The switch itself lives on the App (`privacy_mask`, announced by its `privacy_changed`
signal); widgets ask `is_masked(self)` and pass free text through `veil` before showing it.
"""

from __future__ import annotations

from textual.dom import DOMNode
from textual.widgets import Static

from kindcheck.widgets import css_beside
from kindcheck.widgets.app_link import ShowsPersonalText, kindcheck_app

MASK = "••••••"
BANNER_TEXT = "Privacy mask on — press p to lift it"


def is_masked(node: DOMNode) -> bool:
    """Whether personal text should be hidden right now (`node`: any widget, screen or app)."""
    return kindcheck_app(node).privacy_mask


def veil(text: str, masked: bool) -> str:
    """`text` as it may be shown: a fixed mask (which leaks no length) when masked."""
    if masked and text.strip():
        return MASK
    return text


class PrivacyBanner(ShowsPersonalText, Static):
    """A one-line banner shown on a screen while the privacy mask is on."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self) -> None:
        super().__init__(BANNER_TEXT, id="privacy-banner")

    def on_mount(self) -> None:
        self.privacy_changed(is_masked(self))

    def privacy_changed(self, masked: bool) -> None:
        self.set_class(masked, "-on")
