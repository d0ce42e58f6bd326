"""When Python's cyclic garbage collector runs, so that it does not run while the leader waits.

A full collection looks at every object alive: with the dashboard, its render caches and years
of notes that is a few hundred thousand, and a pause of several frames. Left to itself, Python
starts one whenever enough objects have been made, often in the middle of saving a check-in.

So `python -m kindcheck` starts with collection off (start-up makes only long-lived objects).
Once the dashboard is on screen, `resume_after_start` sets aside everything made so far, out of
later collections, and turns collection on, so later collections look at far fewer objects.
When a screen closes, the App calls `tidy` a moment later, at a quiet time: one full collection
frees what the screen left (its widgets hold one another, so only a full collection can), and
Python then has no reason to start one during the next save.
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


def tidy() -> None:
    """One full collection (of everything not set aside at start-up)."""
    gc.collect()
