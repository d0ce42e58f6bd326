"""kindcheck at scale, measured on what users run: the installed `kindcheck` command.

Run by hand (it takes several minutes and needs tmux):

    python benchmarks/bench.py                # three store sizes; targets judged at five years
    python benchmarks/bench.py --quick        # the five-year store only, fewer repeats
    python benchmarks/bench.py --big          # ...and ten years of 100 people: how figures grow
    python benchmarks/bench.py --write-readme # put the table in README.md
    python benchmarks/bench.py --src DIR      # measure another copy of the code (DIR/kindcheck)

Start-up, memory and `note` are the installed `kindcheck` script (next to this Python) in a
real terminal (tmux, 120x40); each ratio's two sides are measured turn about in one run, so
the ratios hold on a noisy machine. Tab, event-loop pauses and search are measured inside the
real App by benchmarks/in_app.py, started the way the command starts. Python's bytecode cache
is on (in a temporary folder), as it is for an installed kindcheck.

It prints each figure with its target and whether it is met; it never passes or fails.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
NOW = "2026-11-23T09:30:00+01:00"
FIVE_YEARS = (50, 260)
SIZES = [(5, 12), (50, 52), FIVE_YEARS]
TEN_YEARS = (100, 520)
TERMINAL = ("120", "40")
TABLE_START, TABLE_END = "<!-- bench:start -->", "<!-- bench:end -->"
# Shown last on kindcheck's dashboard: once it is there, everything is drawn.
ALL_DRAWN = b"Check in"
# The installed console script, as a user runs it.
KINDCHECK = str(Path(sys.executable).with_name("kindcheck"))


@dataclass
class Target:
    """A figure, how it is shown, and the most it may be at five years."""

    name: str
    unit: str
    most: float


TARGETS = [
    Target("first name on screen vs bare app", "×", 1.25),
    Target("everything drawn vs bare app", "×", 1.5),
    Target("Tab, key to focus, p99", "ms", 16),
    Target("longest pause while typing in the form", "ms", 16),
    Target("longest pause opening the form", "ms", 50),
    Target("longest pause saving (ctrl+s until the dashboard is back)", "ms", 50),
    Target("search: first query", "ms", 50),
    Target("search: longest pause for a further keystroke", "ms", 16),
    Target("`kindcheck note` vs a one-person store", "×", 1.2),
    Target('`kindcheck note` vs `python -c "import tinydb"`', "×", 2.0),
    Target("peak memory of the dashboard vs bare app", "×", 1.5),
]


@dataclass
class Figures:
    label: str
    records: int = 0
    disk_bytes: int = 0
    raw: dict[str, float] = field(default_factory=dict)  # plain figures (s, ms, KiB)
    judged: dict[str, float] = field(default_factory=dict)  # by Target.name


# -- running things ---------------------------------------------------------------------------

_ENV: dict[str, str] = {}


def child_env(data: Path) -> dict[str, str]:
    """What every measured process sees: the store, a fixed "now", the bytecode cache."""
    return {**_ENV, "KINDCHECK_DATA": str(data), "KINDCHECK_NOW": NOW, "TERM": "xterm-256color"}


def run_env(data: Path) -> dict[str, str]:
    return {**os.environ, **child_env(data)}


def kindcheck(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed command, as a user runs it."""
    return subprocess.run(
        [KINDCHECK, *args], env=run_env(data), capture_output=True, text=True, check=True
    )


# A tmux server of our own, kept alive by an idle session: a server that exits when its last
# session ends races the next `new-session`, and the user's tmux.conf stays out of the figures.
TMUX_SOCKET = f"kcbench{os.getpid()}"
_sessions = itertools.count()


def tmux(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", TMUX_SOCKET, "-f", os.devnull, *args],
        capture_output=True, text=True, check=check,
    )  # fmt: skip


@contextlib.contextmanager
def tmux_server() -> Iterator[None]:
    tmux("new-session", "-d", "-s", "idle", "sleep", "86400", check=True)
    try:
        yield
    finally:
        tmux("kill-server")


