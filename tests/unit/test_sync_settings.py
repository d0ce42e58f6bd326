"""The `[sync]` table of settings.toml: off by default, true/false only, problems named by line."""

from __future__ import annotations

from pathlib import Path

from kindcheck.settings import load_settings
from kindcheck.sync_settings import SyncSettings


def test_sync_is_off_unless_asked(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "missing.toml").sync == SyncSettings()
    path = tmp_path / "settings.toml"
    path.write_text("[sync]\non_open = true\n")
    settings = load_settings(path)
    assert (settings.sync.on_open, settings.sync.on_quit, settings.problems) == (True, False, ())


def test_a_bad_value_is_named_with_its_line_and_stays_off(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "textual-dark"\n[sync]\non_open = "yes"\non_close = true\n')
    settings = load_settings(path)
    assert not settings.sync.on_open
    assert settings.problems == (
        f"{path}, line 3: on_open should be true or false, not 'yes'; using false.",
        f"{path}, line 4: sync has no setting called 'on_close' (it knows on_open, on_quit).",
    )


def test_sync_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("sync = true\n")
    (problem,) = load_settings(path).problems
    assert problem == (f"{path}, line 1: sync should be a table, like [sync] with a line "
                       "on_open = true; the app won't sync by itself.")
