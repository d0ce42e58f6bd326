"""Search's index lives in the store and stays cheap to keep current: after a change only the
changed person's file is read again, and each keystroke narrows the previous one's matches."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindcheck.demo import load_demo
from kindcheck.domain.model import Note, NoteKind
from kindcheck.domain.search import SearchCorpus, search
from kindcheck.store.search_index import SearchIndex
from kindcheck.store.store import Store
from tests.conftest import NOW, build_small_team
from tests.unit.search_oracle import entries_of

SRC = Path(__file__).resolve().parents[2] / "src" / "kindcheck"


def _counting_reads(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the people whose texts the store is asked for, in order."""
    asked: list[str] = []
    real = store.texts

    def texts(person_id: str):  # type: ignore[no-untyped-def]
        asked.append(person_id)
        return real(person_id)

    monkeypatch.setattr(store, "texts", texts)
    return asked


def test_a_change_reads_again_only_the_person_it_was_about(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    team = build_small_team(store)
    asked = _counting_reads(store, monkeypatch)
    index = SearchIndex(store)
    first = index.build()
    assert sorted(asked) == sorted(p.id for p in store.people(include_archived=True))
    assert index.current() is first

    asked.clear()
    store.add_note(Note(team["sam"].id, NoteKind.PROGRESS, "Calmed an angry customer", NOW))
    assert index.current() is None
    corpus = index.build()
    assert asked == [team["sam"].id]
    assert [h.entry.text for h in search(corpus, "angry customer").hits] == [
        "Calmed an angry customer"
    ]
    # Everything else is found as before, exactly as the careful path finds it.
    careful = entries_of(store.people(include_archived=True), store.histories())
    for query in ("the", "staging", "a"):
        assert search(corpus, query) == search(careful, query), query


def test_a_new_name_shows_without_reading_any_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    mika = build_small_team(store)["mika"]
    index = SearchIndex(store)
    index.build()
    asked = _counting_reads(store, monkeypatch)
    mika.name = "Mika Tanaka-Berg"
    store.update_person(mika)
    hits = search(index.build(), "onboarding").hits
    assert asked == []
    assert [h.entry.person_name for h in hits] == ["Mika Tanaka-Berg"]


def test_each_letter_more_looks_only_among_the_last_matches(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kindcheck.json")
    load_demo(store, NOW, people=4, weeks=20, seed=2)
    corpus = SearchIndex(store).build()
    search(corpus, "s")
    assert corpus.examined == len(corpus)
    before = search(corpus, "st").total
    assert corpus.examined == search(corpus, "s").total  # only what "s" found
    search(corpus, "st")
    search(corpus, "sta")
    assert corpus.examined == before
    # A word more, or a letter taken back, narrows from the best earlier query too.
    search(corpus, "sta e")
    assert corpus.examined <= search(corpus, "sta").total
    search(corpus, "st")
    assert corpus.examined == before


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(queries=st.lists(st.text(alphabet="aeinorst ÄéTS", max_size=6), min_size=1, max_size=8))
def test_narrowing_finds_what_a_fresh_corpus_finds(store: Store, queries: list[str]) -> None:
    if not store.people():
        build_small_team(store)
    people = store.people(include_archived=True)
    kept = SearchCorpus(((p, store.texts(p.id)) for p in people), store.moment)
    for query in queries:
        fresh = SearchCorpus(((p, store.texts(p.id)) for p in people), store.moment)
        assert search(kept, query) == search(fresh, query), (queries, query)
        if query.split():  # a blank query looks at nothing at all
            assert kept.examined <= fresh.examined


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_search_screen_reads_no_store_files_itself() -> None:
    imported = _imports(SRC / "screens" / "search.py")
    assert not imported & {"kindcheck.store.files", "kindcheck.store.shard"}
    assert "kindcheck.store.search_index" in imported


@pytest.mark.parametrize(
    "module",
    [
        *sorted((SRC / "store").glob("*.py")),
        SRC / "domain" / "search.py",
        SRC / "domain" / "insights.py",
        SRC / "domain" / "nudges.py",
    ],
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_store_search_and_insights_modules_stay_small(module: Path) -> None:
    lines = len(module.read_text("utf-8").splitlines())
    assert lines <= 400, f"{module.name} has {lines} lines"
