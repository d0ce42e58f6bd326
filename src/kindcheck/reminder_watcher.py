"""Watching the clock for follow-up reminders, for the App to call on a timer.

    watcher = ReminderWatcher(store, clock)
    for reminder in watcher.missed():        # once, at start
        app.notify(reminder.message())
    ...
    for reminder in watcher.check():         # every few seconds
        app.notify(reminder.message()); app.bell()
        watcher.send_outside(reminder)       # a desktop notification, if chosen
    watcher.note_open()                      # every few minutes, and as the App closes

`last_seen` is when kindcheck was last open on the store (`Store.last_open()`, kept by
`note_open`), so "missed" means missed while it was closed; not knowing it (a first run),
the reminders look back a fixed stretch.

No Textual here: the App decides how a reminder looks and sounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pendulum import DateTime

from kindcheck.domain.clock import Clock
from kindcheck.store.store import Store

if TYPE_CHECKING:
    from kindcheck.desktop_notify import TerminalNotifier
    from kindcheck.domain.reminders import Reminder


class ReminderWatcher:
    """Says which reminders became due since it last looked, each one once."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        last_seen: DateTime | None = None,
        outside: TerminalNotifier | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.last_seen = last_seen  # when kindcheck was last open, if the store knows it
        self.outside = outside  # reminders beyond the app ([calendar] notify)
        self._checked_at = clock()
        self._fired: set[tuple] = set()

    def missed(self) -> list[Reminder]:
        """Planned follow-ups whose time passed while kindcheck was closed."""
        # Imported on first use: the reminders (and the calendar they use) are not needed
        # to put the dashboard on screen.
        from kindcheck.domain.reminders import missed_reminders

        now = self.clock()
        people = self.store.people()
        return missed_reminders(people, self.store.summaries(), now, self.last_seen)

    def check(self) -> list[Reminder]:
        """Reminders that fell due since the last check (or since the watcher started)."""
        from kindcheck.domain.reminders import due_reminders

        now = self.clock()
        since, self._checked_at = self._checked_at, now
        if now <= since:
            return []  # the clock stood still or stepped back: nothing new to say
        fresh = [
            reminder
            for reminder in due_reminders(self.store.people(), self.store.summaries(), since, now)
            if reminder.key not in self._fired
        ]
        self._fired.update(reminder.key for reminder in fresh)
        return fresh

    def send_outside(self, reminder: Reminder) -> bool:
        """Tell the desktop too, as `[calendar] notify` says (the person's name only)."""
        from kindcheck.domain.reminders import ReminderKind

        if self.outside is None or reminder.kind is ReminderKind.MISSED:
            return False
        return self.outside.remind(reminder.person.name, soon=reminder.kind is ReminderKind.SOON)

    def note_open(self) -> bool:
        """Keep the moment kindcheck is open beside the store, for the next start's "missed".

        Cheap (one tiny file, replaced atomically); False when it could not be written,
        which only widens the next start's look back.
        """
        return self.store.mark_open(self.clock())
