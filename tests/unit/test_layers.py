"""The layer line: the domain and the store never import Textual (as harlequin checks too)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
LAYERS = ("kindcheck/domain", "kindcheck/store")


def _modules() -> list[Path]:
    return sorted(p for layer in LAYERS for p in (SRC / layer).rglob("*.py"))


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            names.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return {n for n in names if isinstance(n, str)}


def test_there_are_modules_to_check() -> None:
    names = {_module_name(p) for p in _modules()}
    assert {"kindcheck.domain.model", "kindcheck.store.store"} <= names


@pytest.mark.parametrize("path", _modules(), ids=_module_name)
def test_no_textual_import_in_the_source(path: Path) -> None:
    imported = _imported(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    offending = sorted(n for n in imported if n == "textual" or n.startswith("textual."))
    assert offending == [], f"{path} imports {offending}"


def test_importing_the_layers_loads_no_textual() -> None:
    names = [_module_name(p) for p in _modules()]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


# What each layer may import of kindcheck: only itself and the layers below it.
BELOW = {"kindcheck/domain": ("kindcheck.domain",),
         "kindcheck/store": ("kindcheck.domain", "kindcheck.store")}


@pytest.mark.parametrize("path", _modules(), ids=_module_name)
def test_each_layer_imports_only_the_layers_below_it(path: Path) -> None:
    layer = next(layer for layer in LAYERS if (SRC / layer) in path.parents)
    allowed = BELOW[layer]
    imported = _imported(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
    ours = {n for n in imported if n == "kindcheck" or n.startswith("kindcheck.")}
    above = sorted(n for n in ours if not any(n == a or n.startswith(a + ".") for a in allowed))
    assert above == [], f"{path} imports {above} from a layer above it"
