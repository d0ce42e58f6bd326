"""Update a line of text under a field as the leader types, without laying the screen out again.

Textual's `Static.update` lays out the whole screen by default, in case the text changed the
line's height; in a form that is most of what a key costs (stalls.txt, `benchmarks/`). A hint
that was one line and stays one line cannot move anything, so it is only redrawn.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static


def update_hint(line: Static, text: Content | str) -> None:
    """Show `text` on `line`; lay out again only when its height may change."""
    length = text.cell_length if isinstance(text, Content) else cell_len(text)
    stays_one_line = line.size.height == 1 and 0 < length <= line.content_size.width
    line.update(text, layout=not stays_one_line)
