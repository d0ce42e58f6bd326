"""Long notes in the leader's own editor: the focused field's text opens in `$VISUAL` or
`$EDITOR` while kindcheck steps aside (`App.suspend`), and comes back into the field, and so
into the draft, when the editor closes.

The text goes through a temporary file only this user can read (0600), removed afterwards.
There is no fallback editor: dropping someone into `vi` they did not choose is no kindness, so
an unset editor is named instead. Where the terminal cannot be handed over (headless tests,
the web driver), that is said and the field is left as it was.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from textual.app import SuspendNotSupported
from textual.screen import Screen
from textual.widgets import Input, TextArea

from kindcheck.domain.text import pasted

# Far above any note (the longest field takes 20,000 characters), far below a stray log file.
LARGEST = 1_000_000


class EditorProblem(Exception):
    """The editor could not be used; the message says why, fit to show as it is."""


def editor_command(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The leader's editor as a command line: `$VISUAL`, else `$EDITOR` (EditorProblem if
    neither is set). Either may carry arguments, as in `EDITOR="code --wait"`."""
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError as error:
                raise EditorProblem(f"${name} cannot be read as a command ({error}).") from error
            if command:
                return command
    raise EditorProblem("No editor is set: set VISUAL or EDITOR (for example EDITOR=nano) "
                        "before starting kindcheck.")


def edit_text(text: str, command: list[str]) -> str:
    """Run `command` on a private temporary file holding `text`; return what it holds after.

    Runs in the foreground: the caller hands the terminal over first. The text comes back as
    plain text (line ends as "\\n", escape codes and control characters dropped, as a paste).
    """
    handle, name = tempfile.mkstemp(prefix="kindcheck-", suffix=".txt")  # mode 0600
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except OSError as error:
            raise EditorProblem(f"Could not start the editor {command[0]!r} "
                                f"({error.strerror or error}).") from error
        if done.returncode != 0:
            raise EditorProblem(f"The editor ended with an error (exit code {done.returncode}); "
                                "the field is as it was.")
        if path.stat().st_size > LARGEST:
            raise EditorProblem("That is far too long for a note; the field is as it was.")
        edited = path.read_bytes().decode("utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    edited = pasted(edited)
    # Editors end a file with a line break the field never had.
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]
    return edited


def open_in_editor(screen: Screen[object]) -> bool:
    """Edit the screen's focused text field in the leader's editor; True if its text changed.

    Every way it cannot happen is said in a notification, and the field is left untouched.
    """
    field = screen.focused
    if not isinstance(field, (Input, TextArea)) or (isinstance(field, TextArea)
                                                    and field.read_only):
        screen.notify("Move to a text field first, then open it in your editor.")
        return False
    before = field.value if isinstance(field, Input) else field.text
    try:
        command = editor_command()
        with screen.app.suspend():
            after = edit_text(before, command)
    except SuspendNotSupported:
        screen.notify("kindcheck cannot hand this terminal to an editor here; the field is as "
                      "it was.", title="No editor here", severity="warning")
        return False
    except EditorProblem as problem:
        screen.notify(str(problem), title="Editor", severity="warning", timeout=10)
        return False
    if after == before:
        return False
    if isinstance(field, Input):
        field.value = " ".join(after.split("\n"))  # one line: line breaks become spaces
        field.cursor_position = len(field.value)
    else:
        # An edit, not a reload: it is undoable and tells the form (and so the draft).
        field.replace(after, field.document.start, field.document.end)
    return True
