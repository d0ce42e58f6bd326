"""Search every check-in, note, commitment and follow-up of everyone, as you type."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from kindcheck.domain.clock import Clock
from kindcheck.domain.search import SearchCorpus, SearchHit, SearchResult, search
from kindcheck.key_order import TypingGoesToText
from kindcheck.store.errors import StoreError
from kindcheck.store.search_index import SearchIndex
from kindcheck.store.store import Store
from kindcheck.widgets.app_link import ShowsPersonalText, ShowsStore
from kindcheck.widgets.hint_line import update_hint
from kindcheck.widgets.key_footer import KeyFooter
from kindcheck.widgets.literal import shown
from kindcheck.widgets.privacy import MASK, PrivacyBanner, is_masked

# Results drawn at once: a screenful or two. Drawing is what costs (a search takes a few ms at
# five years, drawing 200 results took 20); moving down past them shows the next ones.
PAGE = 50
# How near the last result drawn the cursor comes before the next page is drawn.
PAGE_AHEAD = 5


def hit_prompt(hit: SearchHit, masked: bool) -> Text:
    """Two lines: who, when and what kind; then the snippet with the matches highlighted."""
    entry = hit.entry
    head = Text.assemble((shown(entry.person_name, one_line=True), "bold"))
    if entry.archived:
        head.append(" (archived)", style="dim")
    head.append(f" · {entry.at.format('ddd D MMM YYYY')} · {entry.kind}", style="dim")
    if masked:
        return Text.assemble(head, "\n  ", (MASK, "dim"))
    # One stand-in per stray character, so the match spans still line up.
    snippet = Text(shown(hit.snippet, one_line=True))
    for start, end in hit.spans:
        snippet.stylize("bold reverse", start, end)
    return Text.assemble(head, "\n  ", snippet)


class SearchScreen(ShowsStore, ShowsPersonalText, TypingGoesToText, Screen[str | None]):
    """Type to search; enter goes to the person of the highlighted result."""

    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#search-input"
    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the dashboard", id="search.back"),
        Binding("down", "move(1)", "Next result", show=False, id="search.next"),
        Binding("up", "move(-1)", "Previous result", show=False, id="search.previous"),
        Binding(
            "enter",
            "open",
            "Go to person",
            tooltip="Go to the person of the highlighted result",
            id="search.open",
        ),
    ]

    def __init__(self, store: Store, clock: Clock, index: SearchIndex | None = None) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.index = index or SearchIndex(store)
        self.entries: SearchCorpus | None = None
        self.result = SearchResult([], 0)
        self._search_due = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrivacyBanner()
        with Vertical(id="search-box"):
            yield Input(id="search-input", placeholder="Search every check-in, note and commitment")
            yield Static("", id="search-status")
            yield OptionList(id="search-results")
        yield KeyFooter()  # changed in place on each focus move

    def on_mount(self) -> None:
        self.reload()

    def privacy_changed(self, masked: bool) -> None:
        self._show_result()

    def reload(self) -> None:
        """Use the cached entries if the store has not changed; otherwise read them again."""
        self.entries = self.index.current()
        if self.entries is None:
            self._status("Reading your notes…")
            self._load()
        else:
            self._run_search()

    @work(thread=True, exclusive=True, group="search-index", exit_on_error=False)
    def _load(self) -> None:
        try:
            entries = self.index.build()
        except StoreError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            self.app.call_from_thread(self._status, "I could not read the notes.")
            return
        self.app.call_from_thread(self._loaded, entries)

    def _loaded(self, entries: SearchCorpus) -> None:
        self.entries = entries
        self._run_search()

    @property
    def query_text(self) -> str:
        return self.query_one("#search-input", Input).value

    @on(Input.Changed, "#search-input")
    def _typed(self) -> None:
        # Search on every key, but once for keys that came together (a paste, a burst of
        # typing): the letters are drawn first, the results straight after.
        if not self._search_due:
            self._search_due = True
            self.call_after_refresh(self._run_search)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self.action_open()

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self) -> None:
        self.action_open()

    def _run_search(self) -> None:
        self._search_due = False
        if self.entries is None:
            return
        self.result = search(self.entries, self.query_text, limit=PAGE, width=self._width)
        self._show_result()

    @property
    def _width(self) -> int:
        return max(self.size.width - 8, 20)

    def _show_result(self) -> None:
        results = self.query_one("#search-results", OptionList)
        results.set_options(self._options(self.result.hits))
        if self.result.hits:
            results.highlighted = 0
        self._status(self._describe())

    def _options(self, hits: list[SearchHit], first: int = 0) -> list[Option]:
        masked = is_masked(self)
        return [
            Option(hit_prompt(hit, masked), id=str(number))
            for number, hit in enumerate(hits, start=first)
        ]

    @on(OptionList.OptionHighlighted, "#search-results")
    def _near_the_end(self, event: OptionList.OptionHighlighted) -> None:
        """Draw the next page of results as the cursor comes near the last one drawn."""
        shown = len(self.result.hits)
        if self.entries is None or not self.result.truncated:
            return
        if event.option_index < shown - PAGE_AHEAD:
            return
        more = search(self.entries, self.query_text, limit=shown + PAGE, width=self._width)
        if more.hits[:shown] != self.result.hits:
            return  # the notes changed under us: the next search redraws them all
        self.result = more
        results = self.query_one("#search-results", OptionList)
        results.add_options(self._options(more.hits[shown:], first=shown))
        self._status(self._describe())

    def _describe(self) -> str:
        if not self.query_text.strip():
            return "Type a word or two: how someone was, a project, a promise…"
        total = self.result.total
        if not total:
            return "Nothing found. Try fewer or shorter words."
        found = f"{total} match{'es' if total != 1 else ''}"
        if self.result.truncated:
            found += f", showing the newest {len(self.result.hits)} (↓ for more)"
        return f"{found} · enter goes to the person"

    def _status(self, text: str) -> None:
        update_hint(self.query_one("#search-status", Static), text)

    @property
    def highlighted_hit(self) -> SearchHit | None:
        results = self.query_one("#search-results", OptionList)
        option = results.highlighted_option
        if option is None or option.id is None:
            return None
        return self.result.hits[int(option.id)]

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_open(self) -> None:
        hit = self.highlighted_hit
        if hit is None:
            self.app.bell()
            return
        self.dismiss(hit.entry.person_id)

    def action_close(self) -> None:
        self.dismiss(None)
