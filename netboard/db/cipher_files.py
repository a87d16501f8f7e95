"""Encrypting and decrypting a NETboard SQLite file in place, without ever losing it.

The file is held exclusively (no other program may have it open), switched out of WAL so that
its -wal and -shm are gone, and exported (``sqlcipher_export``) into a new private (0600) file
beside it. The new file is checked (``integrity_check``, every table's row count, the NETboard
marker, readable with the passphrase) and only then renamed over the old one: at every moment the
name holds either the complete old file or the complete new one, and the old one is gone only
once the new one has been verified.
"""

from __future__ import annotations

import logging
import os
from contextlib import suppress
from pathlib import Path
from typing import Any

from netboard.db import cipher
from netboard.db.cipher import Passphrase
from netboard.db.errors import StoreError
from netboard.db.store_files import PRIVATE_FILE, check_integrity, held_partial
from netboard.db.store_sqlite import inspect_sqlite_file

log = logging.getLogger(__name__)


def encrypt_database(path: Path, key: Passphrase) -> None:
    """Encrypt the plain NETboard database ``path`` with ``key`` (in place)."""
    path = path.expanduser()
    if not cipher.is_plain(path) and path.exists():
        inspect_sqlite_file(path, read_only=True, key=key)  # what is it? (typed errors)
        raise StoreError(f"{path} is already encrypted; nothing was changed.")
    inspect_sqlite_file(path, read_only=True)
    _convert(path, source_key=None, target_key=key)
    log.info("Encrypted %s", path)


def decrypt_database(path: Path, key: Passphrase) -> None:
    """Write the encrypted NETboard database ``path`` back as a plain file (in place)."""
    path = path.expanduser()
    if cipher.is_plain(path):
        inspect_sqlite_file(path, read_only=True)
        raise StoreError(f"{path} is not encrypted; nothing was changed.")
    inspect_sqlite_file(path, read_only=True, key=key)
    _convert(path, source_key=key, target_key=None)
    log.info("Decrypted %s", path)


def _convert(path: Path, *, source_key: Passphrase | None, target_key: Passphrase | None) -> None:
    conn = _hold(path, source_key)
    try:
        with held_partial(path, ".converting") as partial:
            counts = _export(conn, partial, target_key)
            _verify(partial, target_key, counts)
            os.chmod(partial, PRIVATE_FILE)
            _fsync(partial)
            os.replace(partial, path)
            _fsync(path.parent)
    except cipher.errors() as exc:
        raise StoreError(f"{path} could not be converted ({exc}); it was left unchanged.") from exc
    finally:
        conn.close()


def _hold(path: Path, key: Passphrase | None) -> Any:
    """A connection that holds ``path`` exclusively, in rollback-journal mode (no -wal, -shm)."""
    conn = cipher.connect(path, key, sqlcipher=True, timeout=1, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")  # the exclusive lock stays until the connection closes
    except cipher.errors() as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(
                f"{path} is open in another program (or window); close it and try again."
            ) from exc
        raise StoreError(f"{path} cannot be read ({exc}); nothing was changed.") from exc
    if str(mode).lower() != "delete":
        conn.close()
        raise StoreError(f"{path} is in use (journal mode {mode}); close it and try again.")
    return conn


def _tables(conn: Any, schema: str) -> list[str]:
    rows = conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")
    return sorted(str(r[0]) for r in rows if not str(r[0]).startswith("sqlite_"))


def _counts(conn: Any, schema: str) -> dict[str, int]:
    return {
        t: int(conn.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0])
        for t in _tables(conn, schema)
    }


def _export(conn: Any, partial: Path, key: Passphrase | None) -> dict[str, int]:
    """Copy every table, index and trigger into ``partial`` (encrypted with ``key``, or plain);
    the row counts of the source, table by table."""
    raw = key.raw_key(cipher.salt_of(partial)) if key is not None else ""
    conn.execute("ATTACH DATABASE ? AS converted KEY ?", (str(partial), raw))
    try:
        conn.execute("SELECT sqlcipher_export('converted')")
    finally:
        conn.execute("DETACH DATABASE converted")
    return _counts(conn, "main")  # the copy is counted on its own (virtual tables need a reload)


def _verify(partial: Path, key: Passphrase | None, counts: dict[str, int]) -> None:
    """The new file on its own: sound, every row, a NETboard database, encrypted or plain as
    asked; then switched to WAL like every live NETboard database."""
    if (key is not None) == cipher.is_plain(partial):
        raise StoreError("the converted copy is not " + ("encrypted" if key else "plain"))
    conn = cipher.connect(partial, key, isolation_level=None)
    try:
        damage = check_integrity(conn)
        if damage:
            raise StoreError(f"the converted copy failed its check ({'; '.join(damage)})")
        if _counts(conn, "main") != counts:
            raise StoreError("the converted copy does not hold every row")
        conn.execute("PRAGMA journal_mode = WAL")
    finally:
        conn.close()
    for side in ("-wal", "-shm"):
        with suppress(FileNotFoundError):
            Path(f"{partial}{side}").unlink()
    inspect_sqlite_file(partial, read_only=True, key=key)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder
        pass
    finally:
        os.close(fd)

