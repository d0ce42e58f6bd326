"""A person's short name on the calendar ("Ada"): the first word, literally, unless that
would say nothing ("#" for "# Evil Corp") or push everything else off the line."""

from __future__ import annotations

SHORT_MOST = 16  # characters; a longer short name is cut and ends in "…"


def first_words(name: str) -> list[str]:
    """The words up to and including the first one holding a letter or digit (all of them
    when none does): "# Evil Corp" gives ["#", "Evil"]."""
    words = name.split()
    for index, word in enumerate(words):
        if any(char.isalnum() for char in word):
            return words[: index + 1]
    return words


def cut_short(text: str) -> str:
    """`text` cut to SHORT_MOST characters, ending in "…" when cut."""
    if len(text) <= SHORT_MOST:
        return text
    return text[: SHORT_MOST - 1].rstrip() + "…"


def first_name(name: str) -> str:
    """The short name of someone nobody shares it with."""
    return cut_short(" ".join(first_words(name)))


def first_name_key(name: str) -> str:
    """What two people must share to need telling apart."""
    return " ".join(first_words(name)).casefold()


def with_initial(name: str) -> str:
    """The short name with the last word's initial, for two who share a first name."""
    first = first_words(name)
    words = name.split()
    if len(words) <= len(first):
        return first_name(name)
    return f"{cut_short(' '.join(first))} {words[-1][0]}."
