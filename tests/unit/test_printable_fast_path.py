"""`printable` answers "nothing to replace" with one regex scan (search shows 200 snippets a
keystroke); that scan must refuse exactly the characters `is_control` refuses."""

from __future__ import annotations

import pytest

from kindcheck.domain import text


@pytest.mark.parametrize("allow_newline", [True, False])
def test_the_quick_check_agrees_with_is_control_on_every_character(allow_newline: bool) -> None:
    quick = text._ANY_CONTROL_BUT_NEWLINE if allow_newline else text._ANY_CONTROL
    disagree = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if code < 0xD800 or code > 0xDFFF  # lone surrogates are no text
        if bool(quick.search(chr(code))) != text.is_control(chr(code), allow_newline=allow_newline)
    ]
    assert disagree == []


def test_plain_text_comes_back_as_the_same_object() -> None:
    plain = "Needs access to the staging logs ✓"
    assert text.printable(plain) is plain
    assert text.printable("a\x1bb") == "a\u241bb"
