"""Key initiatives and commitments: what the month is planned around.

An initiative has a name, the people involved, an optional target date, and is open until it
is marked done. Pure data and lookups; the store keeps them (store/initiatives.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from pendulum import Date, DateTime

from kindcheck.domain.input_rules import is_new_input
from kindcheck.domain.model import ValidationError, check_text, new_id
from kindcheck.domain.text import is_invisible, normalized


@dataclass(slots=True)
class Initiative:
    """A key initiative or commitment, and the people it involves."""

    name: str
    person_ids: list[str] = field(default_factory=list)
    target: Date | None = None  # the day it should be done by, if there is one
    done_at: DateTime | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        self.name = self.name.strip()
        if is_new_input():
            self.name = check_text("initiative", self.name)
        self.name = normalized(" ".join(self.name.split()))
        if not self.name or (is_new_input() and is_invisible(self.name)):
            raise ValidationError("The initiative needs a name.")
        self.person_ids = list(dict.fromkeys(self.person_ids))  # each person once

    @property
    def is_open(self) -> bool:
        return self.done_at is None


def find_initiative(initiatives: Iterable[Initiative], query: str) -> Initiative:
    """The initiative named `query` (any case), or the one whose name starts with it.

    Open ones are preferred: a done initiative is found only by its whole name.
    """
    everyone = sorted(initiatives, key=lambda i: i.name.casefold())
    wanted = normalized(" ".join(query.split())).casefold()
    if not wanted:
        raise ValidationError("Type the initiative's name, or the start of it.")
    exact = [i for i in everyone if i.name.casefold() == wanted]
    open_exact = [i for i in exact if i.is_open]
    if len(open_exact) == 1 or len(exact) == 1:
        return (open_exact or exact)[0]
    found = [i for i in everyone if i.is_open and i.name.casefold().startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        names = ", ".join(i.name for i in found[:8])
        raise ValidationError(f"{len(found)} initiatives start with {query!r}: {names}. "
                              "Type more of the name.")
    names = ", ".join(i.name for i in everyone if i.is_open)[:300] or "none yet"
    raise ValidationError(f"No open initiative is called {query!r}. Open ones: {names}.")
