"""People from a vCard file (`.vcf`, as a contacts app or directory exports it), read with
vobject, as rows for `domain.people_import.check_rows`.

FN (or N) is the name, TITLE (else ROLE) the role, the units of ORG after the company's name
the team (ORG:Acme;Platform is team Platform; a bare company name is no team), BDAY the
birthday, NOTE what matters to them, and X-MANAGER (a name) whom they report to. Each card's
line is where its BEGIN:VCARD is, so a bad card can be found in the file.
"""

from __future__ import annotations

import re
from typing import Any

from kindcheck.domain.people_import import ImportRefused, RawRow

_BEGIN = re.compile(r"^begin:vcard\s*$", re.IGNORECASE)


def read_vcards(text: str, source: str) -> list[RawRow]:
    """The cards in `text`, one row each; ImportRefused when the file is not vCard."""
    import vobject

    starts = [n for n, line in enumerate(text.splitlines(), 1) if _BEGIN.match(line.strip())]
    if not starts:
        raise ImportRefused(source, ["no vCard in the file (it has no BEGIN:VCARD line)"])
    try:
        cards = [c for c in vobject.readComponents(text) if c.name.upper() == "VCARD"]
    except Exception as error:  # vobject raises several kinds for text it cannot read
        line = getattr(error, "lineNumber", None)
        where = f"line {line}: " if isinstance(line, int) else ""
        raise ImportRefused(source, [f"{where}not a vCard kindcheck can read"]) from None
    return [RawRow(line, _cells(card)) for line, card in zip(starts, cards, strict=False)]


def _cells(card: Any) -> dict[str, str]:
    cells: dict[str, str] = {}
    name = _first(card, "fn")
    if not name and "n" in card.contents:
        n = card.contents["n"][0].value
        name = " ".join(p for p in (n.prefix, n.given, n.additional, n.family) if p)
    if name:
        cells["name"] = name
    role = _first(card, "title") or _first(card, "role")
    if role:
        cells["role"] = role
    if "org" in card.contents:
        org = card.contents["org"][0].value
        units = [u for u in (org if isinstance(org, list) else [org])[1:] if str(u).strip()]
        if units:
            cells["team"] = " ".join(str(u) for u in units[-1:])
    for key, field_name in (("bday", "birthday"), ("note", "what_matters"),
                            ("x-manager", "manager")):
        value = _first(card, key)
        if value:
            cells[field_name] = value
    return cells


def _first(card: Any, key: str) -> str:
    values = card.contents.get(key) or []
    value = values[0].value if values else ""
    return value if isinstance(value, str) else ""
