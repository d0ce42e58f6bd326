"""kindcheck at scale: how start-up, writes, saves, search and memory hold up with years of notes.

Run by hand (it takes a few minutes and needs tmux):

    python benchmarks/bench.py            # all three store sizes
    python benchmarks/bench.py --quick    # the smallest size only, fewer repeats

It prints figures and ratios; it never passes or fails. Every size is measured in the same run so
the ratios hold on a noisy machine. `--markdown` prints the README table.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pendulum

HERE = Path(__file__).resolve().parent
NOW = "2026-11-23T09:30:00+01:00"
SIZES = [(5, 12), (50, 52), (50, 260)]
TERMINAL = ("120", "40")


@dataclass
class Figures:
    label: str
    records: int = 0
    disk_bytes: int = 0
    startup_s: float = 0.0
    bare_startup_s: float = 0.0
    note_s: float = 0.0
    one_person_note_s: float = 0.0
    save_median_ms: float = 0.0
    save_p95_ms: float = 0.0
    worst_stall_ms: float = 0.0
    search_ms: float = 0.0
    peak_kib: int = 0
    bare_peak_kib: int = 0
    notes: list[str] = field(default_factory=list)


def kindcheck(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KINDCHECK_DATA": str(data), "KINDCHECK_NOW": NOW}
    return subprocess.run(
        [sys.executable, "-m", "kindcheck", *args], env=env, capture_output=True, text=True,
        check=True,
    )


def first_names(data: Path) -> list[str]:
    from kindcheck.store.store import Store

    return [p.name for p in Store.open(data).people()]


# A tmux server of our own, kept alive by an idle session: a server that exits when its last
# session ends races the next `new-session`, and the user's tmux.conf stays out of the figures.
TMUX_SOCKET = f"kcbench{os.getpid()}"
_sessions = itertools.count()


def tmux(*args: str, check: bool = False) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["tmux", "-L", TMUX_SOCKET, "-f", os.devnull, *args],
        capture_output=True, text=True, check=check,
    )


@contextlib.contextmanager
def tmux_server() -> Iterator[None]:
    tmux("new-session", "-d", "-s", "idle", "sleep", "86400", check=True)
    try:
        yield
    finally:
        tmux("kill-server")


def _wait_gone(pid: int) -> None:
    """Wait until a killed app has really exited, so it does not slow the next measurement."""
    deadline = time.perf_counter() + 10
    while Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
        time.sleep(0.01)


def time_on_screen(command: list[str], wanted: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from launching `command` in tmux until one of `wanted` shows, and peak memory."""
    session = f"run{next(_sessions)}"
    pairs = [f"{k}={v}" for k, v in env.items()]
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", TERMINAL[0], "-y", TERMINAL[1],
         "env", *pairs, *command, check=True)
    try:
        while True:
            screen = tmux("capture-pane", "-p", "-t", session).stdout
            if any(name in screen for name in wanted):
                elapsed = time.perf_counter() - started
                break
            if time.perf_counter() - started > 60:
                raise RuntimeError(f"nothing showed up for {command}:\n{screen}")
            time.sleep(0.005)
        pid = tmux("display", "-p", "-t", session, "#{pane_pid}").stdout.strip()
        time.sleep(1.0)  # let workers that load details finish before reading peak memory
        peak = _peak_kib(int(pid))
    finally:
        tmux("kill-session", "-t", session)
    _wait_gone(int(pid))
    return elapsed, peak


def _peak_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def measure_startup(data: Path, names: list[str], repeats: int) -> tuple[float, float, int, int]:
    names_file = data.parent / "names.txt"
    names_file.write_text("\n".join(names), encoding="utf-8")
    env = {"KINDCHECK_DATA": str(data), "KINDCHECK_NOW": NOW, "TERM": "xterm-256color"}
    ours, bare, our_peaks, bare_peaks = [], [], [], []
    for _ in range(repeats):
        seconds, peak = time_on_screen([sys.executable, "-m", "kindcheck"], names, env)
        ours.append(seconds)
        our_peaks.append(peak)
        seconds, peak = time_on_screen(
            [sys.executable, str(HERE / "bare_app.py"), str(names_file)], names, env
        )
        bare.append(seconds)
        bare_peaks.append(peak)
    return (
        statistics.median(ours), statistics.median(bare), max(our_peaks), max(bare_peaks)
    )


def measure_note(data: Path, name: str, repeats: int) -> float:
    times = []
    for index in range(repeats):
        started = time.perf_counter()
        kindcheck(data, "note", name, f"benchmark note {index}")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_app_saves(data: Path, saves: int) -> tuple[float, float, float]:
    """Drive the real check-in form and time each store.save_checkin, watching the UI loop."""
    return asyncio.run(_app_saves(data, saves))


