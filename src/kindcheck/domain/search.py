"""Search across everything written about people: check-ins, notes, commitments, follow-ups.

Pure and synchronous: the store's search index (store/search_index.py) prepares a corpus off
the UI thread, and the screen asks `search` on every keystroke. Matching is case-insensitive
and every word of the query has to appear somewhere in an entry's text, in any order.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from heapq import merge
from itertools import compress, islice, repeat
from operator import add, itemgetter, ne
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
    def stored(self) -> tuple[str, str]: ...  # the moment as stored: ISO text, zone name


@dataclass(frozen=True, slots=True)
class PersonTexts:
    """One person's searchable texts, newest first, packed into flat buffers rather than
    several objects per text, so years of notes take little more than their own size.

    Text `i` is `texts[text_starts[i]:text_starts[i + 1]]` as written (UTF-8), and
    `folded[folded_starts[i]:folded_starts[i + 1]]` lower-cased: one string for all of them,
    as a string per text cost ~50 bytes each on top of its characters (18.8 MB of 31 MB at
    ten years). Kept and reused while the person's file does not change (see `prepare`).
    """

    person: Person
    folded: str
    folded_starts: array[int]
    texts: bytes
    text_starts: array[int]
    orders: array[float]  # when, as POSIX timestamps
    offsets: array[int]  # the UTC offset each moment was written with, in seconds
    zones: array[int]  # each moment's zone, as a place in `zone_names`
    zone_names: tuple[str, ...]
    kinds: bytes  # each text's kind, as a place in KINDS

    def __len__(self) -> int:
        return len(self.kinds)

    def text(self, index: int) -> str:
        """Text `index` as it was written."""
        starts = self.text_starts
        return self.texts[starts[index] : starts[index + 1]].decode("utf-8", "surrogatepass")

    def stored_moment(self, index: int) -> tuple[str, str]:
        """The moment of text `index` in its stored form (ISO text with offset, zone name)."""
        zone = timezone(timedelta(seconds=self.offsets[index]))
        at = datetime.fromtimestamp(self.orders[index], zone)
        return at.isoformat(), self.zone_names[self.zones[index]]


KINDS = tuple(EntryKind)
_KIND_NUMBER = {kind: number for number, kind in enumerate(KINDS)}


def prepare(person: Person, texts: Iterable[Written]) -> PersonTexts:
    """The non-blank texts of one person, newest first (stable: texts of the same moment
    keep the order they were read in)."""
    rows = [
        (written.order, FIELD_KINDS[written.field], written.text, written.stored)
        for written in texts
        if written.text.strip()
    ]
    rows.sort(key=itemgetter(0), reverse=True)
    zone_names: dict[str, int] = {}
    offsets: dict[str, int] = {}  # by the stored text: a check-in's texts share one moment
    written, text_starts = bytearray(), array("I", [0])
    moment_offsets, zones = array("i"), array("H")
    for _order, _kind, text, (moment, zone_name) in rows:
        written += text.encode("utf-8", "surrogatepass")
        text_starts.append(len(written))
        offset = offsets.get(moment)
        if offset is None:
            delta = datetime.fromisoformat(moment).utcoffset()
            offset = offsets[moment] = int(delta.total_seconds()) if delta else 0
        moment_offsets.append(offset)
        zones.append(zone_names.setdefault(zone_name, len(zone_names)))
    lowered = [row[2].lower() for row in rows]  # lower() may lengthen a text: own starts
    folded_starts = array("I", [0])
    end = 0
    for text in lowered:
        end += len(text)
        folded_starts.append(end)
    return PersonTexts(
        person,
        "".join(lowered),
        folded_starts,
        bytes(written),
        text_starts,
        array("d", [row[0] for row in rows]),
        moment_offsets,
        zones,
        tuple(zone_names),
        bytes(_KIND_NUMBER[row[1]] for row in rows),
    )


# Per person (in the corpus's order), the places of their texts that matched, newest first.
Matches = list[list[int]]


class SearchCorpus:
    """Every searchable text of every person, packed per person (see `PersonTexts`): quick
    to build from the stored texts and to scan, even with years of notes. Entries are made
    only for the matches shown.

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
        self._parts = parts
        self._size = sum(map(len, parts))
        self._moment = moment
        # Recent queries and their matches, newest last, to narrow from (see `matching`).
        self._recent: list[tuple[list[str], Matches]] = []
        self.examined = 0  # texts looked at by the latest `matching` (tests and benchmarks)

    def __len__(self) -> int:
        return self._size

    def matching(self, words: list[str]) -> Matches:
        """Per person, the places of the texts holding every one of `words` (lower-case)."""
        if not words:
            self.examined = 0
            return [[] for _ in self._parts]
        found, done = self._narrowest_start(words)
        todo = [word for word in words if word not in done]
        if found is None:
            first, *todo = todo
            found = [_holding(part, first, range(len(part))) for part in self._parts]
            self.examined = self._size
        else:
            self.examined = sum(map(len, found))
        for needle in todo:
            found = [
                _holding(part, needle, places)
                for part, places in zip(self._parts, found, strict=True)
            ]
        self._recent = [*self._recent[-(RECENT_QUERIES - 1) :], (words, found)]
        return found

    def _narrowest_start(self, words: list[str]) -> tuple[Matches | None, list[str]]:
        """The fewest matches of a recent query that every text matching `words` must also
        match (each of its words is part of one of ours), and its words; None when there
        is none."""
        best: Matches | None = None
        best_words: list[str] = []
        best_size = 0
        for earlier, found in self._recent:
            size = sum(map(len, found))
            if best is not None and size >= best_size:
                continue
            if all(any(old in new for new in words) for old in earlier):
                best, best_words, best_size = found, earlier, size
        return best, best_words

    def newest(self, found: Matches, limit: int) -> list[SearchEntry]:
        """The entries of the newest `limit` matches, newest first (people's order breaks
        ties, as it does when everything is sorted at once)."""
        parts = self._parts
        runs = [zip(repeat(number), places) for number, places in enumerate(found) if places]

        def when(place: tuple[int, int]) -> float:
            return parts[place[0]].orders[place[1]]

        newest = islice(merge(*runs, key=when, reverse=True), limit)
        return [self._entry(parts[number], index) for number, index in newest]

    def _entry(self, part: PersonTexts, index: int) -> SearchEntry:
        person = part.person
        at = self._moment(part.stored_moment(index))
        kind = KINDS[part.kinds[index]]
        return SearchEntry(person.id, person.name, at, kind, part.text(index), person.archived)


def _holding(part: PersonTexts, needle: str, places: range | list[int]) -> list[int]:
    """Those of `places` whose folded text holds `needle`: every step in C, no Python loop
    per text. `str.find` between a text's bounds looks at that text alone, copying nothing."""
    starts = part.folded_starts
    begins: Iterable[int]
    ends: Iterable[int]
    if isinstance(places, range):
        begins, ends = starts[:-1], starts[1:]
    else:
        begins, ends = (
            map(starts.__getitem__, places),
            map(starts.__getitem__, map(add, places, repeat(1))),
        )
    found = map(part.folded.find, repeat(needle), begins, ends)
    return list(compress(places, map(ne, found, repeat(-1))))


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
        hits = [_hit(entry, pattern, width) for entry in entries.newest(found, limit)]
        return SearchResult(hits, sum(map(len, found)))
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
