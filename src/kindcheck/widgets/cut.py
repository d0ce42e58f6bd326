"""User text cut to fit one line of a pane: shown literally, with "…" where it was cut."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from kindcheck.widgets.literal import shown

# The widest a name, topic or team name gets in a list: the longest allowed (200 characters)
# would otherwise wrap to half a dozen lines and push everything below it away.
NAME_CELLS = 24
LIST_NAME_CELLS = 32  # in Today and the team pane: a name up to a line of the Today pane
HEADER_NAME_CELLS, HEADER_ROLE_CELLS = 64, 40  # the check-in's header: two lines, one
TOPIC_CELLS = 48  # the room left on the row cuts it first in the narrow Today pane
COMMITMENT_CELLS = 60  # a promise is the row's point: three lines of the Today pane or so


def cut(text: str, cells: int) -> str:
    """`text` on one line (control characters and line breaks made visible) and at most
    `cells` terminal cells wide, ending in "…" when it had to be cut."""
    plain = shown(text, one_line=True)
    if cell_len(plain) <= cells:
        return plain
    fitted = Text(plain)
    fitted.truncate(cells, overflow="ellipsis")
    return fitted.plain


def share_line(width: int, fixed: int, texts: list[tuple[str, int]], least: int = 8) -> list[str]:
    """Cut `texts` (each with the most cells it may take) so that they and `fixed` cells of
    other words fit one line of `width`: short texts keep all they need, long ones share the
    rest evenly. None is cut below `least` cells (then the line wraps rather than say nothing).
    """
    plains = [shown(text, one_line=True) for text, _ in texts]
    wanted = [min(cell_len(plain), most) for plain, (_, most) in zip(plains, texts, strict=True)]
    room = width - fixed
    given = [0] * len(texts)
    # The shortest first: what they leave over goes to the longer ones.
    for done, index in enumerate(sorted(range(len(texts)), key=lambda i: wanted[i])):
        fair = room // (len(texts) - done)
        given[index] = min(wanted[index], max(least, fair))
        room -= given[index]
    return [cut(plain, cells) for plain, cells in zip(plains, given, strict=True)]


def rows_room(width: int) -> int:
    """The cells a list row may fill to take about two lines of `width` (a word wrapped
    early may take a third: cutting more would cut rows that fitted)."""
    return 2 * width