def time_on_screen(
    command: list[str], wanted: list[str], env: dict[str, str], then: bytes | None = None
) -> tuple[float, float, int]:
    """Launch `command` in a real terminal (tmux): seconds until one of `wanted` shows, seconds
    until `then` shows too (if given), and the peak memory in KiB a second later.

    The pane's output is streamed to a file (tmux pipe-pane) and read as it grows: polling
    with `capture-pane` would start a tmux client every few milliseconds, and those take CPU
    from the app being timed.
    """
    session = f"run{next(_sessions)}"
    stream = Path(tempfile.mkdtemp(prefix="kcbench-pane-")) / "pane.out"
    stream.touch()
    names = [name.encode() for name in wanted]
    keep = max(len(marker) for marker in [*names, then or b""])
    first = last = then_at = 0.0
    pid = ""
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", TERMINAL[0], "-y", TERMINAL[1],
         "env", *(f"{k}={v}" for k, v in env.items()), *command, check=True)  # fmt: skip
    # The app needs far longer than this to draw anything, so no output is missed.
    tmux("pipe-pane", "-t", session, f"cat >> {stream}", check=True)
    try:
        seen = b""
        with stream.open("rb") as pane:
            while not last:
                # The tail of what was read before, in case a marker straddles two reads.
                seen = seen[-keep:] + pane.read()
                elapsed = time.perf_counter() - started
                if then is not None and not then_at and then in seen:
                    then_at = elapsed
                if not first and any(name in seen for name in names):
                    first = elapsed
                if first and (then is None or then_at):
                    last = max(first, then_at)
                elif elapsed > 60:
                    screen = tmux("capture-pane", "-p", "-t", session).stdout
                    raise RuntimeError(f"nothing showed up for {command}:\n{screen}")
                time.sleep(0.002)
        pid = tmux("display", "-p", "-t", session, "#{pane_pid}").stdout.strip()
        time.sleep(1.0)  # let work after the first frame finish before reading peak memory
        peak = _peak_kib(int(pid))
    finally:
        tmux("kill-session", "-t", session)
        shutil.rmtree(stream.parent, ignore_errors=True)
    _wait_gone(int(pid))
    return first, last, peak


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _wait_gone(pid: int) -> None:
    """Wait until a killed app has really exited, so it does not slow the next measurement."""
    deadline = time.perf_counter() + 10
    while Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
        time.sleep(0.01)


# -- the measurements -------------------------------------------------------------------------


