"""age encryption of everything that leaves the machine (through the `pyrage` bindings).

One X25519 identity per synced store, kept 0600 in the config folder. The identity's one-line
form (`AGE-SECRET-KEY-1…`) is what the leader carries to the other machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from kindcheck.store.files import ensure_folder, write_atomic

KEY_START = "AGE-SECRET-KEY-1"


class KeyProblem(Exception):
    """A key that is missing, not an age key, or not the one the remote was encrypted to."""


class Cipher:
    """Encrypts to one identity's recipient and decrypts with the identity."""

    def __init__(self, secret: str) -> None:
        from pyrage import IdentityError, x25519  # type: ignore[import-untyped]

        try:
            self._identity = x25519.Identity.from_str(secret.strip())
        except (IdentityError, ValueError):
            if secret.strip().upper().startswith(KEY_START):
                # The right shape, broken inside: a hint about how keys start would puzzle.
                raise KeyProblem("That sync key is cut short or has a typo: copy the whole "
                                 "line that sync init showed") from None
            raise KeyProblem(f"That is not a kindcheck sync key (it starts {KEY_START})") from None
        self._recipient = self._identity.to_public()
        self.secret = str(self._identity)

    @classmethod
    def generate(cls) -> Cipher:
        """A new identity."""
        from pyrage import x25519

        return cls(str(x25519.Identity.generate()))

    def encrypt(self, data: bytes) -> bytes:
        import pyrage

        return bytes(pyrage.encrypt(data, [self._recipient]))

    def decrypt(self, data: bytes) -> bytes:
        """The plaintext; KeyProblem when this key cannot open it."""
        import pyrage

        try:
            return bytes(pyrage.decrypt(data, [self._identity]))
        except pyrage.DecryptError:
            raise KeyProblem("That key does not open this remote's notes") from None


def save_key(path: Path, cipher: Cipher) -> None:
    """Keep the identity at `path`, readable by the user alone."""
    ensure_folder(path.parent)
    write_atomic(path, (cipher.secret + "\n").encode())
    os.chmod(path, 0o600)


def load_key(path: Path) -> Cipher:
    """The identity kept at `path`."""
    try:
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise KeyProblem(f"The sync key is missing: {path}") from None
    except (OSError, UnicodeError) as error:
        raise KeyProblem(f"The sync key can't be read: {path}: {error}") from None
    return Cipher(text)
