"""People who share a name (in any case).

Adding or renaming someone refuses a name already taken, so namesakes arrive only from
elsewhere: two machines that each added "Ada Lovelace" before syncing, or a sync app's
conflict copy. Both are kept (they are two people with two histories, each with its own id,
and merging them would mix those histories); the leader is told, and a name they share picks
neither of them until one is renamed or deleted.
"""

from __future__ import annotations

from collections.abc import Iterable


def shared_names(names: Iterable[str]) -> dict[str, int]:
    """Each name held by more than one person (any case): its first spelling in sorted
    order, and how many hold it. The same for the same names in any order."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name.casefold(), []).append(name)
    return {min(group): len(group) for _key, group in sorted(groups.items()) if len(group) > 1}


def namesakes_line(name: str, count: int) -> str:
    """What the leader reads about people who share a name."""
    if count == 2:
        return f"Two people called {name} came from two machines: rename or delete one."
    return (f"{count} people called {name} came from different machines: rename or delete "
            "all but one.")
