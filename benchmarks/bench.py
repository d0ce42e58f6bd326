"""kindcheck at scale: how start-up, writes, saves, search and memory hold up with years of notes.

Run by hand (it takes several minutes and needs tmux):

    python benchmarks/bench.py                # all three store sizes, prints the table
    python benchmarks/bench.py --quick        # the smallest size only, fewer repeats
    python benchmarks/bench.py --write-readme # ...and put the table in README.md
    python benchmarks/bench.py --src DIR      # measure another copy of the code (DIR/kindcheck)

It prints figures and ratios; it never passes or fails. Every size is measured in the same run,
and each pair that makes a ratio is measured turn about, so the ratios hold on a noisy machine.

Python's bytecode cache is on for every run (in a temporary folder), as it is for an installed
kindcheck: with PYTHONDONTWRITEBYTECODE set, each start would compile kindcheck anew.
"""

from __future__ import annotations

import argparse
import asyncio
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
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE.parent / "README.md"
NOW = "2026-11-23T09:30:00+01:00"
SIZES = [(5, 12), (50, 52), (50, 260)]
TERMINAL = ("120", "40")
TABLE_START, TABLE_END = "<!-- bench:start -->", "<!-- bench:end -->"
# Shown last on kindcheck's dashboard: once it is there, everything is drawn.
ALL_DRAWN = b"Check in"


@dataclass
class Figures:
    label: str
    records: int = 0
    disk_bytes: int = 0
    startup_s: float = 0.0
    drawn_s: float = 0.0
    bare_startup_s: float = 0.0
    note_s: float = 0.0
    one_person_note_s: float = 0.0
    save_median_ms: float = 0.0
    save_p95_ms: float = 0.0
    save_stall_ms: float = 0.0
    open_stall_ms: float = 0.0
    tidy_ms: float = 0.0
    search_ms: float = 0.0
    peak_kib: int = 0
    bare_peak_kib: int = 0


# -- running things ---------------------------------------------------------------------------

_ENV: dict[str, str] = {}


def child_env(data: Path) -> dict[str, str]:
    """What every measured process sees: the store, a fixed "now", the bytecode cache."""
    return {**_ENV, "KINDCHECK_DATA": str(data), "KINDCHECK_NOW": NOW, "TERM": "xterm-256color"}


def kindcheck(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kindcheck", *args], env={**os.environ, **child_env(data)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip


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


def measure_startup(data: Path, names: list[str], repeats: int) -> tuple[float, ...]:
    """Medians of kindcheck's first name and everything drawn, the bare app's first name; and
    the peak memory of each."""
    names_file = data.parent / "names.txt"
    names_file.write_text("\n".join(names), encoding="utf-8")
    env = child_env(data)
    ours, drawn, bare, our_peaks, bare_peaks = [], [], [], [], []
    for _ in range(repeats):
        first, last, peak = time_on_screen(
            [sys.executable, "-m", "kindcheck"], names, env, then=ALL_DRAWN
        )
        ours.append(first)
        drawn.append(last)
        our_peaks.append(peak)
        first, _, peak = time_on_screen(
            [sys.executable, str(HERE / "bare_app.py"), str(names_file)], names, env
        )
        bare.append(first)
        bare_peaks.append(peak)
    return (
        statistics.median(ours), statistics.median(drawn), statistics.median(bare),
        max(our_peaks), max(bare_peaks),
    )  # fmt: skip


def measure_notes(data: Path, name: str, single: Path, repeats: int) -> tuple[float, float]:
    """Medians of whole `kindcheck note` runs on the store and on a one-person store, in turn."""
    on_store, on_single = [], []
    for index in range(repeats):
        for target, who, times in ((data, name, on_store), (single, "Solo", on_single)):
            started = time.perf_counter()
            kindcheck(target, "note", who, f"benchmark note {index}")
            times.append(time.perf_counter() - started)
    return statistics.median(on_store), statistics.median(on_single)


SEARCH_CODE = """
import sys, time
from pathlib import Path
from kindcheck.store.store import Store
from kindcheck.screens.search import SearchIndex
from kindcheck.domain.search import search
started = time.perf_counter()
result = search(SearchIndex(Store.open(Path(sys.argv[1]))).build(), sys.argv[2])
print(time.perf_counter() - started, result.total)
"""


def measure_search(data: Path, query: str, repeats: int) -> float:
    """First query in a fresh process, reading every note it needs: median milliseconds."""
    times = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", SEARCH_CODE, str(data), query],
            env={**os.environ, **child_env(data)}, capture_output=True, text=True, check=True,
        ).stdout.split()  # fmt: skip
        times.append(float(out[0]) * 1000)
    return statistics.median(times)


