"""kindcheck.paste_guard: escape codes inside a bracketed paste never become keys.

These feed Textual's real terminal parser (XTermParser), through the guard, the way a driver
does: one read at a time, split anywhere. They also pin the Textual internals the guard leans
on, so an upgrade that changes them fails loudly instead of letting pasted codes turn into keys
again.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START, XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from kindcheck import paste_guard
from kindcheck.app import KindcheckApp
from kindcheck.paste_guard import PasteGuard, guarded
from kindcheck.store.store import Store

START, END = BRACKETED_PASTE_START, BRACKETED_PASTE_END
FOUND = "line one\nline two\x1b[31m\ttab"  # what was found by pasting in tmux


# Textual's own feed, whether or not an app in this test run has installed the guard yet.
BARE_FEED = getattr(XTermParser.feed, "__wrapped__", XTermParser.feed)


class BareParser(XTermParser):
    feed = BARE_FEED  # type: ignore[assignment]


class GuardedParser(XTermParser):
    feed = guarded(BARE_FEED)  # type: ignore[assignment]


def parse(chunks: list[str], parser_class: type[XTermParser] = GuardedParser) -> list[Message]:
    parser = parser_class()
    return [message for chunk in chunks for message in parser.feed(chunk)]


def split_at(text: str, cuts: list[int]) -> list[str]:
    points = sorted({0, len(text), *cuts})
    return [text[a:b] for a, b in pairwise(points) if b > a]


def typed(messages: list[Message]) -> list[tuple[str, str]]:
    """Keys and pastes, in order, as (kind, text)."""
    out = []
    for message in messages:
        if isinstance(message, events.Paste):
            out.append(("paste", message.text))
        elif isinstance(message, events.Key):
            out.append(("key", message.key))
    return out


def test_without_the_guard_the_found_paste_turns_into_keys() -> None:
    # The bug, on the bare parser: "^[31m", a Tab and "tab" as keys, then the paste, last.
    got = typed(parse([START + FOUND + END], BareParser))
    keys = ["circumflex_accent", "left_square_bracket", "3", "1", "m", "tab", "t", "a", "b"]
    assert got == [("key", key) for key in keys] + [("paste", "line one\nline two")]


def test_the_found_paste_arrives_whole_split_at_every_position() -> None:
    wire = START + FOUND + END
    for cut in range(len(wire) + 1):
        got = typed(parse(split_at(wire, [cut])))
        assert got == [("paste", "line one\nline two\ttab")], cut
    got = typed(parse(list(wire)))  # one character per read
    assert got == [("paste", "line one\nline two\ttab")]


def test_keys_around_a_paste_still_arrive_and_escapes_outside_it_are_keys() -> None:
    wire = "a\x1b[A" + START + "x\x1b]0;title\x07y" + END + "b"
    for cut in range(len(wire) + 1):
        got = typed(parse(split_at(wire, [cut])))
        assert got == [("key", "a"), ("key", "up"), ("paste", "xy"), ("key", "b")], cut


def test_broken_sequences_in_a_paste_do_not_swallow_its_end() -> None:
    # A lone ESC, a CSI cut short, an OSC never terminated: each ends where the marker begins.
    for inside in ["a\x1b", "a\x1b[2", "a\x1b]0;never ended", "a\x1b(", "a\x1b\x1b"]:
        got = typed(parse([START + inside + END + "z"]))
        assert got == [("paste", "a"), ("key", "z")], inside


def test_two_pastes_in_a_row_each_arrive() -> None:
    got = typed(parse([START + "one\x1b[0m" + END + START + "\x1b[1mtwo" + END]))
    assert got == [("paste", "one"), ("paste", "two")]


def test_a_read_holding_only_codes_does_not_end_the_input() -> None:
    # Feeding "" would tell the parser the input ended; a read the guard empties must not.
    parser = GuardedParser()
    list(parser.feed(START + "a"))
    assert list(parser.feed("\x1b[31m")) == []
    assert not parser.is_eof
    assert typed(list(parser.feed("b" + END))) == [("paste", "ab")]


TEXT = st.text(st.characters(exclude_characters="\x1b", codec="utf-8"), max_size=12)
CSI = st.builds(
    lambda params, final: "\x1b[" + params + final,
    st.text(st.sampled_from("0123456789;:<=>?"), max_size=6),
    st.sampled_from("@ABCDHJKmhlrtu~"),
)
STRING_BODY = st.text(st.characters(exclude_characters="\x1b\x07", codec="utf-8"), max_size=8)
STRING = st.builds(
    lambda opener, body, end: "\x1b" + opener + body + end,
    st.sampled_from("]P_^X"),
    STRING_BODY,
    st.sampled_from(["\x07", "\x1b\\"]),
)
SHORT = st.builds(
    lambda middle, final: "\x1b" + middle + final,
    st.text(st.sampled_from(" !#$%()*+-./"), max_size=2),
    st.sampled_from("0=>78cDEMNOZabz~"),
)
SEQUENCE = st.one_of(CSI, STRING, SHORT)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.tuples(TEXT, SEQUENCE), max_size=6),
    last=TEXT,
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=8),
)
def test_any_text_with_codes_in_a_paste_gives_one_paste_of_the_text(
    pieces: list[tuple[str, str]], last: str, cuts: list[int]
) -> None:
    inside = "".join(text + code for text, code in pieces) + last
    wire = START + inside + END
    got = typed(parse(split_at(wire, [cut % (len(wire) + 1) for cut in cuts])))
    plain = ("".join(text for text, _ in pieces) + last).replace("\x00", "")
    assert got == [("paste", plain)]


def test_guard_alone_passes_text_and_the_end_marker() -> None:
    guard = PasteGuard()
    assert guard.feed("ab\x1b[2") == "ab\x1b[2"  # outside a paste: untouched
    assert guard.feed("00~x\x1b[3") == "00~x" and guard.in_paste
    assert guard.feed("1mz\x1b[20") == "z"
    assert guard.feed("1~\x1b[A") == END + "\x1b[A" and not guard.in_paste


def test_the_app_installs_the_guard(store: Store) -> None:
    XTermParser.feed = getattr(XTermParser.feed, "__wrapped__", XTermParser.feed)
    assert not getattr(XTermParser.feed, "_kindcheck_paste_guard", False)
    KindcheckApp(store)
    assert getattr(XTermParser.feed, "_kindcheck_paste_guard", False)
    paste_guard.install()  # a second install does not wrap twice
    assert not getattr(XTermParser.feed.__wrapped__, "_kindcheck_paste_guard", False)


# What the guard relies on in Textual. On an upgrade, re-read XTermParser.parse (does a paste
# still drop or reissue the escape sequences inside it?) and the drivers' input loops.


def test_textual_is_the_version_the_guard_was_checked_against() -> None:
    assert version("textual") == "8.2.8"


def test_the_parser_still_reissues_codes_inside_a_paste_as_keys() -> None:
    # textual/_xterm_parser.py, XTermParser.parse: inside a paste only characters other than
    # ESC go to paste_buffer; an ESC's sequence is read in the inner loop and, not understood,
    # goes to reissue_sequence_as_keys. If this fails, Textual may have fixed it upstream.
    source = inspect.getsource(XTermParser.parse)
    assert "paste_buffer.append(character)" in source
    assert "reissue_sequence_as_keys(sequence" in source
    assert 'pasted_text = "".join(paste_buffer[:-1])' in source


def test_drivers_still_feed_each_read_to_an_xterm_parser() -> None:
    # textual/drivers/linux_driver.py, LinuxDriver.run_input_thread: `parser = XTermParser(...)`,
    # `feed = parser.feed`, then feed(decoded read) per read and feed("") at the end.
    source = inspect.getsource(LinuxDriver.run_input_thread)
    assert "XTermParser(" in source
    assert "feed = parser.feed" in source
