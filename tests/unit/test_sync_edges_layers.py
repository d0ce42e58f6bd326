"""Code outside the store asks it through public names, never its private ones."""

from __future__ import annotations

import ast
from pathlib import Path

import kindcheck
from kindcheck.store.index import is_person_id

SOURCE = Path(kindcheck.__file__).parent


def _private_store_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kindcheck.store"):
            found += [f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    return found


def test_nothing_outside_the_store_imports_its_private_names() -> None:
    outside = [p for p in SOURCE.rglob("*.py") if SOURCE / "store" not in p.parents]
    found = {str(p.relative_to(SOURCE)): _private_store_imports(p) for p in outside}
    assert {name: names for name, names in found.items() if names} == {}


def test_a_person_id_is_a_plain_file_name() -> None:
    assert is_person_id("a1b2c3d4e5f6")
    assert is_person_id("ada_lovelace-2")
    assert not is_person_id("../ada")
    assert not is_person_id("ada.json")
    assert not is_person_id("")
    assert not is_person_id("x" * 65)
