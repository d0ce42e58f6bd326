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
_END = re.compile(r"^end:vcard\s*$", re.IGNORECASE)
# A content line: a name (maybe grouped, "item1.EMAIL"), parameters, then a colon.
_CONTENT = re.compile(r'^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)?(;([^:"]|"[^"]*")*)?:')


def read_vcards(text: str, source: str) -> list[RawRow]:
    """The cards in `text`, one row each; ImportRefused when the file is not vCard."""
    import vobject

    lines = text.splitlines()
    starts = _card_starts(source, lines)
    try:
        cards = [c for c in vobject.readComponents(text) if c.name.upper() == "VCARD"]
    except Exception:  # vobject raises several kinds for text it cannot read
        # Its line numbers count a CRLF twice and more: find the line ourselves.
        bad = next((n for n, line in enumerate(lines, 1) if not _readable(line)), None)
        where = f"line {bad}: " if bad is not None else ""
        raise ImportRefused(source, [f"{where}not a vCard kindcheck can read"]) from None
    return [RawRow(line, _cells(card)) for line, card in zip(starts, cards, strict=False)]


def _card_starts(source: str, lines: list[str]) -> list[int]:
    """The line of each card's BEGIN:VCARD; ImportRefused when there is none, or when a card
    never ends (a file cut off), naming the line where that card begins."""
    starts: list[int] = []
    depth = 0  # cards nest (vCard 2.1 agents): only the outermost are people
    for number, line in enumerate(lines, 1):
        if _BEGIN.match(line.strip()):
            if depth == 0:
                starts.append(number)
            depth += 1
        elif _END.match(line.strip()) and depth:
            depth -= 1
    if not starts:
        raise ImportRefused(source, ["no vCard in the file (it has no BEGIN:VCARD line)"])
    if depth:
        raise ImportRefused(source, [
            f"line {starts[-1]}: this card never ends (no END:VCARD; is the file cut off?)"])
    return starts


def _readable(line: str) -> bool:
    """A line vCard can hold: blank, folded on from the one before, or NAME[;params]:value."""
    return not line.strip() or line[0] in " \t" or bool(_CONTENT.match(line))


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
