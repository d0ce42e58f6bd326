"""The leader's editor for long notes, without the App: which editor, the private temporary
file, and what comes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindcheck.external_editor import EditorProblem, edit_text, editor_command


def script(tmp_path: Path, body: str) -> list[str]:
    """A small editor: a shell script run on the file, as `$EDITOR file` would be."""
    path = tmp_path / "editor.sh"
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o700)
    return [str(path)]


def test_visual_wins_over_editor_and_may_carry_arguments() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "nano"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": " ", "EDITOR": "nano"}) == ["nano"]


def test_no_editor_set_is_said_rather_than_guessed() -> None:
    with pytest.raises(EditorProblem, match="No editor is set: set VISUAL or EDITOR"):
        editor_command({})


def test_the_text_goes_out_in_a_private_file_and_comes_back_edited(tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    editor = script(tmp_path, f"""stat -c %a "$1" > '{seen}.mode'
echo "$1" > '{seen}.path'
cp "$1" '{seen}.text'
printf 'Line two\\r\\n\\033[31mred\\033[0m\\n' >> "$1"
""")
    assert edit_text("Line one\n", editor) == "Line one\nLine two\nred\n"
    assert Path(f"{seen}.mode").read_text().strip() == "600"
    assert Path(f"{seen}.text").read_text() == "Line one\n"
    assert not Path(Path(f"{seen}.path").read_text().strip()).exists()  # removed afterwards


def test_the_line_break_an_editor_adds_at_the_end_is_dropped(tmp_path: Path) -> None:
    editor = script(tmp_path, """printf 'Tired\\nbut fine\\n' > "$1"\n""")
    assert edit_text("Tired", editor) == "Tired\nbut fine"


def test_an_editor_that_fails_leaves_the_text_alone(tmp_path: Path) -> None:
    editor = script(tmp_path, 'echo "$1" > "$(dirname "$0")/path"; exit 3\n')
    with pytest.raises(EditorProblem, match="exit code 3"):
        edit_text("keep me", editor)
    assert not Path((tmp_path / "path").read_text().strip()).exists()


def test_an_editor_that_is_not_there_is_named(tmp_path: Path) -> None:
    with pytest.raises(EditorProblem, match="Could not start the editor 'no-such-editor'"):
        edit_text("x", ["no-such-editor"])