def measure_app_saves(data: Path, saves: int) -> dict[str, float]:
    """Save check-ins through the real form, in a process started as `python -m kindcheck`
    starts (garbage collection off until the first frame, as __main__ does)."""
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--saves-in-app", str(data), str(saves)],
        env={**os.environ, **child_env(data)}, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return dict(json.loads(out.splitlines()[-1]))


async def _app_saves(data: Path, saves: int) -> dict[str, float]:
    import pendulum

    from kindcheck.app import KindcheckApp
    from kindcheck.domain.clock import fixed_clock
    from kindcheck.store.store import Store

    clock = fixed_clock(pendulum.parse(NOW))
    store = Store.open(data, clock=clock)
    durations: list[float] = []
    real_save = store.save_checkin

    def timed_save(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        try:
            return real_save(*args, **kwargs)
        finally:
            durations.append(time.perf_counter() - started)

    store.save_checkin = timed_save  # type: ignore[method-assign]
    tidies: list[float] = []
    with contextlib.suppress(ImportError):  # kindcheck's own full collections, if it has them
        from kindcheck import garbage

        real_tidy = garbage.tidy

        def timed_tidy() -> None:
            started = time.perf_counter()
            real_tidy()
            tidies.append(time.perf_counter() - started)

        garbage.tidy = timed_tidy
    app = KindcheckApp(store=store, clock=clock)
    # The longest the event loop went without a turn, while opening the form and from ctrl+s
    # until the dashboard is redrawn: how long the app could not answer a key.
    worst = {"open": 0.0, "save": 0.0, "between": 0.0}
    phase: str | None = None
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        watching = True

        async def watch_loop() -> None:
            last = time.perf_counter()
            while watching:
                await asyncio.sleep(0.001)
                now = time.perf_counter()
                if phase is not None:
                    worst[phase] = max(worst[phase], now - last - 0.001)
                last = now

        watcher = asyncio.create_task(watch_loop())
        for index in range(saves):
            phase = "open"
            await pilot.press("c")
            await pilot.pause()
            phase = None
            # A real conversation: how they are, a progress and a missing item, a follow-up.
            for field, text in (
                ("#how-they-are", f"fine, round {index}"),
                ("#progress", f"shipped part {index} of the export"),
                ("#missing", f"waiting on a review for part {index}"),
                ("#follow-up", "+1w"),
            ):
                app.screen.query_one(field).focus()
                await pilot.press(*text)
            await pilot.pause()
            phase = "save"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            # A leader reads the dashboard for a moment before the next conversation; the app
            # tidies its memory then (kindcheck.garbage), which is timed on its own.
            phase = "between"
            await asyncio.sleep(1.5)
            phase = None
        watching = False
        await watcher
    if len(durations) != saves:
        raise RuntimeError(f"expected {saves} saves through the form, saw {len(durations)}")
    ms = sorted(d * 1000 for d in durations)
    return {
        "save_median_ms": statistics.median(ms),
        "save_p95_ms": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
        "save_stall_ms": worst["save"] * 1000,
        "open_stall_ms": worst["open"] * 1000,
        "tidy_ms": max(tidies, default=0.0) * 1000,
    }


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
            (figures.startup_s, figures.drawn_s, figures.bare_startup_s, figures.peak_kib,
             figures.bare_peak_kib) = measure_startup(data, names, repeats)  # fmt: skip
            figures.note_s, figures.one_person_note_s = measure_notes(
                data, names[0], single, repeats
            )
            figures.search_ms = measure_search(data, "laptop", repeats)
            for key, value in measure_app_saves(data, saves).items():
                setattr(figures, key, value)
            print(f"   {asdict(figures)}", file=sys.stderr)
            results.append(figures)
            shutil.rmtree(data.parent, ignore_errors=True)
    return results


# -- reporting --------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")  # fmt: skip


def table(results: list[Figures]) -> str:
    rows = [
        "| store | records | on disk | first name on screen (vs bare) | all drawn "
        "| `note` (vs 1 person) | save median / p95 | UI stall: save / open form "
        "| first search | peak memory (vs bare) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for f in results:
        rows.append(
            f"| {f.label} | {f.records:,} | {f.disk_bytes / 1e6:.1f} MB "
            f"| {f.startup_s * 1000:.0f} ms ({f.startup_s / f.bare_startup_s:.2f}×) "
            f"| {f.drawn_s * 1000:.0f} ms "
            f"| {f.note_s * 1000:.0f} ms ({f.note_s / f.one_person_note_s:.2f}×) "
            f"| {f.save_median_ms:.1f} / {f.save_p95_ms:.1f} ms "
            f"| {f.save_stall_ms:.0f} / {f.open_stall_ms:.0f} ms "
            f"| {f.search_ms:.0f} ms "
            f"| {f.peak_kib / 1024:.0f} MiB ({f.peak_kib / f.bare_peak_kib:.2f}×) |"
        )
    return "\n".join(rows)


def report(results: list[Figures]) -> str:
    return (f"Measured on {machine()}; {time.strftime('%Y-%m-%d')}.\n\n{table(results)}\n\n"
            "Targets at five years: first name ≤ 1.5× the bare app, `note` ≤ 1.2×, save median "
            "< 16 ms, no stall > 50 ms while saving, first search < 200 ms.")  # fmt: skip


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    block = f"{TABLE_START}\n{text}\n{TABLE_END}"
    pattern = re.compile(re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL)
    if not pattern.search(readme):
        raise SystemExit(f"{README} has no {TABLE_START} … {TABLE_END} block to fill")
    README.write_text(pattern.sub(lambda _: block, readme), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smallest size, fewer repeats")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--saves", type=int, default=30)
    parser.add_argument("--markdown", action="store_true", help="print only the README text")
    parser.add_argument("--write-readme", action="store_true", help="update README.md")
    parser.add_argument("--src", type=Path, help="measure the kindcheck package in this folder")
    parser.add_argument("--saves-in-app", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.saves_in_app:
        data, saves = args.saves_in_app
        print(json.dumps(asyncio.run(_app_saves(Path(data), int(saves)))))
        return
    if args.src:
        source = str(args.src.resolve())
        sys.path.insert(0, source)
        _ENV["PYTHONPATH"] = os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])
    sizes = SIZES[:1] if args.quick else SIZES
    repeats = 3 if args.quick else args.repeats
    text = report(run(sizes, repeats, 5 if args.quick else args.saves))
    print(text)
    if args.write_readme:
        write_readme(text)


def _start_as_main_does() -> None:
    """Start the way `python -m kindcheck` starts the kindcheck being measured: some versions
    turn garbage collection off until the first frame."""
    import gc
    import importlib.util

    spec = importlib.util.find_spec("kindcheck")
    if spec and spec.origin:
        main_module = Path(spec.origin).with_name("__main__.py").read_text(encoding="utf-8")
        if "gc.disable()" in main_module:
            gc.disable()


if __name__ == "__main__":
    if "--saves-in-app" in sys.argv:
        _start_as_main_does()
    main()
