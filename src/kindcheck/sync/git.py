"""The real `git` command, run so that nothing of the user's own git set-up changes what it does.

No shell, no prompt for a password (a remote that needs one fails instead of hanging), no
system config, no hooks or templates, no signing, fixed line endings, and a timeout. The
user's global config is still read for what reaching a remote needs (credential helpers,
`url.*.insteadOf`, `core.sshCommand`); everything that changes what a commit holds is set here.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 120.0
BRANCH = "main"
REMOTE = "origin"

# Who and when every commit says: nobody, and no real moment (see the README's design notes:
# a remote that is encrypted must not tell when the leader wrote, and git needs neither).
NEUTRAL_NAME = "kindcheck"
NEUTRAL_EMAIL = "kindcheck@localhost"
NEUTRAL_DATE = "2000-01-01T00:00:00+0000"

_SETTINGS = (
    "core.hooksPath=/dev/null",
    "core.autocrlf=false",
    "core.fsmonitor=false",
    "core.quotePath=false",
    "commit.gpgSign=false",
    "tag.gpgSign=false",
    "gc.auto=0",
    "init.defaultBranch=" + BRANCH,
    "user.name=" + NEUTRAL_NAME,
    "user.email=" + NEUTRAL_EMAIL,
    "advice.detachedHead=false",
    "core.logAllRefUpdates=false",  # no reflog: the sync state changes only when a sync does
    "safe.directory=*",
    "core.fsync=committed",  # objects and refs reach the disk before we rely on them
)


class GitFailed(Exception):
    """git could not do what was asked; the message is one line from git's own words."""

    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr  # all git said, to tell a refused push from a lost network


@dataclass(frozen=True)
class Git:
    """git, run in one repository (`git_dir`), with a work tree when one is given."""

    git_dir: Path
    work_tree: Path | None = None

    def run(self, *args: str, input: bytes | None = None, check: bool = True) -> bytes:
        """Run `git ARGS` and return its output; raise GitFailed when it fails."""
        command = ["git", *_config_args(), f"--git-dir={self.git_dir}"]
        if self.work_tree is not None:
            command.append(f"--work-tree={self.work_tree}")
        return run_git([*command, *args], input=input, check=check,
                       cwd=self.work_tree or self.git_dir)

    def ok(self, *args: str) -> bool:
        """Whether `git ARGS` succeeds (for questions such as "is A an ancestor of B?")."""
        try:
            self.run(*args)
        except GitFailed:
            return False
        return True

    def rev(self, name: str) -> str | None:
        """The commit `name` points at, or None when it points nowhere."""
        try:
            found = self.run("rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
        except GitFailed:
            return None
        return found.decode().strip()

    def blobs(self, commit: str) -> dict[str, str]:
        """Every file of `commit`: path → blob id."""
        listing = self.run("ls-tree", "-r", "-z", "--full-tree", commit)
        blobs: dict[str, str] = {}
        for entry in listing.split(b"\0"):
            if entry:
                meta, path = entry.split(b"\t", 1)
                blobs[path.decode()] = meta.split()[2].decode()
        return blobs

    def contents(self, blob_ids: list[str]) -> dict[str, bytes]:
        """The bytes of each blob, read in one `cat-file --batch`."""
        if not blob_ids:
            return {}
        out = self.run("cat-file", "--batch", input="".join(f"{b}\n" for b in blob_ids).encode())
        found: dict[str, bytes] = {}
        at = 0
        while at < len(out):
            end = out.index(b"\n", at)
            blob, _kind, size = out[at:end].decode().split()
            start = end + 1
            found[blob] = out[start:start + int(size)]
            at = start + int(size) + 1
        return found

    def store_blob(self, data: bytes) -> str:
        """Write `data` into the repository; its blob id."""
        return self.run("hash-object", "-w", "--stdin", input=data).decode().strip()

    def make_tree(self, entries: list[tuple[str, str, str]]) -> str:
        """A tree of (mode, id, name) entries (blobs `100644`, trees `040000`)."""
        kinds = {"100644": "blob", "040000": "tree"}
        lines = "".join(f"{mode} {kinds[mode]} {oid}\t{name}\0" for mode, oid, name in entries)
        return self.run("mktree", "-z", input=lines.encode()).decode().strip()


def _config_args() -> list[str]:
    args: list[str] = []
    for setting in _SETTINGS:
        args += ["-c", setting]
    return args


def environment() -> dict[str, str]:
    """The environment every git command runs in."""
    # The user's own way to reach a server over ssh is kept; every other GIT_ variable
    # (GIT_DIR, GIT_INDEX_FILE, ...) would point git somewhere else.
    kept = ("GIT_SSH_COMMAND", "GIT_SSH", "GIT_SSH_VARIANT", "GIT_PROXY_COMMAND")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k in kept}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_ASKPASS="/bin/false" if os.path.exists("/bin/false") else "false",
        SSH_ASKPASS_REQUIRE="never",
        GIT_AUTHOR_NAME=NEUTRAL_NAME, GIT_AUTHOR_EMAIL=NEUTRAL_EMAIL,
        GIT_COMMITTER_NAME=NEUTRAL_NAME, GIT_COMMITTER_EMAIL=NEUTRAL_EMAIL,
        GIT_AUTHOR_DATE=NEUTRAL_DATE, GIT_COMMITTER_DATE=NEUTRAL_DATE,
        LC_ALL="C",
    )  # fmt: skip
    # ssh must never ask for a passphrase or a host key on a terminal the app is drawing on.
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    return env


def run_git(command: list[str], *, input: bytes | None = None, check: bool = True,
            cwd: Path | None = None) -> bytes:
    """Run a whole git command line (no shell) with `environment()` and the timeout."""
    try:
        done = subprocess.run(
            command, input=input, capture_output=True, env=environment(), cwd=cwd,
            timeout=TIMEOUT_SECONDS, stdin=None if input is not None else subprocess.DEVNULL,
            # No controlling terminal: ssh can never ask for a passphrase on the app's screen.
            start_new_session=True,
        )  # fmt: skip
    except FileNotFoundError:
        raise GitFailed("git is not installed (kindcheck syncs through the git command)") from None
    except subprocess.TimeoutExpired:
        raise GitFailed(f"git took longer than {TIMEOUT_SECONDS:.0f} s and was stopped") from None
    if check and done.returncode != 0:
        said = done.stderr.decode(errors="replace")
        raise GitFailed(_last_words(done.stderr) or f"git {command[-1]} failed", said)
    return done.stdout


def _last_words(stderr: bytes) -> str:
    """git's most telling line: the first `fatal:`/`error:` line, else the last one."""
    lines = [line.strip() for line in stderr.decode(errors="replace").splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return lines[-1] if lines else ""


def command(*args: str) -> list[str]:
    """A git command line outside any repository, with our settings."""
    return ["git", *_config_args(), *args]


def init_repository(path: Path, *, bare: bool = False) -> None:
    """Make a repository at `path` (a missing folder or an empty one), no template."""
    run_git(command("init", "--quiet", *(["--bare"] if bare else []), "--template=", str(path)))


def init_bare(path: Path) -> None:
    """Make a bare repository at `path` (a missing folder or an empty one)."""
    init_repository(path, bare=True)


def is_repository(path: Path) -> bool:
    """Whether `path` is a git repository (bare or not) git can open."""
    try:
        run_git(["git", *_config_args(), f"--git-dir={path}", "rev-parse", "--git-dir"],
                cwd=path)
    except GitFailed:
        return False
    return True
