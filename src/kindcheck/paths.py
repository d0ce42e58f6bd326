"""Where kindcheck keeps its notes, and the few environment settings it reads.

The store's main file is chosen in this order: `--data PATH`, then `KINDCHECK_DATA`, then
`kindcheck.json` in the user's data folder (platformdirs). No Textual, no I/O beyond a stat.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "kindcheck"
DATA_FILE_NAME = "kindcheck.json"
DATA_ENV = "KINDCHECK_DATA"
# For tests and screenshots only: a fixed "now" and a short wait for a busy store.
NOW_ENV = "KINDCHECK_NOW"
LOCK_TIMEOUT_ENV = "KINDCHECK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0


def default_data_path() -> Path:
    """`kindcheck.json` in the user's data folder, e.g. ~/.local/share/kindcheck/."""
    import platformdirs  # only when no path was given: `--data` never waits for it

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / DATA_FILE_NAME


def data_path(explicit: str | os.PathLike[str] | None = None,
              environ: Mapping[str, str] | None = None) -> Path:
    """The store's main file: `explicit` wins, then `KINDCHECK_DATA`, then the default.

    A path naming an existing folder means `kindcheck.json` inside that folder.
    """
    env = os.environ if environ is None else environ
    chosen: str | os.PathLike[str] | None = explicit
    if chosen is None or not str(chosen).strip():
        chosen = env.get(DATA_ENV, "").strip() or None
    path = default_data_path() if chosen is None else Path(chosen).expanduser()
    if path.is_dir():
        path = path / DATA_FILE_NAME
    return path.absolute()
