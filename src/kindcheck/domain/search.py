"""Search across everything written about people: check-ins, notes, commitments, follow-ups.

Pure and synchronous: the store's search index (store/search_index.py) prepares a corpus off
the UI thread, and the screen asks `search` on every keystroke. Matching is case-insensitive
and every word of the query has to appear somewhere in an entry's text, in any order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import chain, repeat
from operator import itemgetter
from typing import Protocol

from pendulum import DateTime

from kindcheck.domain.model import Person

DEFAULT_LIMIT = 200
# How many earlier queries a corpus keeps to narrow the next one from (backspace included).
RECENT_QUERIES = 16
SNIPPET_WIDTH = 80
ELLIPSIS = "…"


class EntryKind(StrEnum):
    """Which part of a person's history an entry comes from (the words shown in results)."""

    HOW_THEY_ARE = "how they are"
    THEIR_WORDS = "their words"
    PROGRESS = "progress"
    MISSING = "missing"
    COMMITMENT = "commitment"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One searchable piece of text, with where it came from."""

    person_id: str
    person_name: str
    at: DateTime
    kind: EntryKind
    text: str
    archived: bool = False
    # Lower-cased once here so each keystroke only pays for a substring test.
    folded: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", self.text.lower())


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An entry that matched, with a one-line snippet and where the matches sit in it."""

    entry: SearchEntry
    snippet: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[SearchHit]
    total: int  # how many entries matched, even beyond the limit

    @property
    def truncated(self) -> bool:
        return self.total > len(self.hits)


# Where a written text comes from (as the store names it) and how results call it.
FIELD_KINDS = {
    "how_they_are": EntryKind.HOW_THEY_ARE,
    "their_words": EntryKind.THEIR_WORDS,
    "progress": EntryKind.PROGRESS,
    "missing": EntryKind.MISSING,
    "commitment": EntryKind.COMMITMENT,
    "topic": EntryKind.FOLLOW_UP,
}


