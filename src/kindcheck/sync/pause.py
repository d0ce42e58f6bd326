"""A test hook: stop a sync at a named step, so a test can `kill -9` it right there.

With `KINDCHECK_SYNC_PAUSE_AT=STEP` and `KINDCHECK_SYNC_PAUSE_FILE=PATH`, a sync reaching
STEP creates PATH, then waits until PATH is removed (or ten minutes pass). Unset, it costs
one dictionary look-up per step.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STEP_ENV = "KINDCHECK_SYNC_PAUSE_AT"
FILE_ENV = "KINDCHECK_SYNC_PAUSE_FILE"
STEPS = ("fetched", "journal", "written", "committed")
_LONGEST = 600.0


def at(step: str) -> None:
    """Wait here when the environment asks for it (see the module's docstring)."""
    if os.environ.get(STEP_ENV) != step or not os.environ.get(FILE_ENV):
        return
    signal = Path(os.environ[FILE_ENV])
    signal.write_text(step)
    deadline = time.monotonic() + _LONGEST
    while signal.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
