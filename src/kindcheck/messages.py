"""App-wide messages: any screen may post them; the App answers.

Widget-local messages live as nested classes on their widgets instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class StartCheckIn(Message):
    """Open the check-in form for this person."""

    person_id: str


@dataclass
class StoreChanged(Message):
    """Something was saved from inside the app; every screen should show fresh data."""

    person_id: str | None = None
