"""The real calendar engines, run as the leader would run them, all under tmp_path.

A Radicale CalDAV server on 127.0.0.1 (a free port, its own storage folder, one plain
htpasswd user), vdirsyncer pairing kindcheck's vdir with a calendar on that server, and khal
reading the vdir. Nothing here reaches beyond loopback: every child process gets an
environment without proxies. An engine that is missing fails the test instead of skipping
it, because CI installs all of them and is where these tests must run.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import pytest

USER = "leader"
PASSWORD = "not-a-real-secret"
CALENDAR = "kindcheck"  # the collection's name on the server and the vdir's folder name
WORK = "work"  # the leader's work calendar: kindcheck only reads it (`read` in settings)
START_DEADLINE = 20.0  # seconds for Radicale to answer
RUN_TIMEOUT = 60  # seconds for one vdirsyncer or khal command
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "ftp_proxy")
LOOPBACK = "127.0.0.1,localhost"


def loopback_environ(base: dict[str, str] | None = None) -> dict[str, str]:
    """`base` (the current environment by default) with proxies removed and loopback exempt."""
    env = dict(os.environ if base is None else base)
    for name in PROXY_VARIABLES:
        env.pop(name, None)
        env.pop(name.upper(), None)
    env["NO_PROXY"] = env["no_proxy"] = LOOPBACK
    return env


def engine(name: str) -> str:
    """The venv's `name` command, installed next to this Python; fail the test if absent."""
    path = Path(sys.executable).with_name(name)
    if not path.exists():
        pytest.fail(f"{name} is not installed next to {sys.executable}: pip install -e '.[test]'")
    return str(path)


