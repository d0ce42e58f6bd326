"""Keeping a password typed into a remote's URL off the screen.

A remote such as `https://ada:s3cret@git.example.com/notes.git` has to reach git as typed (it
is how git is told the password), but nothing kindcheck shows may repeat it: not the shell's
lines, not the app's notifications, not the messages git itself writes about that URL.
"""

from __future__ import annotations

import re

HIDDEN = "***"
# scheme://user:password@ — the password runs up to the last "@" before the host's part, so
# an unencoded "@" in it is hidden too.
_PASSWORD = re.compile(r"(?P<start>[A-Za-z][A-Za-z0-9+.-]*://[^/:@\s]*):[^/\s]*@")


def without_password(text: str) -> str:
    """`text` with the password of every URL in it replaced by `***`."""
    return _PASSWORD.sub(lambda m: f"{m['start']}:{HIDDEN}@", text)
