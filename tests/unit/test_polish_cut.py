"""Cutting user text to one line: literal, cell-aware, fair between a name and a topic."""

from __future__ import annotations

from rich.cells import cell_len

from kindcheck.widgets.cut import cut, share_line


def test_cut_keeps_short_text_and_cuts_long_text_with_an_ellipsis() -> None:
    assert cut("Ada", 10) == "Ada"
    assert cut("Ada Lovelace", 6) == "Ada L…"
    assert cut("[b]Bo[/b]", 20) == "[b]Bo[/b]"  # literal: nothing read as markup


def test_cut_counts_cells_and_makes_breaks_and_control_characters_visible() -> None:
    wide = cut("東京タワー東京タワー", 7)
    assert cell_len(wide) <= 7 and wide.endswith("…")
    broken = cut("Bo\nBerg\x1b[31m", 40)
    assert "\n" not in broken and "\x1b" not in broken and broken.startswith("Bo")


def test_share_line_gives_what_a_short_text_leaves_to_the_long_one() -> None:
    name, topic = share_line(30, 10, [("Bo", 24), ("staging access for everyone", 24)])
    assert name == "Bo"
    assert topic == "staging access fo…" and 10 + cell_len(name) + cell_len(topic) <= 30
    both = share_line(30, 10, [("A" * 50, 24), ("B" * 50, 24)])
    assert [cell_len(text) for text in both] == [10, 10]
    assert share_line(80, 0, [("A" * 50, 24)]) == ["A" * 23 + "…"]  # never past its most


def test_share_line_never_cuts_below_the_least() -> None:
    (name,) = share_line(10, 30, [("Ada Lovelace", 24)])
    assert name == "Ada Lov…"
