"""The command line stays split by job: small modules, and parsing that loads nothing heavy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kindcheck.export import FORMATS
from kindcheck.shell.exports import FORMAT_NAMES

SRC = Path(__file__).resolve().parents[2] / "src" / "kindcheck"
CLI_MODULES = [SRC / "cli.py", *sorted((SRC / "shell").glob("*.py"))]


@pytest.mark.parametrize("module", CLI_MODULES, ids=lambda p: p.name)
def test_each_cli_module_stays_small(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{module.name} has {lines} lines"


def test_the_parser_names_the_formats_the_exporters_know() -> None:
    assert list(FORMAT_NAMES) == list(FORMATS)


def test_building_the_parser_loads_no_exporter_settings_or_platformdirs() -> None:
    # What `kindcheck note --data PATH` pays for before it writes: none of these.
    script = (
        "import sys\n"
        "from kindcheck.cli import build_parser\n"
        "build_parser().parse_args(['--data', 'x.json', 'note', 'ada', 'hi'])\n"
        "heavy = ('kindcheck.export', 'kindcheck.settings', 'kindcheck.today', 'platformdirs',\n"
        "         'kindcheck.demo.team', 'kindcheck.domain.search', 'textual')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
