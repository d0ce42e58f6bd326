"""The sync state beside a store: `<stem>.sync/`.

    kindcheck.sync/state.json    the remote, whether it is encrypted, the key's file, last sync
    kindcheck.sync/base/         a git repository; its work tree holds the files as they were
                                 at the last sync (the merge base), as the remote holds them
    kindcheck.sync/journal.json  a merge being written into the store (see engine.py)
    kindcheck.sync/sync.lock     one sync at a time

On the remote (and in `base/`) a file's name says only what it is: `index` and `people/ID`
(IDs are random), ending `.json` in plain text or `.age` encrypted; `kindcheck-sync.json`
says which.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import orjson

from kindcheck.store.files import ensure_folder, write_atomic
from kindcheck.store.layout import StoreLayout
from kindcheck.sync.git import Git

MARKER = "kindcheck-sync.json"
INDEX = "index"
PEOPLE = "people/"
STATE_VERSION = 1


class SyncStateProblem(Exception):
    """The sync state is missing or unreadable."""


def sync_folder(layout: StoreLayout) -> Path:
    """Where the sync state of this store lives."""
    return layout.sync_folder


def key_path(layout: StoreLayout, config_folder: Path) -> Path:
    """Where this store's sync key is kept: the config folder, named for this store."""
    tag = hashlib.blake2b(str(layout.path).encode(), digest_size=4).hexdigest()
    return config_folder / f"sync-{layout.path.stem}-{tag}.key"


def suffix(encrypted: bool) -> str:
    return ".age" if encrypted else ".json"


def remote_name(name: str, encrypted: bool) -> str:
    """`index` or `people/ID` as the remote spells it."""
    return name + suffix(encrypted)


def logical_name(path: str, encrypted: bool) -> str | None:
    """The remote's `path` as `index`/`people/ID`, or None for anything else."""
    end = suffix(encrypted)
    if not path.endswith(end):
        return None
    name = path[: -len(end)]
    if name == INDEX or (name.startswith(PEOPLE) and "/" not in name[len(PEOPLE):]):
        return name
    return None


@dataclass
class SyncState:
    """What `state.json` says, and the repository beside it."""

    folder: Path
    remote: str
    encrypted: bool
    key: str | None  # the key file's path, when encrypted
    last_sync: str | None = None  # ISO moment of the last sync that reached the remote

    @property
    def base(self) -> Path:
        return self.folder / "base"

    @property
    def journal(self) -> Path:
        return self.folder / "journal.json"

    @property
    def lock(self) -> Path:
        return self.folder / "sync.lock"

    @property
    def git(self) -> Git:
        return Git(self.base / ".git", self.base)

    def save(self) -> None:
        ensure_folder(self.folder)
        data = {"version": STATE_VERSION, "remote": self.remote, "encrypted": self.encrypted,
                "key": self.key, "last_sync": self.last_sync}
        write_atomic(self.folder / "state.json", orjson.dumps(data, option=orjson.OPT_INDENT_2))

    @classmethod
    def load(cls, folder: Path) -> SyncState:
        path = folder / "state.json"
        try:
            data = orjson.loads(path.read_bytes())
        except FileNotFoundError:
            raise SyncStateProblem(
                "This store is not synced yet: start with kindcheck sync init REMOTE "
                "(or sync clone on a second machine)"
            ) from None
        except (OSError, orjson.JSONDecodeError) as error:
            raise SyncStateProblem(f"{path}: the sync state can't be read ({error})") from None
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            raise SyncStateProblem(f"{path}: not a sync state this kindcheck knows")
        return cls(folder, str(data["remote"]), bool(data["encrypted"]), data.get("key"),
                   data.get("last_sync"))


def read_last_sync(layout: StoreLayout) -> str | None:
    """When this store last synced (ISO), or None when never or not synced at all."""
    try:
        return SyncState.load(sync_folder(layout)).last_sync
    except SyncStateProblem:
        return None