async def _app_saves(data: Path, saves: int) -> tuple[float, float, float]:
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
    app = KindcheckApp(store=store, clock=clock)
    worst_gap = 0.0
    async with app.run_test(size=(120, 40)) as pilot:
        watching = True

        async def watch_loop() -> None:
            nonlocal worst_gap
            last = time.perf_counter()
            while watching:
                await asyncio.sleep(0.002)
                now = time.perf_counter()
                worst_gap = max(worst_gap, now - last - 0.002)
                last = now

        watcher = asyncio.create_task(watch_loop())
        for index in range(saves):
            await pilot.press("c")
            await pilot.pause()
            await pilot.press(*f"fine, round {index}")
            # Jump to the follow-up field and plan one.
            app.screen.query_one("#follow-up").focus()
            await pilot.press(*"+1w")
            await pilot.press("ctrl+s")
            await pilot.pause()
        watching = False
        await watcher
    if len(durations) != saves:
        raise RuntimeError(f"expected {saves} saves through the form, saw {len(durations)}")
    ms = sorted(d * 1000 for d in durations)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return statistics.median(ms), p95, worst_gap * 1000


def measure_search(data: Path, query: str) -> float:
    """First query on a freshly opened store, including reading every history it needs."""
    code = (
        "import sys,time;from kindcheck.store.store import Store;"
        "from kindcheck.screens.search import SearchIndex;from kindcheck.domain.search import search;"
        "t=time.perf_counter();s=Store.open(sys.argv[1]);r=search(SearchIndex(s).build(),sys.argv[2]);"
        "print(time.perf_counter()-t, r.total)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(data), query], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]) * 1000


def disk_size(data: Path) -> int:
    return sum(f.stat().st_size for f in data.parent.rglob("*") if f.is_file())


def count_records(data: Path) -> int:
    from kindcheck.store.store import Store

    store = Store.open(data)
    total = 0
    for history in store.histories().values():
        total += len(history.checkins) + len(history.notes) + len(history.commitments)
        total += len(history.followups)
    return total


def run(sizes: list[tuple[int, int]], repeats: int, saves: int) -> list[Figures]:
    results = []
    with tempfile.TemporaryDirectory(prefix="kindcheck-bench-") as root:
        single = Path(root) / "one" / "kindcheck.json"
        kindcheck(single, "add-person", "Solo Person")
        one_person_note = measure_note(single, "Solo", repeats)
        for people, weeks in sizes:
            label = f"{people} people x {weeks} weeks"
            print(f"-- {label}", file=sys.stderr)
            data = Path(root) / f"p{people}w{weeks}" / "kindcheck.json"
            started = time.perf_counter()
            kindcheck(data, "demo", "--people", str(people), "--weeks", str(weeks), "--seed", "1")
            print(f"   demo written in {time.perf_counter() - started:.1f}s", file=sys.stderr)
            figures = Figures(label, records=count_records(data), disk_bytes=disk_size(data))
            names = first_names(data)
            (figures.startup_s, figures.bare_startup_s, figures.peak_kib,
             figures.bare_peak_kib) = measure_startup(data, names, repeats)
            figures.note_s = measure_note(data, names[0], repeats)
            figures.one_person_note_s = one_person_note
            figures.search_ms = measure_search(data, "laptop")
            (figures.save_median_ms, figures.save_p95_ms,
             figures.worst_stall_ms) = measure_app_saves(data, saves)
            results.append(figures)
            shutil.rmtree(data.parent, ignore_errors=True)
    return results


def table(results: list[Figures]) -> str:
    rows = [
        "| store | records | on disk | start-up (vs bare) | `note` (vs 1 person) "
        "| save median / p95 | worst UI stall | search | peak memory (vs bare) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in results:
        rows.append(
            f"| {f.label} | {f.records:,} | {f.disk_bytes / 1e6:.1f} MB "
            f"| {f.startup_s * 1000:.0f} ms ({f.startup_s / f.bare_startup_s:.2f}x) "
            f"| {f.note_s * 1000:.0f} ms ({f.note_s / f.one_person_note_s:.2f}x) "
            f"| {f.save_median_ms:.1f} / {f.save_p95_ms:.1f} ms | {f.worst_stall_ms:.0f} ms "
            f"| {f.search_ms:.0f} ms "
            f"| {f.peak_kib / 1024:.0f} MiB ({f.peak_kib / f.bare_peak_kib:.2f}x) |"
        )
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smallest size, fewer repeats")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    sizes = SIZES[:1] if args.quick else SIZES
    repeats = 2 if args.quick else args.repeats
    results = run(sizes, repeats, 5 if args.quick else args.saves)
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    print(table(results))
    print("Targets at five years: start-up <= 1.5x bare, note <= 1.2x, save median < 16 ms, "
          "no stall > 50 ms, search < 200 ms.")


if __name__ == "__main__":
    main()