def run(args: list[str], *, stdin: str = "", ok: bool = True) -> str:
    """Run one engine command and return what it said; fail the test with its output unless
    it exits 0 (`ok`) or, with `ok=False`, unless it fails."""
    result = subprocess.run(args, input=stdin, capture_output=True, text=True, encoding="utf-8",
                            env=loopback_environ(), timeout=RUN_TIMEOUT, check=False)
    if (result.returncode == 0) != ok:
        pytest.fail(f"{Path(args[0]).name} {' '.join(args[1:])} exited {result.returncode}:\n"
                    f"{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


def free_port() -> int:
    """A port nobody on 127.0.0.1 listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Radicale:
    """A running Radicale: where it listens, who may log in, where it keeps the calendars."""

    process: subprocess.Popen[bytes]
    port: int
    storage: Path  # every byte the server holds lives under here
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def calendar_url(self) -> str:
        return f"{self.url}{USER}/{CALENDAR}/"

    def stop(self) -> None:
        """Ask it to stop, then insist."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_radicale(folder: Path, attempts: int = 3) -> Radicale:
    """Start Radicale with its config, users and storage in `folder`; return once it answers.

    The port is free when chosen but another process could take it before Radicale binds;
    then Radicale exits and another port is tried.
    """
    if find_spec("radicale") is None:
        pytest.fail("Radicale is not installed in this Python: pip install -e '.[test]'")
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users"
    users.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
    storage = folder / "collections"
    problems: list[str] = []
    for attempt in range(attempts):
        port = free_port()
        config = folder / "radicale.conf"
        config.write_text(
            f"[server]\nhosts = 127.0.0.1:{port}\n\n"
            f"[auth]\ntype = htpasswd\nhtpasswd_filename = {users}\n"
            "htpasswd_encryption = plain\n\n"
            f"[storage]\nfilesystem_folder = {storage}\n\n"
            "[web]\ntype = none\n\n[logging]\nlevel = warning\n",
            encoding="utf-8")
        log = folder / f"radicale-{attempt}.log"
        with log.open("wb") as out:
            process = subprocess.Popen([sys.executable, "-m", "radicale", "-C", str(config)],
                                       stdout=out, stderr=subprocess.STDOUT,
                                       env=loopback_environ())
        server = Radicale(process, port, storage, log)
        if _answers(server):
            return server
        server.stop()
        problems.append(log.read_text(encoding="utf-8", errors="replace"))
    pytest.fail("Radicale never answered:\n" + "\n".join(problems))


def _answers(server: Radicale) -> bool:
    """Wait (to a deadline) until the server answers HTTP; False if it exited first."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    end = time.monotonic() + START_DEADLINE
    while time.monotonic() < end:
        try:
            with opener.open(server.url, timeout=1):
                return True
        except urllib.error.HTTPError:
            return True  # 401 or 404: it is there and talking HTTP
        except OSError:
            pass
        # Not listening yet: wait on the process itself, so an early exit ends the wait.
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout=0.05)
            return False
    return False


def vdirsyncer_config(calendars: Path, status: Path, server: Radicale, password: Path) -> str:
    """The config the README documents: two calendars on a CalDAV server, each a folder under
    `calendars` (kindcheck's vdir, and the work calendar kindcheck reads for busy times);
    the server's password is in the file `password`, read by a command as `pass` would.

    `conflict_resolution = "b wins"`: when vdirsyncer finds an event changed both locally
    and on the server, the server's version reaches the vdir; kindcheck still holds its own
    in the store, so its read-back sees both and keeps the later change with a note. With
    "a wins" the change made on the phone would be thrown away before kindcheck saw it, and
    with none set vdirsyncer stops the sync and asks.
    """
    def value(text: str) -> str:
        return json.dumps(text)  # vdirsyncer's values are JSON

    return (
        "[general]\n"
        f"status_path = {value(str(status) + '/')}\n\n"
        "[pair calendars]\n"
        'a = "calendars_local"\n'
        'b = "calendars_remote"\n'
        # [name in the pair, folder under `path`, collection on the server]
        f"collections = {json.dumps([[CALENDAR] * 3, [WORK] * 3])}\n"
        'conflict_resolution = "b wins"\n\n'
        "[storage calendars_local]\n"
        'type = "filesystem"\n'
        f"path = {value(str(calendars) + '/')}\n"
        'fileext = ".ics"\n\n'
        "[storage calendars_remote]\n"
        'type = "caldav"\n'
        f"url = {value(server.url)}\n"
        f"username = {value(USER)}\n"
        # The password never sits in the config: vdirsyncer runs a command and reads its output.
        f"password.fetch = {json.dumps(['command', 'cat', str(password)])}\n"
    )


@dataclass
class Vdirsyncer:
    """vdirsyncer with its config and status under tmp_path."""

    config: Path

    def discover(self) -> str:
        """Find the collections on both sides; say yes to creating any that are missing."""
        return run([engine("vdirsyncer"), "-c", str(self.config), "discover"], stdin="y\n" * 4)

    def sync(self, *options: str, ok: bool = True) -> str:
        """One `vdirsyncer sync`, both ways; `ok=False` expects it to fail.

        A sync that works must also have nothing to warn about (an item it found odd, a UID
        it had to change): kindcheck's files should be plain to every engine.
        """
        said = run([engine("vdirsyncer"), "-c", str(self.config), "sync", *options], ok=ok)
        if ok:
            assert "warning" not in said.lower(), said
        return said


def khal_config(vdir: Path, database: Path) -> str:
    """khal reading kindcheck's vdir as one calendar, with fixed formats and zone."""
    return (
        "[calendars]\n"
        f"[[{CALENDAR}]]\npath = {vdir}\ntype = calendar\n\n"
        "[locale]\n"
        "timeformat = %H:%M\n"
        "dateformat = %Y-%m-%d\n"
        "longdateformat = %Y-%m-%d\n"
        "datetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\n"
        "local_timezone = Europe/Berlin\n"
        "default_timezone = Europe/Berlin\n\n"
        f"[sqlite]\npath = {database}\n"
    )


def khal_list(config: Path, day: str) -> str:
    """`khal list DAY 1d`, one line per event: start-end, title and a bell if it has alarms."""
    return run([engine("khal"), "-c", str(config), "list", "--format",
                "{start-time}-{end-time} {title}{alarm-symbol}", "--day-format", "", day, "1d"])
