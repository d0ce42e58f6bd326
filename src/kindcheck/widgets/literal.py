"""User text on screen: shown exactly as written, never read as markup or obeyed by the terminal.

Textual reads a plain `str` as content markup almost everywhere it is shown (`Static`,
`Label`, `border_title`, `notify`, option prompts, `DataTable` cells), so a name like
`Bo [/]` raises a MarkupError and `[bold]Bo` turns bold. `Content(...)` and Rich `Text(...)`
built from a string keep it literal, but neither removes control characters: an ESC or a BEL
in an old note would reach the terminal as it is (an OSC 52 sequence writes the clipboard).

So every piece of text a leader typed goes through this module on its way to the screen:
`user_text` for Textual `Content`, `user_rich` for Rich `Text` (tables and option lists
built from Rich text), and `shown` for the plain string to mix into either.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from kindcheck.domain.text import printable


def shown(text: str, *, one_line: bool = False) -> str:
    """`text` with any stray control character replaced by a visible stand-in.

    `one_line` also shows a line break as a stand-in, for titles and single-line cells.
    """
    return printable(text, allow_newline=not one_line)


def user_text(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """User text as Textual Content: literal, with stray control characters made visible."""
    plain = shown(text, one_line=one_line)
    return Content.styled(plain, style) if style else Content(plain)


def user_rich(text: str, style: str = "", *, one_line: bool = False) -> Text:
    """User text as Rich Text (for DataTable cells and Rich-built prompts): literal and safe."""
    return Text(shown(text, one_line=one_line), style=style)