class Written(Protocol):
    """One text as the store reads it for searching (`Store.texts`)."""

    @property
    def field(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def order(self) -> float: ...
    @property
    def stored(self) -> object: ...


@dataclass(frozen=True, slots=True)
class PersonTexts:
    """One person's searchable texts, newest first, folded once: kept and reused while
    their file does not change (see `prepare`)."""

    person: Person
    orders: list[float]
    kinds: list[EntryKind]
    texts: list[str]
    folded: list[str]
    stored: list[object]


def prepare(person: Person, texts: Iterable[Written]) -> PersonTexts:
    """The non-blank texts of one person, newest first (stable: texts of the same moment
    keep the order they were read in)."""
    rows = [
        (written.order, FIELD_KINDS[written.field], written.text, written.stored)
        for written in texts
        if written.text.strip()
    ]
    rows.sort(key=itemgetter(0), reverse=True)
    return PersonTexts(
        person,
        [row[0] for row in rows],
        [row[1] for row in rows],
        [row[2] for row in rows],
        [row[2].lower() for row in rows],
        [row[3] for row in rows],
    )


class SearchCorpus:
    """Every searchable text of every person, kept flat in columns: quick to build from the
    stored texts and to scan, even with years of notes. Entries are made only for the texts
    that match.

    A query that only adds to the one before (another letter, another word) is looked for
    among the earlier query's matches alone, so each keystroke gets cheaper as it narrows.
    """

    def __init__(
        self,
        people_texts: Iterable[tuple[Person, Iterable[Written]]],
        moment: Callable[[object], DateTime],
    ) -> None:
        self._fill([prepare(person, texts) for person, texts in people_texts], moment)

    @classmethod
    def of(cls, parts: Iterable[PersonTexts], moment: Callable[[object], DateTime]) -> SearchCorpus:
        """A corpus from texts already prepared (the same as building it from their texts)."""
        corpus = cls.__new__(cls)
        corpus._fill(list(parts), moment)
        return corpus

    def _fill(self, parts: list[PersonTexts], moment: Callable[[object], DateTime]) -> None:
        # Every column flat, people one after another; `_ranked` lists the flat positions
        # newest first. Sorting is stable, so the people's order breaks ties, and each part
        # is sorted already, so this only merges runs. All of it runs in C, not per text.
        flat = chain.from_iterable
        orders = list(flat(part.orders for part in parts))
        self._ranked = sorted(range(len(orders)), key=orders.__getitem__, reverse=True)
        folded = list(flat(part.folded for part in parts))
        self._folded = list(map(folded.__getitem__, self._ranked))
        self._texts = list(flat(part.texts for part in parts))
        self._kinds = list(flat(part.kinds for part in parts))
        self._stored = list(flat(part.stored for part in parts))
        self._people = list(flat(repeat(part.person, len(part.texts)) for part in parts))
        self._moment = moment
        # Recent queries and their matches, newest last, to narrow from (see `matching`).
        self._recent: list[tuple[list[str], list[int]]] = []
        self.examined = 0  # texts looked at by the latest `matching` (tests and benchmarks)

    def __len__(self) -> int:
        return len(self._folded)

    def matching(self, words: list[str]) -> list[int]:
        """Positions of the texts holding every one of `words` (lower-case), newest first."""
        if not words:
            self.examined = 0
            return []
        folded = self._folded
        todo = words
        candidates = self._narrowest_start(words)
        if candidates is None:
            first, *todo = words
            candidates = [index for index, text in enumerate(folded) if first in text]
            self.examined = len(folded)
        else:
            self.examined = len(candidates)
        for word in todo:
            candidates = [index for index in candidates if word in folded[index]]
        self._recent = [*self._recent[-(RECENT_QUERIES - 1) :], (words, candidates)]
        return candidates

    def _narrowest_start(self, words: list[str]) -> list[int] | None:
        """The fewest matches of a recent query that every text matching `words` must also
        match (each of its words is part of one of ours); None when there is none."""
        best: list[int] | None = None
        for earlier, found in self._recent:
            if best is not None and len(found) >= len(best):
                continue
            if all(any(old in new for new in words) for old in earlier):
                best = found
        return best

    def entry(self, index: int) -> SearchEntry:
        """The full entry of the text at `index`."""
        row = self._ranked[index]
        person, at = self._people[row], self._moment(self._stored[row])
        return SearchEntry(
            person.id, person.name, at, self._kinds[row], self._texts[row], person.archived
        )


def query_words(query: str) -> list[str]:
    """The distinct words of a query, longest first (so highlights prefer the longer match)."""
    words = {word.lower() for word in query.split()}
    return sorted(words, key=lambda w: (-len(w), w))


def search(
    entries: Iterable[SearchEntry] | SearchCorpus,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    width: int = SNIPPET_WIDTH,
) -> SearchResult:
    """Entries containing every word of `query` (any case, any order), in the given order."""
    words = query_words(query)
    if not words:
        return SearchResult([], 0)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    hits: list[SearchHit] = []
    total = 0
    if isinstance(entries, SearchCorpus):
        found = entries.matching(words)
        hits = [_hit(entries.entry(index), pattern, width) for index in found[:limit]]
        return SearchResult(hits, len(found))
    for entry in entries:
        if not all(word in entry.folded for word in words):
            continue
        total += 1
        if len(hits) < limit:
            hits.append(_hit(entry, pattern, width))
    return SearchResult(hits, total)


def _hit(entry: SearchEntry, pattern: re.Pattern[str], width: int) -> SearchHit:
    line = " ".join(entry.text.split())
    spans = [match.span() for match in pattern.finditer(line)]
    snippet, offset = make_snippet(line, spans[0][0] if spans else 0, width)
    visible = tuple(
        (max(start - offset, 0), min(end - offset, len(snippet)))
        for start, end in spans
        if start - offset < len(snippet) and end - offset > 0
    )
    return SearchHit(entry, snippet, visible)


def make_snippet(line: str, focus: int, width: int) -> tuple[str, int]:
    """A window of about `width` characters of `line` showing position `focus`.

    Returns the snippet and the offset in `line` where it starts.
    """
    width = max(width, 10)
    if len(line) <= width:
        return line, 0
    # Keep a little context before the first match so it does not start the line cold.
    start = max(0, min(focus - width // 4, len(line) - width))
    end = start + width
    text = line[start:end]
    # An ellipsis replaces the first or last character, so positions in `text` stay aligned.
    if start > 0:
        text = ELLIPSIS + text[1:]
    if end < len(line):
        text = text[:-1] + ELLIPSIS
    return text, start
