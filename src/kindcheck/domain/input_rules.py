"""The rules for text a leader types, and the one place that knows them.

Records read back from a file are built inside `stored_records()`, where the rules for new
input are not applied: text an older kindcheck or another tool wrote must still open (and is
shown with `text.printable`), or one stray character would lock a leader out of their notes.
"""

from __future__ import annotations

import functools
import importlib.resources
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import pendulum

from kindcheck.domain.text import (
    control_characters_in,
    describe_character,
    is_invisible,
    normalized,
    printable,
)


class ValidationError(ValueError):
    """Input a user typed that kindcheck cannot accept; the message says why, kindly."""


_READING_STORED: ContextVar[bool] = ContextVar("kindcheck_reading_stored", default=False)


@contextmanager
def stored_records() -> Iterator[None]:
    """Build records read back from a file: the rules for new input are not applied inside."""
    token = _READING_STORED.set(True)
    try:
        yield
    finally:
        _READING_STORED.reset(token)


def is_new_input() -> bool:
    """False while records read back from a file are built (see `stored_records`)."""
    return not _READING_STORED.get()


@dataclass(frozen=True, slots=True)
class TextRule:
    """How one field's text may look: what to call it, how long it may be, one line or many."""

    label: str  # starts a sentence: "The note has ..."
    limit: int  # characters
    one_line: bool


# Every field a user types into, in one place. The limits are far above anything typed in a
# conversation, and low enough that a runaway paste cannot bloat a file read on every start.
TEXT_RULES: dict[str, TextRule] = {
    "name": TextRule("The name", 200, one_line=True),
    "role": TextRule("The role", 200, one_line=True),
    "timezone": TextRule("The timezone", 64, one_line=True),
    "team": TextRule("The team", 100, one_line=True),
    "initiative": TextRule("The initiative's name", 200, one_line=True),
    "topic": TextRule("The topic", 200, one_line=True),
    "commitment": TextRule("The commitment", 1000, one_line=True),
    "note": TextRule("The note", 20_000, one_line=False),
    "what_matters": TextRule("What matters to them", 20_000, one_line=False),
    "how_they_are": TextRule("How they are", 20_000, one_line=False),
    "their_words": TextRule("Their words", 20_000, one_line=False),
}

_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def check_text(field_name: str, text: str) -> str:
    """`text` as it may be stored in `field_name` (a key of TEXT_RULES), or ValidationError.

    Refused: control characters (ESC, BEL, C1, bidi overrides...), bytes the terminal could
    not decode, line breaks in a one-line field, and text over the field's limit. A Windows
    line end ("\\r\\n") in a many-line field is quietly made a plain "\\n".
    """
    rule = TEXT_RULES[field_name]
    if not rule.one_line:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any("\ud800" <= char <= "\udfff" for char in text):
        raise ValidationError(
            f"{rule.label} has bytes in it that are not text in any alphabet kindcheck reads "
            "(perhaps the terminal uses another character set): please type it again."
        )
    if rule.one_line and any(char in _LINE_BREAKS for char in text):
        raise ValidationError(f"{rule.label} must fit on one line: please type it without "
                              "line breaks.")
    controls = control_characters_in(text, allow_newline=not rule.one_line)
    if controls:
        codes = ", ".join(describe_character(c) for c in controls[:3])
        what = "a control character" if len(controls) == 1 else "control characters"
        raise ValidationError(
            f"{rule.label} has {what} ({codes}) in it: please type it again without "
            f"{'it' if len(controls) == 1 else 'them'}."
        )
    if len(text) > rule.limit:
        raise ValidationError(
            f"{rule.label} is too long: please keep it to {rule.limit:,} characters "
            f"(it has {len(text):,})."
        )
    return text


# -- time zones ---------------------------------------------------------------------------------

# Names that load on some machines but are no place: "Factory" is tzdata's "zone unknown",
# the rest are files of the system's own zone folder.
_NOT_PLACES = frozenset({"Factory", "localtime", "posixrules"})
_SYSTEM_ONLY_PREFIXES = ("posix/", "right/")


@functools.cache
def known_timezones() -> frozenset[str]:
    """The zones of the `tzdata` package kindcheck depends on (pendulum reads it too).

    Not the system's zone folder: names found only there (`right/UTC`, `posix/...`,
    `localtime`) would make a store unreadable on a machine without them.
    """
    try:
        listing = importlib.resources.files("tzdata").joinpath("zones").read_text("utf-8")
        names = set(listing.split())
    except (ModuleNotFoundError, OSError):  # a broken install: the system list, filtered
        names = set(zoneinfo.available_timezones())
    return frozenset(
        name for name in names
        if name not in _NOT_PLACES and not name.startswith(_SYSTEM_ONLY_PREFIXES)
    )


@functools.cache
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in known_timezones()}


def check_timezone(name: str) -> str:
    """A real IANA zone in its proper spelling ("europe/berlin" -> "Europe/Berlin"), or ""
    (the leader's own) for an empty `name`; ValidationError for anything else.

    A zone read back from a file is only checked to load, as before, so an older store opens.
    """
    name = name.strip()
    if not name:
        return ""
    if not is_new_input():
        try:
            pendulum.timezone(name)
        except Exception as error:  # pendulum raises several kinds for unknown zones
            raise ValidationError(
                f"I don't know the timezone {printable(name)!r}: try a name like Europe/Berlin."
            ) from error
        return name
    check_text("timezone", name)
    known = _zones_by_folded_name().get(name.casefold())
    if known is not None:
        return known
    bare = name.split("/", 1)[1] if name.startswith(_SYSTEM_ONLY_PREFIXES) else ""
    if bare in known_timezones():
        raise ValidationError(
            f"{name!r} is a name only some computers know: please use {bare} instead."
        )
    raise ValidationError(f"I don't know the timezone {name!r}: try a name like Europe/Berlin.")


def check_name(name: str) -> str:
    """A person's name as stored: one line, spaces tidied, in NFC so that an accent typed
    precomposed or combining makes the same name; ValidationError when it cannot be one."""
    if is_new_input():
        check_text("name", name)
    name = normalized(" ".join(name.split()))
    if not name:
        raise ValidationError("A name is needed: who is this person?")
    if not is_new_input():
        return name
    if is_invisible(name):
        raise ValidationError("That name has nothing one can see in it: please type a name.")
    return check_text("name", name)
