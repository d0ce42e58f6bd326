"""Search's index on the dashboard: brought up to date in a thread once the dashboard settles."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual import work

from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from textual.timer import Timer

    from kindcheck.store.search_index import SearchIndex
    from kindcheck.store.store import Store

# After the dashboard settles (start-up, a saved check-in), search's index is brought up to
# date in a thread: late enough to stay out of the way of drawing, early enough to be ready.
SEARCH_PREPARE_DELAY = 0.5


class PreparesSearch:
    """Mixin for the dashboard: keeps search's index fresh while nobody waits for it."""

    store: Store
    _first_frame_pending: bool
    _search_index: SearchIndex | None
    _search_timer: Timer | None

    def _prepare_search_soon(self) -> None:
        """Bring search's index up to date a moment after the dashboard settles, so the
        first query finds the notes already read (a tenth of a second at five years, and
        only the changed people's files after that)."""
        if self._first_frame_pending:
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        if self._search_index is None:  # made on the UI thread, not in the worker
            from kindcheck.store.search_index import SearchIndex

            self._search_index = SearchIndex(self.store)
        # The screen's own timer: this mixin is only ever part of a Screen.
        self._search_timer = self.set_timer(  # type: ignore[attr-defined]
            SEARCH_PREPARE_DELAY, self._prepare_search
        )

    @work(thread=True, exclusive=True, group="search-prepare", exit_on_error=False)
    def _prepare_search(self) -> None:
        # A damaged file is said when search is opened: it reads again then.
        with contextlib.suppress(StoreError):
            if self._search_index is not None:
                self._search_index.build()
