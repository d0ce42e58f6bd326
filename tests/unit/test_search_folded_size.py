"""The lower-cased copy search keeps per person is one string, not one per text (issue #11:
at ten years the per-text strings were 18.8 MB of the index's 31 MB)."""

from __future__ import annotations

import sys
from dataclasses import dataclass

import pendulum

from kindcheck.domain.model import Person
from kindcheck.domain.search import SearchCorpus, prepare, search

AT = pendulum.datetime(2026, 1, 5, 9, 0, tz="Europe/Berlin")


@dataclass(frozen=True)
class Text:
    field: str
    text: str
    order: float
    stored: tuple[str, str]


def texts(count: int) -> list[Text]:
    return [
        Text("progress", f"Shipped Part {n} of the EXPORT", AT.timestamp() + n,
             (AT.add(seconds=n).isoformat(), "Europe/Berlin"))
        for n in range(count)
    ]  # fmt: skip


def retained(value: object) -> int:
    """Bytes held by `value`, counting the items of a list or tuple too."""
    size = sys.getsizeof(value)
    if isinstance(value, list | tuple):
        size += sum(sys.getsizeof(item) for item in value)
    return size


def test_folded_copy_costs_little_more_than_its_characters() -> None:
    part = prepare(Person("Ann"), texts(2000))
    characters = sum(len(t.text) for t in texts(2000))
    # One string per text costs ~50 bytes of header each on top of its characters.
    assert retained(part.folded) < characters * 1.2


def test_matches_stay_within_one_text() -> None:
    # "export" ends text 0 and "shipped" starts text 1: no match across the join.
    ann = Person("Ann")
    corpus = SearchCorpus([(ann, texts(2))], lambda stored: pendulum.parse(stored[0]))
    assert search(corpus, "exportshipped").total == 0
    assert search(corpus, "part 1").total == 1  # words in any text, case folded
    assert search(corpus, "EXPORT").total == 2
