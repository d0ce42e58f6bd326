"""`kindcheck sync`: record local changes, fetch, merge, write, commit, push.

The order is what makes a `kill -9` harmless at any point:

1. fetch the remote's head (nothing local changes);
2. merge base (the last synced commit, or where the two histories parted), ours (the store)
   and theirs (the remote's head), and make the next commit from the merged files, not yet on
   any branch;
3. write a journal (the commit, and each store file's old and new bytes), then the merged
   files into the store under its lock, each atomically;
4. move the branch to the new commit and drop the journal;
5. push. Refused because the remote moved on: back to 1 (a few times at most).

A sync that finds a journal finishes it first: files still as they were get the merged bytes,
files the leader changed since are merged once more with those changes kept, and the branch
moves. Killed before 3, nothing happened; after 4, the next sync simply pushes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import orjson

from kindcheck.store.files import write_atomic
from kindcheck.store.layout import StoreLayout
from kindcheck.store.lock import StoreLock
from kindcheck.store.merge import merge_index, merge_person_file
from kindcheck.store.merge_fields import SUMMARIES_TABLE
from kindcheck.sync import pause
from kindcheck.sync.crypt import Cipher, load_key
from kindcheck.sync.git import BRANCH, Git, GitFailed
from kindcheck.sync.remote import (
    PUSHED_REF,
    PushRefused,
    Snapshot,
    make_commit,
    push,
    remote_head,
    snapshot,
)
from kindcheck.sync.state import INDEX, SyncState, sync_folder
from kindcheck.sync.store_files import (
    Document,
    dump,
    has_records,
    parse,
    read_store,
    same_content,
    write_store,
)
from kindcheck.sync.whole_store import Outcome, merge_store

TRIES = 5
HEAD_REF = "refs/heads/" + BRANCH
NO_COMMIT = "0" * 40


class SyncRefused(Exception):
    """A sync that could not happen; `code` is the exit code (1 store or remote, 2 input)."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@contextlib.contextmanager
