"""The remote's side of a sync: reading a commit's files, making the next commit, fetch, push.

Everything is encoded before it enters the repository: with a key, each file is encrypted
with age. age never encrypts the same bytes the same way twice, so a file whose records did
not change keeps the blob it had: an unchanged store makes no commit and sends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import orjson

from kindcheck.sync.crypt import Cipher
from kindcheck.sync.git import BRANCH, Git, GitFailed
from kindcheck.sync.state import MARKER, PEOPLE, logical_name, remote_name
from kindcheck.sync.store_files import (
    Document,
    UnreadableFile,
    dump,
    has_records,
    parse,
    same_content,
)

THEIRS_REF = "refs/remotes/origin/" + BRANCH
# The last commit known to be on the remote: a remote whose head no longer descends from it
# was rewritten (a force push), and is refused.
PUSHED_REF = "refs/kindcheck/pushed"


class Unreachable(Exception):
    """The remote could not be reached or read; nothing was changed."""


class PushRefused(Exception):
    """The remote moved on while we merged: fetch and merge again."""


@dataclass
class Snapshot:
    """One commit's files: documents by name, and the blob each came from."""

    documents: dict[str, Document]
    blobs: dict[str, str]


def marker(encrypted: bool) -> bytes:
    return orjson.dumps({"version": 1, "encrypted": encrypted})


def read_marker(git: Git, commit: str) -> bool:
    """Whether the commit's files are encrypted (its `kindcheck-sync.json` says)."""
    blob = git.blobs(commit).get(MARKER)
    if blob is None:
        raise UnreadableFile("The remote holds no kindcheck store")
    try:
        said = orjson.loads(git.contents([blob])[blob])
        return bool(said["encrypted"])
    except (orjson.JSONDecodeError, KeyError, TypeError):
        raise UnreadableFile("The remote's kindcheck-sync.json can't be read") from None


def snapshot(git: Git, commit: str | None, cipher: Cipher | None) -> Snapshot:
    """The files of `commit` (none for None), decrypted with `cipher` when there is one."""
    if commit is None:
        return Snapshot({}, {})
    encrypted = cipher is not None
    names = {}
    for path, blob in git.blobs(commit).items():
        name = logical_name(path, encrypted)
        if name is not None:
            names[name] = blob
    data = git.contents(sorted(set(names.values())))
    documents = {}
    for name, blob in names.items():
        raw = data[blob]
        plain = cipher.decrypt(raw) if cipher is not None else raw
        documents[name] = parse(name, plain, "the remote")
    return Snapshot(documents, names)


def make_commit(git: Git, merged: dict[str, Document | None], parents: list[Snapshot],
                parent_ids: list[str], cipher: Cipher | None) -> str:
    """A commit of the merged files on top of `parent_ids` (not yet on any branch)."""
    encrypted = cipher is not None
    people: list[tuple[str, str, str]] = []
    root: list[tuple[str, str, str]] = [("100644", git.store_blob(marker(encrypted)), MARKER)]
    for name in sorted(merged):
        document = merged[name]
        if document is None or not has_records(document):
            continue
        blob = _kept_blob(name, document, parents)
        if blob is None:
            data = dump(document)
            blob = git.store_blob(cipher.encrypt(data) if cipher is not None else data)
        file_name = remote_name(name, encrypted)
        if name.startswith(PEOPLE):
            people.append(("100644", blob, file_name[len(PEOPLE):]))
        else:
            root.append(("100644", blob, file_name))
    if people:
        root.append(("040000", git.make_tree(people), PEOPLE.rstrip("/")))
    tree = git.make_tree(root)
    parent_tree = git.run("rev-parse", f"{parent_ids[0]}^{{tree}}") if parent_ids else b""
    if len(parent_ids) == 1 and parent_tree.decode().strip() == tree:
        return parent_ids[0]  # nothing changed
    args = ["commit-tree", tree]
    for parent in parent_ids:
        args += ["-p", parent]
    return git.run(*args, "-m", "sync").decode().strip()


def _kept_blob(name: str, document: Document, parents: list[Snapshot]) -> str | None:
    for parent in parents:
        if name in parent.blobs and same_content(parent.documents.get(name), document):
            return parent.blobs[name]
    return None


def remote_head(git: Git, remote: str) -> str | None:
    """Fetch the remote's branch; its commit, or None when the remote has none yet."""
    try:
        listed = git.run("ls-remote", "--heads", remote, BRANCH)
        if not listed.strip():
            return None
        git.run("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote,
                f"+refs/heads/{BRANCH}:{THEIRS_REF}")
    except GitFailed as error:
        raise Unreachable(f"Can't reach the remote {remote}: {error}") from None
    return git.rev(THEIRS_REF)


def push(git: Git, remote: str, commit: str) -> None:
    """Send `commit` as the remote's branch, never forcing."""
    try:
        git.run("push", "--quiet", "--no-verify", remote, f"{commit}:refs/heads/{BRANCH}")
    except GitFailed as error:
        if any(word in error.stderr for word in ("[rejected]", "fetch first", "non-fast-forward")):
            raise PushRefused(str(error)) from None
        raise Unreachable(f"Can't send to the remote {remote}: {error}") from None
    git.run("update-ref", PUSHED_REF, commit)
