"""Widgets: one per module, each with its CSS in a .tcss file beside it. They show data;
screens save it."""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str) -> str:
    """The CSS kept next to a widget's module (`roster.py` -> `roster.tcss`).

    Widgets cannot use CSS_PATH as screens do, and this keeps their CSS working on every
    screen that shows them.
    """
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
