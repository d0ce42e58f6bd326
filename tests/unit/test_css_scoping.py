"""A screen's stylesheet is loaded app-wide, so each rule must name its screen.

Without that, a rule such as `.field-label { width: 10; }` in the person editor squeezed the
check-in form's labels once the editor had been opened.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "kindcheck"
SHEETS = sorted([*SOURCE.glob("screens/*.tcss"), *SOURCE.glob("dialogs/*.tcss")])
CLASS_NAME = re.compile(r"^class (\w+)\((?:\w+, )*(?:Modal)?Screen\[", re.MULTILINE)


def _top_level_selectors(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    selectors, depth, start = [], 0, 0
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                selectors.extend(part.strip() for part in css[start:index].split(","))
            depth += 1
        elif char == "}":
            depth -= 1
            start = index + 1
    return selectors


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_every_rule_names_its_screen(sheet: Path) -> None:
    owner = CLASS_NAME.search(sheet.with_suffix(".py").read_text(encoding="utf-8"))
    assert owner is not None, f"no screen class beside {sheet.name}"
    for selector in _top_level_selectors(sheet.read_text(encoding="utf-8")):
        assert re.match(rf"{owner.group(1)}\b", selector), f"{sheet.name}: {selector!r}"
