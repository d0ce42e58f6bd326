"""The pure search: which entries match a query, and where the matches sit in the snippet."""

from __future__ import annotations

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from kindcheck.domain.model import (
    CheckIn,
    Commitment,
    FollowUp,
    Note,
    NoteKind,
    Person,
    PersonHistory,
)
from kindcheck.domain.search import (
    ELLIPSIS,
    EntryKind,
    SearchEntry,
    make_snippet,
    query_words,
    search,
)
from tests.unit.search_oracle import entries_of

NOW = pendulum.datetime(2026, 11, 23, 9, 30, tz="Europe/Berlin")


def entry(text: str, days_ago: int = 0, name: str = "Ada Lovelace") -> SearchEntry:
    return SearchEntry("p1", name, NOW.subtract(days=days_ago), EntryKind.PROGRESS, text)


def highlighted(hit_snippet: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [hit_snippet[start:end] for start, end in spans]


def test_every_kind_of_text_becomes_an_entry_newest_first() -> None:
    ada = Person("Ada Lovelace")
    old, new = NOW.subtract(days=20), NOW.subtract(days=2)
    checkin = CheckIn(ada.id, old, how_they_are="Tired after the move", their_words="I own QA")
    history = PersonHistory(
        ada.id,
        checkins=[checkin],
        notes=[
            Note(ada.id, NoteKind.MISSING, "No staging logs", new),
            Note(ada.id, NoteKind.PROGRESS, "Shipped export", old),
        ],
        commitments=[Commitment(ada.id, "Ask ops for access", new)],
        followups=[FollowUp(ada.id, NOW.add(days=3), "Staging access"), FollowUp(ada.id, NOW)],
    )
    entries = entries_of([ada], {ada.id: history})
    kinds = {e.kind for e in entries}
    assert kinds == set(EntryKind)
    assert len(entries) == 6  # the follow-up without a topic has nothing to search
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert entries[0].text == "Staging access"


def test_people_without_a_history_are_skipped_and_archived_is_kept() -> None:
    gone = Person("Old Friend", archived=True)
    here = Person("Sam Okafor")
    history = PersonHistory(gone.id, notes=[Note(gone.id, NoteKind.PROGRESS, "Mentored", NOW)])
    entries = entries_of([gone, here], {gone.id: history})
    assert len(entries) == 1
    assert entries[0].archived is True


def test_matching_ignores_case_and_word_order() -> None:
    entries = [entry("Needs access to the Staging LOGS"), entry("Enjoyed the offsite")]
    result = search(entries, "logs staging")
    assert [h.entry.text for h in result.hits] == ["Needs access to the Staging LOGS"]
    hit = result.hits[0]
    assert highlighted(hit.snippet, hit.spans) == ["Staging", "LOGS"]


def test_every_word_has_to_be_there() -> None:
    entries = [entry("staging logs"), entry("staging environment")]
    assert search(entries, "staging logs").total == 1
    assert search(entries, "staging").total == 2


def test_an_empty_query_finds_nothing() -> None:
    assert search([entry("anything")], "   ").hits == []


def test_special_characters_are_matched_literally() -> None:
    entries = [entry("Budget (Q3) +20% for C++ course"), entry("Budget Q3")]
    result = search(entries, "(q3) c++")
    assert result.total == 1
    hit = result.hits[0]
    assert highlighted(hit.snippet, hit.spans) == ["(Q3)", "C++"]


def test_results_keep_the_given_order_and_respect_the_limit() -> None:
    entries = [entry(f"note {n} about growth", days_ago=n) for n in range(10)]
    result = search(entries, "growth", limit=3)
    assert [h.entry.text for h in result.hits] == [
        "note 0 about growth",
        "note 1 about growth",
        "note 2 about growth",
    ]
    assert result.total == 10
    assert result.truncated


def test_query_words_are_distinct_and_longest_first() -> None:
    assert query_words("Go  golang go") == ["golang", "go"]


def test_line_breaks_become_spaces_in_the_snippet() -> None:
    hit = search([entry("first line\nsecond line with coffee")], "coffee").hits[0]
    assert "\n" not in hit.snippet
    assert highlighted(hit.snippet, hit.spans) == ["coffee"]


def test_a_long_text_is_cut_around_the_first_match() -> None:
    text = "word " * 40 + "the precious needle here " + "tail " * 40
    hit = search([entry(text)], "needle", width=40).hits[0]
    assert len(hit.snippet) == 40
    assert hit.snippet.startswith(ELLIPSIS)
    assert hit.snippet.endswith(ELLIPSIS)
    assert highlighted(hit.snippet, hit.spans) == ["needle"]


def test_a_short_text_is_shown_whole() -> None:
    assert make_snippet("short", 0, 40) == ("short", 0)


@given(
    text=st.text(alphabet="ab cdé\nxyz", min_size=1, max_size=300),
    word=st.sampled_from(["a", "b", "cd", "é", "xyz"]),
    width=st.integers(min_value=10, max_value=120),
)
def test_spans_always_point_at_the_query_inside_the_snippet(
    text: str, word: str, width: int
) -> None:
    result = search([entry(text)], word, width=width)
    if word not in text.lower():
        assert result.total == 0
        return
    hit = result.hits[0]
    assert len(hit.snippet) <= max(width, 10)
    for start, end in hit.spans:
        assert 0 <= start < end <= len(hit.snippet)
        shown = hit.snippet[start:end]
        # A match cut by the edge shows partly, behind an ellipsis.
        assert shown.lower() == word or ELLIPSIS in shown or word.startswith(shown.lower())
