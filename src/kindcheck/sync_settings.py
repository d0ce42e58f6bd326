"""The `[sync]` table of settings.toml: whether the app syncs by itself.

    [sync]
    on_open = false   # sync once the dashboard is drawn
    on_quit = false   # sync before the app closes

Both off by default: a sync reaches the network, which the leader turns on knowingly. A value
kindcheck does not understand is one problem line naming the file and the line, and that
setting stays off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

KNOWN = ("on_open", "on_quit")


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """When the app syncs without being asked."""

    on_open: bool = False
    on_quit: bool = False
    problems: tuple[str, ...] = field(default=(), compare=False)


def read_sync(raw: object, where: Callable[[str | None], str]) -> SyncSettings:
    """Read the `[sync]` table; `where(key)` names the file and line for a message."""
    if not isinstance(raw, dict):
        return SyncSettings(problems=(
            f"{where(None)}: sync should be a table, like [sync] with a line on_open = true; "
            "the app won't sync by itself.",
        ))
    values: dict[str, bool] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if key not in KNOWN:
            problems.append(f"{where(key)}: sync has no setting called {key!r} "
                            f"(it knows {', '.join(KNOWN)}).")
        elif not isinstance(value, bool):
            problems.append(f"{where(key)}: {key} should be true or false, not {value!r}; "
                            "using false.")
        else:
            values[key] = value
    return SyncSettings(**values, problems=tuple(problems))
