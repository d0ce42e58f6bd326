"""Colours that carry meaning (late, due, going well, a signal), read from the app's theme.

Rich text with fixed names such as "red" or "yellow" reads well on a dark theme and poorly on
a light one. These come from the current theme's `$text-error`, `$text-warning`,
`$text-success` and `$text-accent`, which every built-in theme makes readable on its own
background; "dim" stays as it is (it works on any background). Draw again when the theme
changes (`App.theme_changed_signal`).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.errors import StyleSyntaxError
from rich.style import Style
from textual.dom import DOMNode


@dataclass(frozen=True)
class Tones:
    """Rich styles for what a colour means on screen."""

    error: Style  # overdue, late
    warning: Style  # due, missed, still missing
    success: Style  # done, progress, a good mood
    accent: Style  # a gentle signal worth a look


# For a theme that leaves one out.
_FALLBACK = {"error": "red", "warning": "yellow", "success": "green", "accent": "magenta"}


def tones(node: DOMNode) -> Tones:
    """The tones of the theme `node`'s app shows now."""
    colors = node.app.theme_variables

    def pick(name: str) -> Style:
        value = colors.get(f"text-{name}") or colors.get(name) or _FALLBACK[name]
        try:
            return Style.parse(value)
        except StyleSyntaxError:  # a value Rich cannot read (such as "auto 60%")
            return Style.parse(_FALLBACK[name])

    return Tones(pick("error"), pick("warning"), pick("success"), pick("accent"))
