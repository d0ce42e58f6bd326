"""The quick set (`pytest -m "not slow"`) leaves out the slow tests, and only those."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Each of these takes many seconds: real processes, a real terminal, or many Hypothesis runs.
SLOW_FILES = [
    "tests/faults/test_accidents.py",
    "tests/faults/test_crashes.py",
    "tests/faults/test_roundtrip_property.py",
    "tests/faults/test_text_property.py",
    "tests/functional/test_tmux_typing.py",
]
SLOW_TESTS = [
    "tests/functional/test_literal_property.py::"
    "test_any_stored_text_shows_as_written_on_every_main_screen",
]
# A quick file next to them, to show the marker is not applied to everything.
QUICK = "tests/unit/test_readme.py"


def collected(*args: str) -> set[str]:
    """The test ids pytest would run for `args`, without running them."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode in (0, 5), done.stdout + done.stderr  # 5: nothing collected
    return {line for line in done.stdout.splitlines() if "::" in line}


def test_the_slow_tests_are_marked_slow() -> None:
    everything = collected(*SLOW_FILES, *SLOW_TESTS, QUICK)
    slow = collected("-m", "slow", *SLOW_FILES, *SLOW_TESTS, QUICK)
    expected = {test for test in everything if not test.startswith(QUICK)}
    assert len(expected) > len(SLOW_FILES)  # each file has tests, and all of them are here
    assert slow == expected


def test_the_quick_set_leaves_them_out() -> None:
    quick = collected("-m", "not slow", *SLOW_FILES, *SLOW_TESTS, QUICK)
    assert quick and all(test.startswith(QUICK) for test in quick)
