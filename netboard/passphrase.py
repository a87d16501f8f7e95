"""Where the passphrase of an encrypted database comes from: the ``NETBOARD_PASSPHRASE``
variable (scripts, tests), the system keyring (``keyring``: GNOME Keyring/KWallet through the
Secret Service, macOS Keychain, Windows Credential Locker), or a prompt (the terminal here; the
window asks with a dialog of its own). The keyring entry is service "NETboard", user the database
file's full path.

Nothing here is asked unless the database file is encrypted: the demo and every plain database
open without touching the keyring.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from netboard import config
from netboard.db.cipher import Passphrase, looks_encrypted

log = logging.getLogger(__name__)

ENV = "NETBOARD_PASSPHRASE"
SERVICE = "NETboard"


def keyring_user(path: Path) -> str:
    """The keyring entry's user name for the database at ``path``."""
    return str(path.expanduser().resolve())


def from_environment() -> Passphrase | None:
    text = os.environ.get(ENV)
    return Passphrase(text) if text else None


def from_keyring(path: Path) -> Passphrase | None:
    """The passphrase kept in the system keyring for ``path``; None when there is none or no
    keyring can be reached (a note in the log says why)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        text = keyring.get_password(SERVICE, keyring_user(path))
    except (KeyringError, RuntimeError, OSError) as exc:
        log.info("No passphrase from the system keyring for %s: %s", path, exc)
        return None
    return Passphrase(text) if text else None


def save_in_keyring(path: Path, key: Passphrase) -> str | None:
    """Keep ``key`` in the system keyring for ``path``; None when kept, else why not."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(SERVICE, keyring_user(path), key.reveal())
        kept = keyring.get_password(SERVICE, keyring_user(path)) == key.reveal()
    except (KeyringError, RuntimeError, OSError) as exc:
        return str(exc) or type(exc).__name__
    return None if kept else "the system keyring did not keep it"


def forget_in_keyring(path: Path) -> None:
    """Remove the keyring entry of ``path`` (nothing happens when there is none)."""
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        keyring.delete_password(SERVICE, keyring_user(path))
    except (PasswordDeleteError, KeyringError, RuntimeError, OSError):
        pass


def known(path: Path) -> Passphrase | None:
    """The passphrase for ``path`` without asking anyone: the variable, else the keyring."""
    return from_environment() or from_keyring(path)


def ask_terminal(path: Path, *, confirm: bool = False) -> Passphrase | None:
    """Ask on the terminal (not echoed); None when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    text = getpass.getpass(f"Passphrase for {path}: ")
    if confirm and getpass.getpass("The same passphrase again: ") != text:
        raise ValueError("passphrase: the two entries differ; nothing was changed")
    return Passphrase(text) if text else None


Ask = Callable[[Path], Passphrase | None]


def for_url(url: str, ask: Ask | None = ask_terminal) -> Passphrase | None:
    """The passphrase to open ``url`` with: None for a server or a plain (or new) file; for an
    encrypted-looking file the variable, the keyring, else ``ask`` (a prompt)."""
    path = config.sqlite_path(url)
    if path is None or not looks_encrypted(path.expanduser()):
        return None
    path = path.expanduser()
    return known(path) or (ask(path) if ask is not None else None)
