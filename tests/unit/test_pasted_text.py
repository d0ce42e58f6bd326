"""A paste lands as plain text: escape sequences and control characters never reach a field."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kindcheck.domain.text import control_characters_in, pasted


def test_colour_codes_and_terminal_strings_are_dropped_whole() -> None:
    text = (
        "\x1b[1;31mRed\x1b[0m and \x1b]8;;https://x\x1b\\a link\x1b]8;;\x1b\\ "
        "\x1b]52;c;aGk=\x07!"
    )
    assert pasted(text) == "Red and a link !"


def test_line_breaks_become_newlines_and_tabs_stay() -> None:
    assert pasted("one\r\ntwo\rthree\n\tfour") == "one\ntwo\nthree\n\tfour"


def test_other_controls_and_bidi_overrides_are_dropped() -> None:
    assert pasted("a\x00b\x07c\x9bd\u202ee\x7f") == "abcde"


def test_plain_text_is_left_as_it_is() -> None:
    text = "Zoë said: [b]not markup[/b] — 李 👋🏽 ok"
    assert pasted(text) == text


@given(st.text())
def test_nothing_but_newlines_and_tabs_survive_among_controls(text: str) -> None:
    assert control_characters_in(pasted(text), allow_newline=True) == []
