"""After a sync brought another machine's changes, the calendar follows them.

The sync writes the merged person files itself, not through the store's record changes, so
no follow-up hook runs: a follow-up moved, done or deleted on the other machine would keep its
old event here until the next `kindcheck calendar sync`. This runs that sync at once, for the
shell's `kindcheck sync` and the app's sync key alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kindcheck.store.errors import StoreError

if TYPE_CHECKING:
    from kindcheck.domain.clock import Clock
    from kindcheck.store.store import Store


def calendar_after_sync(store: Store, clock: Clock) -> list[str]:
    """Bring the vdir into step with the store just synced: what to tell the leader.

    Nothing when the calendar is off or nothing changed; one line when the calendar could not
    be written (the store is synced all the same, and the next sync mends the calendar).
    """
    from kindcheck.vdir.link import link_for

    try:
        mirror = link_for(store, clock).mirror
        if mirror is None:
            return []
        store.refresh()
        report = mirror.sync()
    except (OSError, StoreError) as error:
        return [f"Synced, but the calendar could not be brought into step ({error}); "
                "kindcheck calendar sync tries again."]
    said = list(report.said)
    changed = report.written + report.removed
    if changed:
        said.append(f"Calendar in step: {_events(report.written)} written, "
                    f"{_events(report.removed)} removed.")
    return said


def _events(count: int) -> str:
    return f"{count} event" + ("" if count == 1 else "s")
