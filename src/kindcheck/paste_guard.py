"""A paste arrives as one piece of text, whatever escape codes were copied along with it.

Why this exists: inside a bracketed paste (between ESC[200~ and ESC[201~), Textual 8.2.8's
`XTermParser.parse` reads each ESC's sequence in its inner loop without adding it to the paste
buffer, and a sequence it does not understand is reissued as key events before the paste is
delivered. Text copied from a terminal ("line two\\x1b[31m\\ttab") then becomes keys: "^[31m"
typed into the field, a Tab that moves focus, and the paste itself landing last, in the next
field. kindcheck promises a paste lands whole, as plain text (README, "Nothing lost, nothing
garbled"; `domain.text.pasted` cleans what is left).

`PasteGuard` sits in front of the parser: while inside a bracketed paste it drops every other
escape sequence whole (CSI `ESC [ … final`, strings `ESC ] P X ^ _ … BEL or ESC \\`, and
`ESC` + intermediates + one character), so the parser sees only text and the end marker.
Markers and sequences may arrive split across reads: a partial one is carried to the next.
Outside a paste every byte passes untouched.

`install()` wraps `XTermParser.feed`, which every Textual driver (Linux, inline, web,
Windows) calls with each read; tests/unit/test_paste_guard.py pins that, so an upgrade that
changes it fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser

ESC = "\x1b"
BEL = "\x07"
# ESC followed by one of these opens a string that runs to BEL or ESC \ (OSC, DCS, SOS, PM, APC).
STRING_OPENERS = "]PX^_"
# Enough of a pending CSI to tell whether it is the end marker; the rest need not be kept.
KEEP = len(BRACKETED_PASTE_END) + 1
_GUARD = "_kindcheck_paste_guard"


def _intermediate(char: str) -> bool:
    return " " <= char <= "/"


def _parameter(char: str) -> bool:
    return "0" <= char <= "?"


class PasteGuard:
    """Filters one terminal input stream: escape sequences inside a bracketed paste are dropped."""

    def __init__(self) -> None:
        self._in_paste = False
        # Outside: the end of what went through that may be the start of a paste marker.
        self._tail = ""
        # Inside: the escape sequence read so far ("" when reading text).
        self._sequence = ""
        # Inside a string sequence: an ESC was read that may begin its terminator ESC \.
        self._string_escape = False

    @property
    def in_paste(self) -> bool:
        """True between a paste's start marker and its end marker."""
        return self._in_paste

    def feed(self, data: str) -> str:
        """What the parser should see of `data`."""
        out: list[str] = []
        rest = data
        while rest:
            rest = self._inside(rest, out) if self._in_paste else self._outside(rest, out)
        return "".join(out)

    def _outside(self, data: str, out: list[str]) -> str:
        """Pass `data` through up to and including a paste's start marker; return the rest."""
        seen = self._tail + data
        found = seen.find(BRACKETED_PASTE_START)
        if found < 0:
            out.append(data)
            self._tail = _marker_prefix(seen)
            return ""
        upto = found + len(BRACKETED_PASTE_START) - len(self._tail)
        out.append(data[:upto])
        self._tail = ""
        self._in_paste = True
        return data[upto:]

    def _inside(self, data: str, out: list[str]) -> str:
        """Pass the text of `data` through, up to the end marker; return what follows it."""
        for index, char in enumerate(data):
            if self._read(char, out):
                self._in_paste = False
                return data[index + 1 :]
        return ""

    def _read(self, char: str, out: list[str]) -> bool:
        """Take one character inside a paste; True when it completed the end marker."""
        sequence = self._sequence
        if not sequence:
            if char == ESC:
                self._sequence = ESC
            else:
                out.append(char)
            return False
        if sequence[1:2] in ("", "[") or _intermediate(sequence[1]):
            return self._read_short(char, out)
        return self._read_string(char, out)

    def _read_short(self, char: str, out: list[str]) -> bool:
        """A character after ESC, ESC [ … (CSI) or ESC + intermediates."""
        sequence = self._sequence
        csi = sequence[1:2] == "["
        if len(sequence) == 1 and (char == "[" or char in STRING_OPENERS):
            self._sequence = ESC + char
        elif (csi and _parameter(char)) or _intermediate(char):
            self._sequence = (sequence + char)[:KEEP]
        elif ("@" if csi else "0") <= char <= "~":
            self._sequence = ""  # complete: dropped, unless it is the end marker
            if sequence + char == BRACKETED_PASTE_END:
                out.append(BRACKETED_PASTE_END)
                return True
        else:
            # Not part of a sequence (a control, another ESC, any other text): the broken
            # sequence is dropped and the character read afresh, so an end marker still counts.
            self._sequence = ""
            return self._read(char, out)
        return False

    def _read_string(self, char: str, out: list[str]) -> bool:
        """A character inside ESC ] … (or P X ^ _), which ends at BEL or ESC \\."""
        if self._string_escape:
            self._string_escape = False
            self._sequence = ""
            if char == "\\":
                return False
            # An unterminated string ends at the next ESC, which starts a sequence of its own.
            self._sequence = ESC
            return self._read(char, out)
        if char == BEL:
            self._sequence = ""
        elif char == ESC:
            self._string_escape = True
        return False


def _marker_prefix(seen: str) -> str:
    """The longest end of `seen` that could be the start of a paste's start marker."""
    for length in range(min(len(seen), len(BRACKETED_PASTE_START) - 1), 0, -1):
        if BRACKETED_PASTE_START.startswith(seen[-length:]):
            return seen[-length:]
    return ""


def guarded(feed: Callable[[XTermParser, str], Iterable[Any]]) -> Callable[..., Iterable[Any]]:
    """`XTermParser.feed` with each parser's input passed through its own `PasteGuard`."""

    def feed_through_guard(parser: XTermParser, data: str) -> Iterable[Any]:
        guard = parser.__dict__.get(_GUARD)
        if guard is None:
            guard = parser.__dict__[_GUARD] = PasteGuard()
        if not data:
            return feed(parser, data)  # "" is how a driver says the input has ended
        kept = guard.feed(data)
        # Everything dropped or carried: feeding "" would tell the parser the input ended.
        return feed(parser, kept) if kept else ()

    feed_through_guard.__wrapped__ = feed  # type: ignore[attr-defined]
    setattr(feed_through_guard, _GUARD, True)
    return feed_through_guard


def install() -> None:
    """Put a `PasteGuard` in front of every terminal parser Textual creates (once)."""
    if getattr(XTermParser.feed, _GUARD, False):
        return
    XTermParser.feed = guarded(XTermParser.feed)  # type: ignore[method-assign]
