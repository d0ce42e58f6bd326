"""How a running kindcheck (the shell or the app) ties its store to the leader's calendar.

The settings are read only when a follow-up first changes, so `kindcheck note` never pays for
them. One link per store: the shell's hook, `kindcheck calendar` and the app share it, so a
sync's own changes are not written twice.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kindcheck.calendar_settings import CalendarSettings
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store
    from kindcheck.vdir.mirror import CalendarMirror

Warn = Callable[[str], None]


class CalendarLink:
    """The store's hook: builds the vdir mirror on first use, when the calendar is on."""

    def __init__(self, store: Store, clock: Clock, warn: Warn) -> None:
        self._store = weakref.ref(store)
        self.clock = clock
        self.warn = warn
        self._settings: CalendarSettings | None = None
        self._mirror: CalendarMirror | None = None

    @property
    def settings(self) -> CalendarSettings:
        """The `[calendar]` settings (read from settings.toml the first time)."""
        if self._settings is None:
            from kindcheck.settings import load_settings

            self._settings = load_settings().calendar
        return self._settings

    @settings.setter
    def settings(self, settings: CalendarSettings) -> None:
        self._settings, self._mirror = settings, None

    @property
    def mirror(self) -> CalendarMirror | None:
        """The vdir writer, or None when the calendar is off."""
        store = self._store()
        if self._mirror is None and store is not None and self.settings.enabled:
            from kindcheck.vdir.mirror import CalendarMirror

            self._mirror = CalendarMirror(store, self.settings, self.clock,
                                          lambda line: self.warn(line))
        return self._mirror

    def __call__(self, person_id: str) -> None:
        mirror = self.mirror
        if mirror is not None:
            mirror.person_changed(person_id)


def link_for(store: Store, clock: Clock, warn: Warn | None = None) -> CalendarLink:
    """The store's calendar link, attached as its follow-up hook the first time."""

    def attached() -> CalendarLink:
        link = CalendarLink(store, clock, lambda line: None)
        store.add_followup_hook(link)
        return link

    link = store.companion(CalendarLink, attached)
    if warn is not None:
        link.warn = warn
    return link