def sync_lock(state: SyncState, timeout: float) -> Iterator[None]:
    """One sync of a store at a time (a second one waits, then gives up)."""
    import filelock

    lock = filelock.FileLock(state.lock, timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise SyncRefused("Another sync of this store is running; try again in a moment") from None
    try:
        yield
    finally:
        lock.release()


def open_state(layout: StoreLayout) -> tuple[SyncState, Cipher | None]:
    """The store's sync state and its key (when the remote is encrypted)."""
    from kindcheck.sync.state import SyncStateProblem

    try:
        state = SyncState.load(sync_folder(layout))
    except SyncStateProblem as problem:
        raise SyncRefused(str(problem), 2) from None
    cipher = load_key(Path(state.key)) if state.encrypted and state.key else None
    if state.encrypted and cipher is None:
        raise SyncRefused("The sync state names no key for this encrypted remote", 2)
    return state, cipher


def sync(layout: StoreLayout, now: str, *, lock_timeout: float = 10.0) -> Outcome:
    """Sync the store at `layout` with its remote; what came in and went out."""
    state, cipher = open_state(layout)
    git = state.git
    store_lock = StoreLock(layout.path, layout.lock_path, lock_timeout)
    total = Outcome()
    with sync_lock(state, lock_timeout):
        tidy(git)
        finish_journal(state, layout, store_lock)
        for _attempt in range(TRIES):
            theirs = remote_head(git, state.remote)
            head = git.rev("HEAD")
            check_not_rewritten(git, theirs, state.remote)
            pause.at("fetched")
            commit, outcome = merge_into_store(state, layout, store_lock, cipher, head, theirs)
            total.add(outcome)
            if commit == theirs:  # nothing new on either side
                git.run("update-ref", PUSHED_REF, commit)
                break
            pause.at("committed")
            try:
                push(git, state.remote, commit)
            except PushRefused:
                continue
            break
        else:
            raise SyncRefused("The remote kept changing while this sync ran; sync again soon")
        state.last_sync = now
        state.save()
        tidy(git)
    return total


def check_not_rewritten(git: Git, theirs: str | None, remote: str) -> None:
    """Refuse a remote whose history no longer holds what this machine last synced."""
    pushed = git.rev(PUSHED_REF)
    if pushed is None:
        return
    if theirs is None or not git.ok("merge-base", "--is-ancestor", pushed, theirs):
        raise SyncRefused(
            f"The remote {remote} was rewritten (a force push?): its history no longer holds "
            "this machine's last sync. Nothing was changed; check the remote before syncing."
        )


def plan(git: Git, head: str | None, theirs: str | None) -> tuple[str | None, list[str]]:
    """The merge base and the new commit's parents, from where each side stands."""
    if head is None:
        return theirs, [theirs] if theirs else []
    if theirs is None or theirs == head or git.ok("merge-base", "--is-ancestor", theirs, head):
        return (theirs or head), [head]
    if git.ok("merge-base", "--is-ancestor", head, theirs):
        return head, [theirs]
    base = git.run("merge-base", head, theirs).decode().strip() or None
    return base, [head, theirs]


def merge_into_store(state: SyncState, layout: StoreLayout, store_lock: StoreLock,
                     cipher: Cipher | None, head: str | None,
                     theirs: str | None) -> tuple[str, Outcome]:
    """Steps 2 to 4: merge, journal, write the store, move the branch. The new commit."""
    git = state.git
    base_id, parents = plan(git, head, theirs)
    base = snapshot(git, base_id, cipher)
    their_snap = snapshot(git, theirs, cipher) if theirs else base
    parent_snaps = [snapshot(git, p, cipher) if p not in (base_id, theirs) else
                    (base if p == base_id else their_snap) for p in parents]
    with store_lock.held():
        raw = read_store(layout)
        ours = {name: parse(name, data, str(layout.path)) for name, data in raw.items()}
        merged, outcome = merge_store(base.documents, ours, their_snap.documents)
        commit = make_commit(git, merged, parent_snaps, parents, cipher)
        changes = store_changes(merged, ours)
        if not changes:
            move_branch(git, head, commit)
            return commit, outcome
        journal = {"version": 1, "head": head, "commit": commit,
                   "changes": {n: _text(d) for n, d in changes.items()},
                   "before": {n: _text(raw.get(n)) for n in changes}}
        write_atomic(state.journal, orjson.dumps(journal))
        pause.at("journal")
        write_store(layout, changes)
        pause.at("written")
        move_branch(git, head, commit)
        state.journal.unlink()
    return commit, outcome


def store_changes(merged: dict[str, Document | None], ours: dict[str, Document]
                  ) -> dict[str, bytes | None]:
    """The store files the merge changes: new bytes, or None to remove the file."""
    changes: dict[str, bytes | None] = {}
    for name, document in merged.items():
        if document is None:
            if name in ours:
                changes[name] = None
        elif name not in ours and not has_records(document):
            continue  # a store never written to stays without files
        elif not same_content(document, ours.get(name)):
            if name == INDEX and INDEX in ours:
                document = with_summaries(document, ours[INDEX])
            changes[name] = dump(document)
    return changes


def with_summaries(index: Document, ours: Document) -> Document:
    """The merged index with this machine's summaries of the people it still lists: the
    store checks each against its person's file and rebuilds only those that changed, so
    opening the store after a sync does not read every person's file again."""
    listed = {row.get("id") for row in index.get("people", {}).values()}
    kept = [row for row in ours.get(SUMMARIES_TABLE, {}).values()
            if row.get("person_id") in listed]
    if not kept:
        return index
    return {**index, SUMMARIES_TABLE: {str(n): row for n, row in enumerate(kept, start=1)}}


def move_branch(git: Git, head: str | None, commit: str) -> None:
    """Point the branch at `commit`, only if it still points where this sync found it."""
    if commit != head:
        git.run("update-ref", HEAD_REF, commit, head or NO_COMMIT)


def finish_journal(state: SyncState, layout: StoreLayout, store_lock: StoreLock) -> None:
    """Finish a sync killed while it wrote the store (see the module's docstring)."""
    if not state.journal.exists():
        return
    journal = orjson.loads(state.journal.read_bytes())
    with store_lock.held():
        raw = read_store(layout)
        changes: dict[str, bytes | None] = {}
        for name, new_text in journal["changes"].items():
            new = _bytes(new_text)
            before, now = _bytes(journal["before"][name]), raw.get(name)
            if now == new:
                continue
            if now == before or now is None:
                changes[name] = new
            elif new is not None:  # the leader wrote since: merge that in, too
                merge = merge_index if name == INDEX else merge_person_file
                old = parse(name, before, "the journal") if before else None
                changes[name] = dump(merge(old, parse(name, now, str(layout.path)),
                                           parse(name, new, "the journal")).document)
            # removed by the merge but written to since: kept, so nothing is lost
        write_store(layout, changes)
        if state.git.rev("HEAD") == journal["head"]:
            move_branch(state.git, journal["head"], journal["commit"])
        state.journal.unlink()


def tidy(git: Git) -> None:
    """Leave the work tree as the last synced commit, whatever a killed git left behind."""
    lock = git.git_dir / "index.lock"
    with contextlib.suppress(FileNotFoundError):
        lock.unlink()
    if git.rev("HEAD") is None:
        return
    try:
        git.run("reset", "--quiet", "--hard", "HEAD")
        git.run("clean", "-fdqx")
    except GitFailed as error:
        raise SyncRefused(f"The sync state's repository is damaged: {error}") from None


def _text(data: bytes | None) -> str | None:
    return None if data is None else data.decode("utf-8")


def _bytes(text: str | None) -> bytes | None:
    return None if text is None else text.encode("utf-8")


def ours_snapshot(layout: StoreLayout) -> Snapshot:
    """The store's own files, read as a snapshot (for init)."""
    raw = read_store(layout)
    return Snapshot({n: parse(n, d, str(layout.path)) for n, d in raw.items()}, {})
