"""What search looks through: every text of every person, read off the UI thread and kept.

Reading five years of notes takes a tenth of a second, so it is done once (ideally before the
leader first searches) and then kept up to date cheaply: after a change only the people whose
file was replaced are read again; everyone else's prepared texts are reused.
"""

from __future__ import annotations

import dataclasses
import threading

from kindcheck.domain.model import Person
from kindcheck.domain.search import PersonTexts, SearchCorpus, prepare
from kindcheck.store.files import signature
from kindcheck.store.shard import garbage_collection_paused
from kindcheck.store.store import Store

Signature = tuple[int, int, int]
# Per person: who they are now, and the signature of their file now.
State = tuple[tuple[Person, Signature | None], ...]


class SearchIndex:
    """The searchable texts of one store. `current()` is cheap; `build()` reads files."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._corpus: SearchCorpus | None = None
        self._state: State = ()
        # Each person's prepared texts, and the signature of the file they were read from.
        self._parts: dict[str, tuple[Signature | None, PersonTexts]] = {}
        self._lock = threading.Lock()

    def current(self) -> SearchCorpus | None:
        """The corpus if it still matches the store (a stat per person); None when it must
        be built again."""
        if self._corpus is not None and self._state == self._now():
            return self._corpus
        return None

    def build(self) -> SearchCorpus:
        """Read what changed and make the corpus (slow the first time: use a thread)."""
        with self._lock:
            state = self._now()  # taken before reading: a write meanwhile means a rebuild
            if self._corpus is not None and state == self._state:
                return self._corpus
            # Tens of thousands of texts and no garbage: the collector would only slow this.
            with garbage_collection_paused():
                parts = [self._part(person, seen) for person, seen in state]
                corpus = SearchCorpus.of(parts, self.store.moment)
            self._parts = {
                part.person.id: (seen, part)
                for part, (_person, seen) in zip(parts, state, strict=True)
            }
            self._corpus, self._state = corpus, state
            return corpus

    def _part(self, person: Person, seen: Signature | None) -> PersonTexts:
        known = self._parts.get(person.id)
        if known is None or known[0] != seen:
            return prepare(person, self.store.texts(person.id))
        part = known[1]
        return part if part.person == person else dataclasses.replace(part, person=person)

    def _now(self) -> State:
        people = self.store.people(include_archived=True)
        return tuple((p, signature(self.store.person_file(p.id))) for p in people)
