"""The privacy mask: hide personal text while the screen is shared; names stay visible.

The switch itself lives on the App (`privacy_mask`); widgets ask `is_masked(self.app)` and pass
free text through `veil` before showing it.
"""

from __future__ import annotations

from textual.app import App
from textual.widgets import Static

from kindcheck.widgets import css_beside

MASK = "••••••"
BANNER_TEXT = "Privacy mask on — press p to lift it"


def is_masked(app: App[object]) -> bool:
    """Whether personal text should be hidden right now."""
    return bool(getattr(app, "privacy_mask", False))


def veil(text: str, masked: bool) -> str:
    """`text` as it may be shown: a fixed mask (which leaks no length) when masked."""
    if masked and text.strip():
        return MASK
    return text


class PrivacyBanner(Static):
    """A one-line banner shown on a screen while the privacy mask is on."""

    DEFAULT_CSS = css_beside(__file__)

    def __init__(self) -> None:
        super().__init__(BANNER_TEXT, id="privacy-banner")

    def on_mount(self) -> None:
        if hasattr(self.app, "privacy_mask"):
            self.watch(self.app, "privacy_mask", self._show_mask)

    def _show_mask(self, masked: bool) -> None:
        self.set_class(masked, "-on")
