"""The app's side of sync (issue #14): sync now (`S`, the palette), on open and on quit when
settings.toml asks, the last sync shown quietly in the header's title.

Mixed into KindcheckApp (app.py has no room); the work is in kindcheck.sync, run in a thread
worker so the dashboard never waits on the network. When it is done the app re-reads the store
and every screen redraws (store_changed), and the leader reads the line the shell prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum
from textual import work

from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from kindcheck.domain.clock import Clock
    from kindcheck.settings import Settings
    from kindcheck.store.store import Store

SYNC_TITLE = "Sync"
APP_TITLE = "kindcheck"


class SyncAppMixin:
    """Sync from inside the App."""

    if TYPE_CHECKING:
        store: Store
        clock: Clock
        settings: Settings
        title: str

        def notify(self, message: str, *, title: str = "", severity: SeverityLevel = ...,
                   timeout: float | None = None, markup: bool = True) -> None: ...

        def reload_screens(self, person_id: str | None = None) -> None: ...

        def call_from_thread(self, callback: object, *args: object) -> object: ...

        def exit(self) -> None: ...

    syncing: bool = False
    _leaving_after_sync: bool = False

    def _sync_init(self) -> None:
        """Show when the store last synced; sync now if the settings say so on open."""
        self._show_last_sync()
        if self.settings.sync.on_open and self.is_synced:
            self.action_sync_now()

    @property
    def is_synced(self) -> bool:
        """Whether this store has a sync state (sync init or sync clone was run)."""
        return (self.store.layout.sync_folder / "state.json").is_file()

    def action_sync_now(self) -> None:
        """Sync with the remote in the background; say what came in and went out."""
        if not self.is_synced:
            self.notify("This store is not synced yet: run kindcheck sync init REMOTE in a "
                        "shell first.", title=SYNC_TITLE, severity="warning", timeout=10)
            return
        if self.syncing:
            return
        self.syncing = True
        self._sync_in_background()

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def _sync_in_background(self) -> None:
        from kindcheck.sync.run import run_sync

        line, ok = run_sync(self.store.layout, self.clock())
        if ok:  # the calendar follows what came in, here in the thread (it writes files)
            from kindcheck.vdir.after_sync import calendar_after_sync

            line = " ".join([line, *calendar_after_sync(self.store, self.clock)])
        self.call_from_thread(self._synced, line, ok)

    def _synced(self, line: str, ok: bool) -> None:
        self.syncing = False
        try:
            self.store.refresh()
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=15)
        self.reload_screens()
        self._show_last_sync()
        self.notify(line, title=SYNC_TITLE, severity="information" if ok else "error",
                    timeout=8 if ok else 15)
        if self._leaving_after_sync:
            self.exit()

    def _show_last_sync(self) -> None:
        from kindcheck.sync.state import read_last_sync

        last = read_last_sync(self.store.layout)
        if last is None:
            self.title = APP_TITLE
            return
        moment = pendulum.parse(last).in_timezone(self.clock().timezone)  # type: ignore[union-attr]
        when = moment.format("HH:mm") if moment.date() == self.clock().date() else \
            moment.format("D MMM HH:mm")
        self.title = f"{APP_TITLE} · synced {when}"

    async def action_quit(self) -> None:
        """Quit; with `[sync] on_quit = true`, sync first (the app closes once it is done)."""
        if self.settings.sync.on_quit and self.is_synced and not self._leaving_after_sync:
            self._leaving_after_sync = True
            self.notify("Syncing before closing…", title=SYNC_TITLE, timeout=30)
            if not self.syncing:
                self.syncing = True
                self._sync_in_background()
            return
        self.exit()
