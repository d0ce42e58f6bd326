"""The profiles behind the README's performance misses, written to benchmarks/profiles/.

    pip install pyinstrument          # not a test extra: only this script needs it
    python benchmarks/profiles.py     # about a minute; builds a five-year store in a temp folder

What it writes, each for the five-year store (`kindcheck demo --people 50 --weeks 260 --seed 1`):
- imports.txt: `python -X importtime` of what the dashboard imports before its first frame,
  the slowest modules by their own and cumulative time (start-up: first name on screen).
- startup.txt: pyinstrument from `KindcheckApp(...)` to the first frame and the roster filled.
- note.txt: pyinstrument of `kindcheck note` in-process (`note` against `import tinydb`).
- stalls.txt: every pause of the event loop over its target in in_app.py's run (ten check-ins
  typed, Tab, saved; then search), with the stacks sampled during it (stall_stacks.py): the
  profile behind each in-App figure that is missed.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "profiles"
NOW = "2026-11-23T09:30:00+01:00"
sys.path.insert(0, str(HERE))


def build_store(folder: Path) -> Path:
    data = folder / "kindcheck.json"
    env = {**os.environ, "KINDCHECK_DATA": str(data), "KINDCHECK_NOW": NOW,
           "KINDCHECK_CONFIG": str(folder / "settings.toml")}
    subprocess.run([sys.executable, "-m", "kindcheck", "demo", "--people", "50", "--weeks",
                    "260", "--seed", "1"], check=True, env=env, capture_output=True)
    return data


def imports() -> str:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import kindcheck.cli, kindcheck.app"],
        capture_output=True, text=True, check=True,
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, total, name = (part.strip() for part in line[len("import time:"):].split("|"))
        rows.append((int(total), int(own), name))
    cumulative = sorted(rows, reverse=True)[:30]
    own = sorted(rows, key=lambda r: r[1], reverse=True)[:30]
    lines = ["Slowest by cumulative time (µs, module with what it imports):"]
    lines += [f"{total:>9}  {name}" for total, _, name in cumulative]
    lines += ["", "Slowest by own time (µs, the module's body alone):"]
    lines += [f"{own_us:>9}  {name.strip()}" for _, own_us, name in own]
    return "\n".join(lines) + "\n"


def profiled(run: object) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005, async_mode="disabled")
    profiler.start()
    asyncio.run(run)  # type: ignore[arg-type]
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


async def startup(data: Path) -> None:
    app = _app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.0)


def _app(data: Path) -> object:
    import pendulum

    from kindcheck.app import KindcheckApp
    from kindcheck.domain.clock import fixed_clock
    from kindcheck.settings import Settings
    from kindcheck.store.store import Store

    clock = fixed_clock(pendulum.parse(NOW))
    return KindcheckApp(Store.open(data, clock=clock), clock, settings=Settings())


def main() -> None:
    from in_app import start_like_the_command

    OUT.mkdir(exist_ok=True)
    (OUT / "imports.txt").write_text(imports(), encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        data = build_store(Path(folder))
        first = next(iter(json.loads(data.read_text())["people"].values()))
        name = first["name"]
        start_like_the_command()
        (OUT / "startup.txt").write_text(profiled(startup(data)), encoding="utf-8")
        (OUT / "note.txt").write_text(note_for(data, name), encoding="utf-8")
        stalls(data)
    for path in sorted(OUT.glob("*.txt")):
        print(f"wrote {path.relative_to(HERE.parent)}")


def stalls(data: Path) -> None:
    """in_app.py --stacks in a process of its own, started as the command starts."""
    env = {**os.environ, "KINDCHECK_NOW": NOW}
    subprocess.run([sys.executable, str(HERE / "in_app.py"), str(data), "10", "--stacks",
                    str(OUT / "stalls.txt")], check=True, env=env, capture_output=True)


def note_for(data: Path, name: str) -> str:
    from pyinstrument import Profiler

    from kindcheck import cli

    os.environ["KINDCHECK_NOW"] = NOW
    profiler = Profiler(interval=0.0002)
    profiler.start()
    cli.main(["--data", str(data), "note", name, "A quick word after the standup"])
    profiler.stop()
    return profiler.output_text(unicode=True, color=False, show_all=False)


if __name__ == "__main__":
    main()
