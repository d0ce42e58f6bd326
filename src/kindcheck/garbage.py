"""When Python's cyclic garbage collector runs, so that it does not run while the leader waits.

A full collection looks at every object alive: with the dashboard, its render caches and years
of notes that is a few hundred thousand, and a pause of several frames. Left to itself, Python
starts one whenever enough objects have survived the younger collections: in the middle of
typing a check-in, or of saving one.

So kindcheck paces it, with the `gc` module's own switches only:
- `kindcheck` starts with collection off (`paused_for_start`, used by `cli.main` whichever way
  it is started): start-up makes only long-lived objects, and no garbage worth looking for.
- Once the dashboard is on screen, `resume_after_start` sets aside everything made so far
  (`gc.freeze`), and turns collection back on for the young generations only: those look at
  a few thousand new objects and take well under a frame. Full collections are never started
  by Python itself (the oldest generation's threshold is out of reach).
- The App runs the full collection itself (`collect_when_quiet`), when the leader has not
  pressed a key for `QUIET_SECONDS`: a moment after a screen closes (its widgets hold one
  another, so only a full collection frees them), and every `TIDY_EVERY_SECONDS` otherwise.
- Never while the leader is writing (a check-in form open, or a text field focused): in a
  call they stop for a second to listen and go on typing, and a full collection then would
  hold their next key for several frames. Young collections still run; what is left for
  the full one waits until the form is closed.

On Python 3.14 and later the collector is incremental and the oldest threshold means
something else; `resume_after_start` then leaves the thresholds as they are.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import time
from collections.abc import Iterator

# No key for this long means the leader has paused (reading, or talking).
QUIET_SECONDS = 1.0
# How often an open dashboard looks for garbage when no screen has closed.
TIDY_EVERY_SECONDS = 120.0
# Out of reach: Python never starts a full collection by itself.
NEVER = 1 << 30

_INCREMENTAL = sys.version_info >= (3, 14)

# Whether kindcheck's own start-up has collection off right now (see `paused_for_start`).
# The pacer asks this, never `gc.isenabled()`: a worker reading a person file turns
# collection off for a moment too (store.shard), and that must not look like start-up.
_start_paused = False


@contextlib.contextmanager
def paused_for_start() -> Iterator[None]:
    """Collection off for the whole command, as it starts; restored as it was afterwards.

    A dashboard turns it back on once it is drawn (`resume_after_start`); short commands
    never need it. Whoever called with collection on (tests) gets it back on, thresholds and
    frozen objects as they were.
    """
    global _start_paused
    was_enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.disable()
    _start_paused = True
    try:
        yield
    finally:
        _start_paused = False
        if was_enabled:
            gc.set_threshold(*thresholds)
            gc.unfreeze()
            gc.enable()


class Pacer:
    """Young collections as usual; the full one only when the leader is not typing."""

    def __init__(self, now: float | None = None) -> None:
        self.active = False
        self.last_key = time.monotonic() if now is None else now
        self.due = False

    def resume_after_start(self) -> bool:
        """Turn collection on if start-up turned it off, setting aside what start-up made.

        Returns whether kindcheck now paces collection; False when the app was started some
        other way (tests, other hosts): then nothing is changed, even if collection happens
        to be off at this moment.
        """
        if self.active or not _start_paused:
            return self.active
        gc.freeze()
        if not _INCREMENTAL:
            young, middle, _oldest = gc.get_threshold()
            gc.set_threshold(young, middle, NEVER)
        gc.enable()
        self.active = True
        return True

    def key_pressed(self, now: float | None = None) -> None:
        """The leader is busy: no full collection for `QUIET_SECONDS`."""
        self.last_key = time.monotonic() if now is None else now

    def screen_closed(self) -> None:
        """A screen closed: what it left wants a full collection at the next quiet moment."""
        self.due = True

    def quiet_in(self, now: float | None = None) -> float:
        """Seconds until the leader will have been quiet long enough (0: quiet now)."""
        now = time.monotonic() if now is None else now
        return max(0.0, self.last_key + QUIET_SECONDS - now)

    def collect_when_quiet(self, now: float | None = None, writing: bool = False) -> float:
        """Run the full collection if it is quiet; otherwise say how long to wait (seconds).

        `writing`: the leader is in a form, so it is never quiet enough. Returns 0.0 when it
        ran or there was nothing to do.
        """
        if not self.active:
            return 0.0
        if writing:
            return QUIET_SECONDS
        wait = self.quiet_in(now)
        if wait > 0:
            return wait
        gc.collect()
        self.due = False
        return 0.0


def forget_closed_render_caches() -> None:
    """Empty a cache of Textual's that keeps closed widgets' drawings alive.

    Textual 8.2 memoises a small colour calculation on each widget's render cache
    (`StylesCache.get_inner_outer`, an lru_cache of 1024 entries on a method, so every entry
    holds the render cache it was called on): it keeps what up to 1024 closed widgets drew,
    hundreds of thousands of objects, for each full collection to look through, and never
    lets them go. Upstream: https://github.com/Textualize/textual/issues/6665 (open).
    Emptied, it refills with the few widgets on screen. tests/unit/test_garbage_pins.py
    fails when an upgrade changes the cache, so this can go once Textual fixes it.
    """
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()
