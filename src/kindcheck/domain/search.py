"""Search across everything written about people: check-ins, notes, commitments, follow-ups.

Pure and synchronous: the UI builds the entries once (from the histories it loaded off the UI
thread) and then asks `search` on every keystroke. Matching is case-insensitive and every word
of the query has to appear somewhere in an entry's text, in any order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from operator import itemgetter
from typing import Protocol

from pendulum import DateTime

from kindcheck.domain.model import NoteKind, Person, PersonHistory

DEFAULT_LIMIT = 200
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


def build_entries(
    people: Iterable[Person], histories: Mapping[str, PersonHistory]
) -> list[SearchEntry]:
    """Every non-empty text of every person, newest first."""
    entries: list[SearchEntry] = []
    for person in people:
        history = histories.get(person.id)
        if history is None:
            continue

        def add(at: DateTime, kind: EntryKind, text: str, person: Person = person) -> None:
            if text.strip():
                entries.append(SearchEntry(person.id, person.name, at, kind, text, person.archived))

        for checkin in history.checkins:
            add(checkin.at, EntryKind.HOW_THEY_ARE, checkin.how_they_are)
            add(checkin.at, EntryKind.THEIR_WORDS, checkin.their_words)
        for note in history.notes:
            kind = EntryKind.MISSING if note.kind is NoteKind.MISSING else EntryKind.PROGRESS
            add(note.at, kind, note.text)
        for commitment in history.commitments:
            add(commitment.created_at, EntryKind.COMMITMENT, commitment.text)
        for followup in history.followups:
            add(followup.at, EntryKind.FOLLOW_UP, followup.topic)
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries


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


class SearchCorpus:
    """Every searchable text of every person, kept flat: quick to build from the stored texts
    and to scan, even with years of notes. Entries are made only for the texts that match.

    `search` gives the same results on a corpus as on `build_entries` of the same histories.
    """

    def __init__(
        self,
        people_texts: Iterable[tuple[Person, Iterable[Written]]],
        moment: Callable[[object], DateTime],
    ) -> None:
        rows = [
            (written.order, person, FIELD_KINDS[written.field], written.text, written.stored)
            for person, texts in people_texts
            for written in texts
            if written.text.strip()
        ]
        # Newest first; stable, so texts of the same moment keep the order they were read in.
        rows.sort(key=itemgetter(0), reverse=True)
        self._rows = rows
        self._folded = [row[3].lower() for row in rows]
        self._moment = moment

    def __len__(self) -> int:
        return len(self._rows)

    def matching(self, words: list[str]) -> Iterator[int]:
        """Positions of the texts holding every one of `words` (lower-case), newest first."""
        first, *others = words
        for index, folded in enumerate(self._folded):
            # Most texts fail on the first word; only they skip building a generator.
            if first in folded and all(word in folded for word in others):
                yield index

    def entry(self, index: int) -> SearchEntry:
        """The full entry of the text at `index`."""
        _order, person, kind, text, stored = self._rows[index]
        at = self._moment(stored)
        return SearchEntry(person.id, person.name, at, kind, text, person.archived)


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
        for index in entries.matching(words):
            total += 1
            if len(hits) < limit:
                hits.append(_hit(entries.entry(index), pattern, width))
        return SearchResult(hits, total)
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
