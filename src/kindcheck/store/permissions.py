"""Keep the store private: files 0600, the store's own folders 0700.

kindcheck creates everything that way, but a copy restored from elsewhere, an unzip or a
`chmod -R` can leave notes about people readable by everyone on the machine. On open, anything
wider is tightened and the caller is told what, so it can say so.

The folder holding the main file is left alone: `--data` may point into a folder the user
shares on purpose (their home, /tmp), and it is not kindcheck's to change.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from kindcheck.store.files import FILE_MODE, FOLDER_MODE
from kindcheck.store.layout import StoreLayout

_OTHERS = 0o077  # group and world bits


def tighten(layout: StoreLayout) -> list[Path]:
    """Take group and world access away from every file and own folder of the store; returns
    the paths changed. Symlinks, files of other users and anything that vanishes are skipped."""
    changed: list[Path] = []
    for path in _candidates(layout):
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode) or not stat.S_IMODE(info.st_mode) & _OTHERS:
                continue
            if stat.S_ISDIR(info.st_mode):
                os.chmod(path, FOLDER_MODE)
            elif stat.S_ISREG(info.st_mode):
                os.chmod(path, FILE_MODE)
            else:
                continue
            changed.append(path)
    return changed


def _candidates(layout: StoreLayout) -> list[Path]:
    paths = [layout.path, layout.drafts_path, layout.lock_path]
    for folder in layout.own_folders:
        if folder.is_dir() and not folder.is_symlink():
            paths.append(folder)
            paths.extend(sorted(folder.rglob("*")))
    return paths


def describe(paths: list[Path], folder: Path, shown: int = 3) -> str:
    """One line saying what was tightened, naming a few of the paths."""
    names = [str(p.relative_to(folder)) if p.is_relative_to(folder) else str(p) for p in paths]
    listed = ", ".join(names[:shown]) + (f" and {len(names) - shown} more" if
                                         len(names) > shown else "")
    what = "file or folder" if len(paths) == 1 else "files and folders"
    return (
        f"Others could read {len(paths)} of your notes' {what} in {folder} ({listed}); "
        "they are now private, so only you can read them."
    )
