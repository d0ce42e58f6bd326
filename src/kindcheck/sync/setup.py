"""`sync init` and `sync clone`: making the sync state, then the first sync.

The state is made in a temporary folder and renamed into place only when it is complete, so
a failed or killed set-up leaves nothing behind but a temp folder the next one removes. A
clone writes the store only after the key opened every file (through the first sync, which
journals its writes like every other).

A REMOTE that is a path to a missing folder or an empty one becomes a new bare repository
there (a USB drive, a NAS share); a folder holding anything else than a git repository is
refused. A URL must already exist (a hosted repository is made on its site).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from kindcheck.store.layout import StoreLayout
from kindcheck.sync.crypt import Cipher, KeyProblem, save_key
from kindcheck.sync.engine import SyncRefused, sync
from kindcheck.sync.git import (
    BRANCH,
    Git,
    GitFailed,
    command,
    init_bare,
    init_repository,
    is_repository,
    run_git,
)
from kindcheck.sync.remote import PUSHED_REF, Unreachable, read_marker, remote_head, snapshot
from kindcheck.sync.state import SyncState, key_path, sync_folder
from kindcheck.sync.store_files import UnreadableFile
from kindcheck.sync.whole_store import Outcome

# user@host:path (scp-like) or scheme://...: a URL, used as given.
_URL = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|[^/:]+@[^/:]+:|[^/:]{2,}:(?!//))")
TEMP_MARK = ".tmp-"


def is_url(remote: str) -> bool:
    """Whether REMOTE is a URL rather than a path on this machine."""
    return bool(_URL.match(remote)) and not Path(remote).exists()


def init(layout: StoreLayout, remote: str, *, encrypt: bool, config_folder: Path, now: str,
         lock_timeout: float = 10.0) -> tuple[Outcome, str | None]:
    """Start syncing this store with REMOTE; what was sent, and the new key's line if any."""
    folder = _not_synced_yet(layout)
    where = _remote_for_init(layout, remote)
    if _has_branch(where):
        raise SyncRefused(f"{remote} already holds a kindcheck store: on this machine use "
                          f"kindcheck sync clone {remote}", 2)
    cipher = Cipher.generate() if encrypt else None
    key = key_path(layout, config_folder) if cipher else None
    with _building(folder) as temp:
        if cipher is not None and key is not None:
            save_key(key, cipher)
        SyncState(temp, where, encrypt, str(key) if key else None).save()
    outcome = sync(layout, now, lock_timeout=lock_timeout)
    return outcome, cipher.secret if cipher else None


def clone(layout: StoreLayout, remote: str, read_key: Callable[[], str], *,
          config_folder: Path, now: str, lock_timeout: float = 10.0) -> Outcome:
    """Fill this (empty) store from REMOTE and sync with it from now on."""
    folder = _not_synced_yet(layout)
    where = remote if is_url(remote) else str(Path(remote).expanduser().resolve())
    if not is_url(remote) and not is_repository(Path(where)):
        raise SyncRefused(f"{remote} is not a git repository", 2)
    with _building(folder) as temp:
        git = Git(temp / "base" / ".git", temp / "base")
        theirs = remote_head(git, where)
        if theirs is None:
            raise SyncRefused(f"{remote} holds no kindcheck store yet (sync init makes one)", 2)
        try:
            encrypted = read_marker(git, theirs)
            cipher = Cipher(read_key()) if encrypted else None
            snapshot(git, theirs, cipher)  # every file opens, or nothing is written
        except (KeyProblem, UnreadableFile) as problem:
            raise SyncRefused(str(problem), 2) from None
        git.run("update-ref", f"refs/heads/{BRANCH}", theirs)
        git.run("update-ref", PUSHED_REF, theirs)
        key = key_path(layout, config_folder) if cipher else None
        if cipher is not None and key is not None:
            save_key(key, cipher)
        SyncState(temp, where, encrypted, str(key) if key else None).save()
    return sync(layout, now, lock_timeout=lock_timeout)


def _not_synced_yet(layout: StoreLayout) -> Path:
    folder = sync_folder(layout)
    if (folder / "state.json").exists():
        remote = SyncState.load(folder).remote
        raise SyncRefused(f"This store already syncs with {remote}", 2)
    return folder


def _remote_for_init(layout: StoreLayout, remote: str) -> str:
    if is_url(remote):
        return remote
    path = Path(remote).expanduser().resolve()
    if layout.owns(path) or path == layout.folder or layout.folder in path.parents:
        raise SyncRefused(f"{remote} is inside the store's own folder: pick a place elsewhere",
                          2)
    if not path.exists() or (path.is_dir() and not any(path.iterdir())):
        try:
            init_bare(path)
        except GitFailed as error:
            raise SyncRefused(f"Can't make a git repository at {remote}: {error}", 1) from None
    elif path.is_file():
        raise SyncRefused(f"{remote} is a file, not a git repository", 2)
    elif not is_repository(path):
        raise SyncRefused(f"{remote} holds files but is not a git repository", 2)
    return str(path)


def _has_branch(remote: str) -> bool:
    try:
        listed = run_git(command("ls-remote", "--heads", remote, BRANCH))
    except GitFailed as error:
        raise SyncRefused(f"Can't reach the remote {remote}: {error}", 1) from None
    return bool(listed.strip())


@contextlib.contextmanager
def _building(folder: Path) -> Iterator[Path]:
    """A temp folder with an empty repository, renamed to `folder` when the block ends well."""
    for stale in folder.parent.glob(f"{folder.name}{TEMP_MARK}*"):
        shutil.rmtree(stale, ignore_errors=True)
    temp = folder.with_name(f"{folder.name}{TEMP_MARK}{secrets.token_hex(4)}")
    try:
        temp.mkdir(mode=0o700, parents=True)
        init_repository(temp / "base")
        yield temp
        if folder.exists():  # an unfinished state of an earlier set-up, never synced
            shutil.rmtree(folder)
        os.replace(temp, folder)
    except (Unreachable, GitFailed) as error:
        shutil.rmtree(temp, ignore_errors=True)
        raise SyncRefused(str(error), 1) from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
