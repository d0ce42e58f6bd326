"""Where each of the store's files lives, and whether some path is one of them.

The main file's real path (symlinks followed, `..` gone) is taken once, when the store is
opened, and every companion file lives beside that target. So `--data` through a symlinked
file or folder addresses the store the link points to, every write replaces the target (never
the link) and no second store starts beside the link.

Whether a path belongs to the store is decided by identity as well as by name: a hard link or
a second spelling of a store file is the same file, and overwriting it would be just as bad.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def real_path(path: str | os.PathLike[str]) -> Path:
    """`path` made absolute with every symlink followed (a missing tail is kept as spelled)."""
    return Path(os.path.realpath(Path(path).expanduser()))


@dataclass(frozen=True)
class StoreLayout:
    """The paths of one store, all derived from its main file's real path."""

    path: Path

    @classmethod
    def at(cls, path: str | os.PathLike[str]) -> StoreLayout:
        return cls(real_path(path))

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def people_folder(self) -> Path:
        return self.folder / f"{self.path.stem}.people"

    @property
    def backups_folder(self) -> Path:
        return self.folder / f"{self.path.stem}.backups"

    @property
    def drafts_path(self) -> Path:
        return self.folder / f"{self.path.stem}.drafts.json"

    @property
    def seen_path(self) -> Path:
        """When kindcheck was last open on this store (see seen.py)."""
        return self.folder / f"{self.path.stem}.seen.json"

    @property
    def calendar_state_path(self) -> Path:
        """What kindcheck last wrote to the leader's calendar (see kindcheck.vdir.state)."""
        return self.folder / f"{self.path.stem}.calendar.json"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"{self.path.stem}.lock"

    @property
    def sync_folder(self) -> Path:
        """The sync state (kindcheck.sync): a git repository and its journal. Owned like the
        other folders, but kept out of `own_folders`: git's many objects would slow every
        open, and the folder is made private as a whole."""
        return self.folder / f"{self.path.stem}.sync"

    @property
    def own_folders(self) -> tuple[Path, Path]:
        """Folders that hold only the store's files."""
        return (self.people_folder, self.backups_folder)

    def files(self) -> Iterator[Path]:
        """Every file of the store that exists now, backups and leftovers included."""
        for path in (self.path, self.drafts_path, self.seen_path, self.calendar_state_path,
                     self.lock_path):
            if path.is_file():
                yield path
        for folder in self.own_folders:
            if folder.is_dir():
                yield from (p for p in folder.rglob("*") if not p.is_dir())

    def owns(self, path: str | os.PathLike[str]) -> bool:
        """Whether writing to `path` could change one of the store's files, however it is
        spelled: `..`, symlinks, a hard link, a file not made yet inside the store's folders."""
        spelled = real_path(path)
        if spelled in (self.path, self.drafts_path, self.seen_path, self.calendar_state_path,
                       self.lock_path):
            return True
        if any(spelled == folder or folder in spelled.parents
               for folder in (*self.own_folders, self.sync_folder)):
            return True
        try:
            info = os.stat(path)
        except OSError:
            return False  # nothing there yet, and its name is not one of ours
        identity = (info.st_dev, info.st_ino)
        for own in self.files():
            try:
                mine = own.stat()
            except OSError:
                continue
            if (mine.st_dev, mine.st_ino) == identity:
                return True
        return False
