"""What counts as text a leader can type, and how a stray character is shown.

Control characters (C0 and C1, DEL) and the bidirectional overrides and isolates can steer a
terminal or reorder what a reader sees: an ESC starts an escape sequence (OSC 52 writes the
clipboard), U+202E makes "gnp.exe" read backwards. They never belong in a note, so kindcheck
refuses them where text is typed (`control_characters_in`) and, for anything already stored
by an older version or another tool, shows each one as a visible stand-in (`printable`).
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional embeddings, overrides and isolates: U+202A-U+202E and U+2066-U+2069.
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
# Line breaks other than "\n" that Python's str.splitlines and many tools honour.
_OTHER_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


# Every character `is_control` refuses, as one class (tab is never one; newline only sometimes).
_CONTROL_CLASS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_ANY_CONTROL = re.compile(f"[\n{_CONTROL_CLASS}]")
_ANY_CONTROL_BUT_NEWLINE = re.compile(f"[{_CONTROL_CLASS}]")


def is_control(char: str, *, allow_newline: bool = False) -> bool:
    """True for a character that must not reach a terminal or a file as it is.

    Tab is allowed everywhere (it is how people indent); "\\n" only where `allow_newline`.
    """
    if char == "\t":
        return False
    if char == "\n":
        return not allow_newline
    code = ord(char)
    return (
        code < 0x20
        or 0x7F <= code <= 0x9F
        or char in _BIDI_CONTROLS
        or char in _OTHER_BREAKS
    )


def control_characters_in(text: str, *, allow_newline: bool = False) -> list[str]:
    """The distinct control characters in `text`, in order of first appearance."""
    found: list[str] = []
    for char in text:
        if is_control(char, allow_newline=allow_newline) and char not in found:
            found.append(char)
    return found


def describe_character(char: str) -> str:
    """`U+001B`, the way a message names a character that cannot be shown."""
    return f"U+{ord(char):04X}"


def printable(text: str, *, allow_newline: bool = True) -> str:
    """`text` with every control character replaced by a visible stand-in.

    C0 controls become their Control Pictures (ESC shows as ␛), everything else (C1, DEL,
    bidi controls, other line breaks) becomes U+FFFD, so a stray character is seen, not obeyed.
    """
    # Almost all text has none: one regex scan answers that, not a call per character.
    if not (_ANY_CONTROL_BUT_NEWLINE if allow_newline else _ANY_CONTROL).search(text):
        return text
    out: list[str] = []
    for char in text:
        if not is_control(char, allow_newline=allow_newline):
            out.append(char)
        elif ord(char) < 0x20:
            out.append(chr(0x2400 + ord(char)))
        elif char == "\x7f":
            out.append("\u2421")
        else:
            out.append("\ufffd")
    return "".join(out)


def normalized(text: str) -> str:
    """NFC: a name typed with a precomposed or a combining accent is the same name."""
    return unicodedata.normalize("NFC", text)


def is_invisible(text: str) -> bool:
    """True when `text` has nothing a reader could see (spaces, zero-width marks, format
    characters), so it cannot serve as a name."""
    # Unassigned and private-use code points are left out: a newer emoji or a font's icon
    # is drawn by the terminal even when this Python's Unicode tables do not know it.
    return all(
        char.isspace() or unicodedata.category(char) in ("Cf", "Cc", "Mn", "Me", "Zs")
        for char in text
    )


# Whole terminal escape sequences (ECMA-48): CSI (colours, cursor moves), OSC and other
# strings ended by BEL or ST, and two-character escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]"
)


def pasted(text: str) -> str:
    """Text as it should land from a paste: line breaks as "\\n", escape codes and control
    characters dropped.

    Text copied from a terminal or a web page often carries colour codes or stray controls;
    kept, they would reach the screen (and then be refused on save). A paste is plain text.
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(char for char in text if not is_control(char, allow_newline=True))