def turn_about(repeats: int, *runs: Callable[[], float]) -> list[float]:
    """Each of `runs`, one after the other, `repeats` times: the median of each."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeats):
        for each, run in zip(times, runs, strict=True):
            each.append(run())
    return [statistics.median(each) for each in times]


def measure_startup(data: Path, names: list[str], repeats: int) -> dict[str, float]:
    """kindcheck's first name and everything drawn, the bare app's first name (medians, s),
    and the peak memory of each (largest, KiB); kindcheck and the bare app in turn."""
    names_file = data.parent / "names.txt"
    names_file.write_text("\n".join(names), encoding="utf-8")
    env = child_env(data)
    ours, drawn, bare, our_peaks, bare_peaks = [], [], [], [], []
    for _ in range(repeats):
        first, last, peak = time_on_screen([KINDCHECK], names, env, then=ALL_DRAWN)
        ours.append(first)
        drawn.append(last)
        our_peaks.append(peak)
        first, _, peak = time_on_screen(
            [sys.executable, str(HERE / "bare_app.py"), str(names_file)], names, env
        )
        bare.append(first)
        bare_peaks.append(peak)
    return {
        "first_name_s": statistics.median(ours),
        "all_drawn_s": statistics.median(drawn),
        "bare_first_name_s": statistics.median(bare),
        "peak_kib": max(our_peaks),
        "bare_peak_kib": max(bare_peaks),
    }


def measure_notes(data: Path, name: str, single: Path, repeats: int) -> dict[str, float]:
    """Whole `kindcheck note` runs on the store and on a one-person store, and `python -c
    "import tinydb"`, in turn (medians, s)."""

    def timed(command: list[str], target: Path) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            subprocess.run(command, env=run_env(target), capture_output=True, check=True)
            return time.perf_counter() - started

        return run

    counter = itertools.count()

    def note(target: Path, who: str) -> Callable[[], float]:
        def run() -> float:
            return timed([KINDCHECK, "note", who, f"benchmark note {next(counter)}"], target)()

        return run

    on_store, on_single, tinydb = turn_about(
        repeats,
        note(data, name),
        note(single, "Solo"),
        timed([sys.executable, "-c", "import tinydb"], single),
    )
    return {"note_s": on_store, "one_person_note_s": on_single, "import_tinydb_s": tinydb}


def measure_in_app(data: Path, saves: int) -> dict[str, float]:
    """Tab, event-loop pauses and search inside the real App (benchmarks/in_app.py), on a copy
    of the store so the saves do not change the next measurement's."""
    with tempfile.TemporaryDirectory(prefix="kcbench-app-") as folder:
        copy = Path(folder) / "store"
        shutil.copytree(data.parent, copy)
        out = subprocess.run(
            [sys.executable, str(HERE / "in_app.py"), str(copy / data.name), str(saves)],
            env=run_env(copy / data.name), capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    figures = json.loads(out.splitlines()[-1])
    figures.pop("collections_ms", None)  # for reading by hand when a pause is long
    return {key: float(value) for key, value in figures.items()}


def judge(raw: dict[str, float]) -> dict[str, float]:
    """The figures the targets are about, by Target.name."""
    return dict(zip([t.name for t in TARGETS], [
        raw["first_name_s"] / raw["bare_first_name_s"],
        raw["all_drawn_s"] / raw["bare_first_name_s"],
        raw["tab_p99_ms"],
        raw["typing_pause_ms"],
        max(raw["first_open_pause_ms"], raw["open_pause_ms"]),
        raw["save_pause_ms"],
        raw["search_first_ms"],
        raw["search_key_pause_ms"],
        raw["note_s"] / raw["one_person_note_s"],
        raw["note_s"] / raw["import_tinydb_s"],
        raw["peak_kib"] / raw["bare_peak_kib"],
    ], strict=True))  # fmt: skip


def disk_size(data: Path) -> int:
    """Bytes of every file of the store; the daily backups are hard links, counted once."""
    seen: dict[tuple[int, int], int] = {}
    for path in data.parent.rglob("*"):
        if path.is_file() and path.name != "names.txt":
            info = path.stat()
            seen[(info.st_dev, info.st_ino)] = info.st_size
    return sum(seen.values())


def count_records(data: Path) -> tuple[int, list[str]]:
    from kindcheck.store.store import Store

    store = Store.open(data)
    total = 0
    for history in store.histories().values():
        total += len(history.checkins) + len(history.notes) + len(history.commitments)
        total += len(history.followups)
    return total, [p.name for p in store.people()]


def run(sizes: list[tuple[int, int]], repeats: int, saves: int) -> list[Figures]:
    results = []
    with tempfile.TemporaryDirectory(prefix="kindcheck-bench-") as root, tmux_server():
        _ENV.update(PYTHONDONTWRITEBYTECODE="", PYTHONPYCACHEPREFIX=f"{root}/pycache")
        single = Path(root) / "one" / "kindcheck.json"
        kindcheck(single, "add-person", "Solo Person")  # also fills the bytecode cache
        for people, weeks in sizes:
            label = f"{people} people × {weeks} weeks"
            print(f"-- {label}", file=sys.stderr)
            data = Path(root) / f"p{people}w{weeks}" / "kindcheck.json"
            started = time.perf_counter()
            kindcheck(data, "demo", "--people", str(people), "--weeks", str(weeks), "--seed", "1")
            print(f"   demo written in {time.perf_counter() - started:.1f}s", file=sys.stderr)
            records, names = count_records(data)
            figures = Figures(label, records=records, disk_bytes=disk_size(data))
            figures.raw.update(measure_startup(data, names, repeats))
            figures.raw.update(measure_notes(data, names[0], single, repeats))
            figures.raw.update(measure_in_app(data, saves))
            figures.judged = judge(figures.raw)
            print(f"   {figures.raw}", file=sys.stderr)
            results.append(figures)
            shutil.rmtree(data.parent, ignore_errors=True)
    return results


# -- reporting --------------------------------------------------------------------------------


def shown(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def table(results: list[Figures]) -> str:
    """One row per figure, one column per store size; the five-year column is judged."""
    five = next((f for f in results if f.label.startswith(f"{FIVE_YEARS[0]} people × "
                                                          f"{FIVE_YEARS[1]} ")), None)  # fmt: skip
    rows = [
        "| figure | " + " | ".join(f.label for f in results) + " | target at five years | |",
        "|---|" + "--:|" * len(results) + "--:|---|",
        "| records (on disk) | " + " | ".join(
            f"{f.records:,} ({f.disk_bytes / 1e6:.1f} MB)" for f in results) + " | | |",
        "| first name on screen, ms | " + " | ".join(
            f"{f.raw['first_name_s'] * 1000:.0f}" for f in results) + " | | |",
        "| `kindcheck note`, ms | " + " | ".join(
            f"{f.raw['note_s'] * 1000:.0f}" for f in results) + " | | |",
        "| peak memory, MiB | " + " | ".join(
            f"{f.raw['peak_kib'] / 1024:.0f}" for f in results) + " | | |",
    ]  # fmt: skip
    for target in TARGETS:
        cells = [shown(f.judged[target.name], target.unit) for f in results]
        verdict = ""
        if five is not None:
            value = five.judged[target.name]
            verdict = (
                "met"
                if value <= target.most
                else (f"**missed** by {shown(value - target.most, target.unit)}")
            )
        most = shown(target.most, target.unit)
        rows.append(f"| {target.name} | " + " | ".join(cells) + f" | ≤ {most} | {verdict} |")
    return "\n".join(rows)


def growth(results: list[Figures]) -> str:
    """How each figure grows from five years to ten (when both were measured)."""
    by_label = {f.label: f for f in results}
    five = by_label.get(f"{FIVE_YEARS[0]} people × {FIVE_YEARS[1]} weeks")
    ten = by_label.get(f"{TEN_YEARS[0]} people × {TEN_YEARS[1]} weeks")
    if five is None or ten is None:
        return ""
    lines = ["From five years of 50 people to ten years of 100 (about four times the notes):"]
    for target in TARGETS:
        before, after = five.judged[target.name], ten.judged[target.name]
        change = after / before if before else float("inf")
        lines.append(f"- {target.name}: {shown(before, target.unit)} → "
                     f"{shown(after, target.unit)} ({change:.2f}× as much)")  # fmt: skip
    return "\n".join(lines)


def report(results: list[Figures]) -> str:
    parts = [f"Measured on {machine()}; {time.strftime('%Y-%m-%d')}.", table(results)]
    grown = growth(results)
    if grown:
        parts.append(grown)
    return "\n\n".join(parts)


def machine() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")  # fmt: skip


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    block = f"{TABLE_START}\n{text}\n{TABLE_END}"
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"{README} has no {TABLE_START} … {TABLE_END} block to fill")
    README.write_text(pattern.sub(lambda _: block, readme), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="five years only, fewer repeats")
    parser.add_argument("--big", action="store_true", help="add ten years of 100 people")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--saves", type=int, default=10, help="check-ins saved in the App")
    parser.add_argument("--write-readme", action="store_true", help="update README.md")
    parser.add_argument("--src", type=Path, help="measure the kindcheck package in this folder")
    args = parser.parse_args()
    if not Path(KINDCHECK).exists():
        raise SystemExit(f"no kindcheck command next to {sys.executable}: pip install -e .")
    if args.src:
        source = str(args.src.resolve())
        sys.path.insert(0, source)
        _ENV["PYTHONPATH"] = os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])
    sizes = [FIVE_YEARS] if args.quick else list(SIZES)
    if args.big:
        sizes.append(TEN_YEARS)
    repeats = 3 if args.quick else args.repeats
    text = report(run(sizes, repeats, 2 if args.quick else args.saves))
    print(text)
    if args.write_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
