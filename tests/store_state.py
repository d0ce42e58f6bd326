"""What a store folder holds, byte for byte: to prove a refusal changed nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(folder: Path, *, skip_links: bool = False) -> dict[str, str]:
    """Every file under `folder` (names and bytes); `skip_links` leaves symlinks out."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (skip_links and p.is_symlink())
    }
