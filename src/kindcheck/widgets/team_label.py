"""A team's name on screen, and the group of people with no team shown so that no team's
name can look like it: in parentheses, dim and italic (a team's name is never styled so)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from kindcheck.domain.teams import NO_TEAM, NO_TEAM_TITLE
from kindcheck.widgets.cut import NAME_CELLS, cut
from kindcheck.widgets.literal import user_rich, user_text

NO_TEAM_STYLE = "dim italic"


def team_label(team: str, style: str = "") -> Text:
    """A team's name as Rich Text, literal and on one line; the no-team group set apart."""
    if team == NO_TEAM:
        return Text(NO_TEAM_TITLE, style=f"{style} {NO_TEAM_STYLE}".strip())
    return user_rich(team, style, one_line=True)


def team_content(team: str, style: str = "", *, cells: int = NAME_CELLS) -> Content:
    """The same as Textual Content, for border titles: cut to `cells` with "…"."""
    if team == NO_TEAM:
        return Content.styled(NO_TEAM_TITLE, f"{style} {NO_TEAM_STYLE}".strip())
    return user_text(cut(team, cells), style)
