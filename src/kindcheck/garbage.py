"""When Python's cyclic garbage collector runs, so that it does not run while the leader waits.

A full collection looks at every object alive: with the dashboard, its render caches and years
of notes that is a few hundred thousand, and a pause of several frames. Left to itself, Python
starts one whenever enough objects have been made, often in the middle of saving a check-in.

So `python -m kindcheck` starts with collection off (start-up makes only long-lived objects).
Once the dashboard is on screen, `resume_after_start` sets aside everything made so far, out of
later collections, and turns collection on, so later collections look at far fewer objects.
When a screen closes (a check-in is saved), the App `hold`s collection while it redraws the
dashboard and calls `tidy` a moment later, at a quiet time: one full collection frees what the
screen left (its widgets hold one another, so only a full collection can) and turns collection
back on.
"""

from __future__ import annotations

import gc

# After a screen closes: long enough for its last frames, short enough to come before the
# next conversation.
TIDY_DELAY = 1.0


def resume_after_start() -> bool:
    """Turn collection on if start-up turned it off, setting aside what start-up made.

    Returns whether kindcheck now paces collection (see `tidy`); False when collection was
    on all along (tests, other hosts): then nothing is changed.
    """
    if gc.isenabled():
        return False
    gc.freeze()
    gc.enable()
    return True


def forget_closed_watchers(watched: object) -> None:
    """Drop the watchers (`widget.watch(watched, ...)`) of widgets that have closed.

    Textual drops them only when the watched value next changes. The App's privacy mask seldom
    does, so every check-in form (and everything it drew) would otherwise stay in memory, and
    make each later collection slower. Textual 8.2 keeps them as (node, callback) pairs.
    """
    watchers: dict[str, list[tuple[object, object]]] = getattr(watched, "__watchers", {})
    for pairs in watchers.values():
        pairs[:] = [(node, callback) for node, callback in pairs if not _closed(node)]


def forget_closed_render_caches() -> None:
    """Empty a cache of Textual's that keeps closed widgets' drawings alive.

    Textual 8.2 memoises a small colour calculation per widget (`StylesCache.get_inner_outer`,
    an lru_cache of 1024 entries that holds the widget's render cache): it would keep what
    up to 1024 closed widgets drew, hundreds of thousands of objects, for every collection to
    look through. Emptied, it refills with the few widgets on screen.
    """
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


def _closed(node: object) -> bool:
    return bool(getattr(node, "_closing", False) or getattr(node, "_closed", False))


def hold() -> None:
    """No collection until `tidy`."""
    gc.disable()


def tidy() -> None:
    """One full collection (of everything not set aside at start-up); collection back on."""
    gc.collect()
    gc.enable()
