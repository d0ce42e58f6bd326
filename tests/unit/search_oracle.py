"""The careful way to list what search looks through: every record built, then every text of
it made an entry, newest first. The quick path (`SearchCorpus` over the stored texts) must
give exactly the same results; tests compare the two."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pendulum import DateTime

from kindcheck.domain.model import NoteKind, Person, PersonHistory
from kindcheck.domain.search import EntryKind, SearchEntry


def entries_of(
    people: Iterable[Person], histories: Mapping[str, PersonHistory]
) -> list[SearchEntry]:
    """Every non-blank text of every person with a history, newest first (stable)."""
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
