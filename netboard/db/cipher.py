"""Encryption at rest with SQLCipher (``sqlcipher3``): telling an encrypted file apart, opening
it with its passphrase, and the errors a missing or wrong passphrase gives.

An encrypted NETboard database is an SQLCipher 4 file (AES-256, a page HMAC, the key derived
from the passphrase with PBKDF2-HMAC-SHA512 over 256,000 rounds and the file's random salt, its
first 16 bytes). The key is derived here once per passphrase and file and given to SQLCipher as a
raw key with that salt, so the many connections a store opens do not pay the derivation again.
A plain file is opened with the standard ``sqlite3`` module, whatever passphrase is known.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from netboard.db.errors import StoreError

SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
KDF_ROUNDS = 256_000
"""SQLCipher 4's default (``PRAGMA kdf_iter``); the raw key given to it must match."""
KEY_BYTES = 32


class PassphraseNeededError(StoreError):
    """The file is not a plain SQLite database: it is encrypted (or not a database at all) and
    no passphrase was given."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} is not a NETboard database (it is not an SQLite database file, or it is "
            "encrypted and no passphrase was given). It was left unchanged; choose a NETboard "
            "database file, or give the passphrase of an encrypted one (the system keyring, "
            "NETBOARD_PASSPHRASE, or when asked)."
        )


class WrongPassphraseError(StoreError):
    """The passphrase does not open the file (or the file is not an encrypted database)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The passphrase does not open {path} (wrong passphrase, or the file is not an "
            "encrypted NETboard database). The file was left unchanged; try again."
        )


class Passphrase:
    """A database passphrase; its text never appears in a repr, a log line or an error."""

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        if not text:
            raise ValueError("passphrase: must not be empty")
        if "\x00" in text:
            raise ValueError("passphrase: must not contain a NUL character")
        self._text = text

    def raw_key(self, salt: bytes) -> str:
        """SQLCipher's raw key for a file with ``salt``: ``x'<key><salt>'`` in hex."""
        return f"x'{_derive(self._text, salt).hex()}{salt.hex()}'"

    def reveal(self) -> str:
        """The text itself (for the system keyring only)."""
        return self._text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Passphrase) and other._text == self._text

    def __hash__(self) -> int:
        return hash(("passphrase", self._text))

    def __repr__(self) -> str:
        return "Passphrase(***)"


@lru_cache(maxsize=16)
def _derive(text: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha512", text.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)


def _head(path: Path) -> tuple[bytes, int] | None:
    """The first bytes and the size of a regular file; None for anything else (a pipe or a
    device is never opened: that could wait forever)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_MAGIC)), info.st_size
    except OSError:
        return None


def looks_encrypted(path: Path) -> bool:
    """A regular, non-empty file of whole pages that does not start like a plain SQLite file
    (an SQLCipher file, or something that is no database at all: only a passphrase tells)."""
    found = _head(path)
    if found is None:
        return False
    head, size = found
    return (
        size >= 512 and size % 512 == 0 and head != SQLITE_MAGIC and head != bytes(len(head))
    )


def is_plain(path: Path) -> bool:
    found = _head(path)
    return found is not None and found[0] == SQLITE_MAGIC


def errors() -> tuple[type[Exception], ...]:
    """The DB-API error classes of the drivers loaded so far (sqlite3, sqlcipher3)."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if loaded is None else (sqlite3.Error, loaded.Error)


def database_errors() -> tuple[type[Exception], ...]:
    """The drivers' DatabaseError classes (a file SQLite cannot read, a wrong key)."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (
        (sqlite3.DatabaseError,)
        if loaded is None
        else (sqlite3.DatabaseError, loaded.DatabaseError)
    )


def driver() -> Any:
    """The sqlcipher3 DB-API module (for SQLAlchemy's ``module=``)."""
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def connect(
    path: Path,
    key: Passphrase | None,
    *,
    mode: str | None = None,
    sqlcipher: bool = False,
    **kwargs: Any,
) -> Any:
    """A DB-API connection to ``path``: sqlite3 for a plain file (or with no key), sqlcipher3
    keyed with ``key`` for an encrypted one or a new one. ``mode`` is a URI query
    ("mode=ro", "immutable=1"); ``sqlcipher`` opens even a plain file with sqlcipher3 (for
    ``sqlcipher_export``); other arguments go to ``connect``."""
    target = f"{path.resolve().as_uri()}?{mode}" if mode else str(path)
    keyed = key is not None and not is_plain(path)
    if not keyed and not sqlcipher:
        return sqlite3.connect(target, uri=bool(mode), **kwargs)
    conn = driver().connect(target, uri=bool(mode), **kwargs)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our error, not stderr's
        if keyed:
            assert key is not None
            conn.execute(f'PRAGMA key = "{key.raw_key(salt_of(path))}"')
    except BaseException:
        conn.close()
        raise
    return conn


def salt_of(path: Path) -> bytes:
    """The salt of an encrypted file (its first 16 bytes), or a new random one for a new file."""
    found = _head(path)
    if found is None or found[1] < SALT_BYTES:
        return os.urandom(SALT_BYTES)
    with path.open("rb") as fh:
        return fh.read(SALT_BYTES)


def read_mode(path: Path, *, encrypted: bool) -> str:
    """The URI query for reading ``path`` without changing it: ``immutable=1`` when nothing can
    be writing it (a WAL file, or an encrypted one, with no -wal beside it), else ``mode=ro``."""
    if Path(f"{path}-wal").exists():
        return "mode=ro"
    if encrypted:
        return "immutable=1"
    with path.open("rb") as fh:
        wal = fh.read(20)[18:19] == b"\x02"
    return "immutable=1" if wal else "mode=ro"


def in_wal_mode(path: Path, key: Passphrase | None) -> bool | None:
    """Whether the file is in WAL mode (as every live NETboard database is; backups are not);
    None when it cannot be told (no such file, or an encrypted one without its passphrase)."""
    found = _head(path)
    if found is None:
        return None
    if found[0] == SQLITE_MAGIC:
        with path.open("rb") as fh:
            return fh.read(20)[18:19] == b"\x02"
    if key is None:
        return None
    if Path(f"{path}-wal").exists():
        return True
    # The WAL mark is inside the encrypted first page. Read without a -shm (exclusive locking)
    # and without the right to create a -wal, SQLite reports a rollback-journal file as such and
    # fails to open the WAL of a WAL file (an I/O error): either way nothing is created.
    try:
        conn = connect(path, key, mode="mode=ro")
    except errors():
        return None
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"
    except errors() as exc:
        return True if "i/o error" in str(exc).lower() else None
    finally:
        conn.close()
