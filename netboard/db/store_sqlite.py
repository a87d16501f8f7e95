"""SQLite specifics of the store: reading a file read-only before trusting it, and the engine
settings every connection gets (foreign keys, WAL, full sync, real transactions)."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

from netboard.db import cipher
from netboard.db.cipher import Passphrase, WrongPassphraseError
from netboard.db.errors import StoreError

MARKER_TABLE = "netboard_info"
"""The table that marks a NETboard database."""
WRITE_OPTION = "netboard_write"
"""Execution option of a write unit: on SQLite its transaction is BEGIN IMMEDIATE."""
_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT = 15.0
"""Seconds a connection waits for another program's write lock before giving up."""


def is_memory(sa_url: URL) -> bool:
    return sa_url.database in (None, "", ":memory:") or "mode=memory" in str(sa_url)


def _not_netboard(path: Path, why: str) -> StoreError:
    return StoreError(
        f"{path} is not a NETboard database ({why}). It was left unchanged; "
        "choose a NETboard database file or a new file name."
    )


def _check_sqlite_header(path: Path, size: int) -> _Header:
    """Refuse files that are not SQLite; note whether the file is shorter than its header says
    (normal after an interrupted checkpoint while the newest pages wait in the -wal)."""
    with path.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        raise _not_netboard(path, "it is not an SQLite database file")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise _not_netboard(path, "its SQLite header is damaged")
    change_counter = header[24:28]
    pages = int.from_bytes(header[28:32], "big")
    header_size_valid = header[92:96] == change_counter and pages > 0
    short = bool(size % page_size) or (header_size_valid and size < pages * page_size)
    return _Header(wal=header[18] == 2, short=short)


class _Header(NamedTuple):
    wal: bool
    """The file is in WAL mode."""
    short: bool
    """The file is shorter than its header says (or not a whole number of pages)."""


def check_regular_file(path: Path, *, new_ok: bool) -> bool:
    """True when ``path`` is an existing, non-empty regular file; False when a new database may
    be made there (absent, or zero bytes with ``new_ok``). Never opens a FIFO or a device."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if new_ok:
            return False
        raise StoreError(f"{path}: there is no database here (nothing was created).") from None
    except OSError as exc:
        raise StoreError(f"Cannot read {path}: {exc.strerror}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} is a folder, not a database file.")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(
            f"{path} is not a regular file (a pipe, device or socket); it was left unchanged. "
            "Choose a NETboard database file."
        )
    if info.st_size == 0:
        if new_ok:
            return False
        raise StoreError(f"{path} is an empty file, not a database; it was left unchanged.")
    return True


def sqlite_uri(path: Path, *, read_only: bool) -> str:
    """The URI a connection to ``path`` opens: read-write, read-only, or immutable when nothing
    can be writing (a WAL file with no -wal beside it), so that no -wal or -shm is created."""
    base = path.resolve().as_uri()
    if not read_only:
        return base
    with path.open("rb") as fh:
        wal = fh.read(20)[18:19] == b"\x02"
    if wal and not Path(f"{path}-wal").exists():
        return f"{base}?immutable=1"
    return f"{base}?mode=ro"


def _connect(path: Path, mode: str, key: Passphrase | None) -> sqlite3.Connection:
    try:
        conn: sqlite3.Connection = cipher.connect(path, key, mode=mode, timeout=15)
    except cipher.errors() as exc:
        raise StoreError(f"Cannot read {path}: {exc}.") from exc
    return conn


def _tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(row[0]) for row in rows if not str(row[0]).startswith("sqlite_")}


def _first_look(path: Path, has_wal: bool, key: Passphrase | None) -> set[str]:
    """The tables of the file, read without creating anything beside it: the main file alone
    (immutable); when that shows no NETboard marker or cannot be read but a -wal exists, a private
    copy of both is read instead, so another program's file never gets a -shm from us."""
    conn = _connect(path, "immutable=1", key)
    try:
        tables = _tables(conn)
        if MARKER_TABLE in tables or not has_wal:
            return tables
    except cipher.database_errors():
        if not has_wal:
            raise
    finally:
        conn.close()
    with tempfile.TemporaryDirectory(prefix="netboard-look-") as scratch:
        copy = Path(scratch) / "look.db"
        shutil.copyfile(path, copy)
        shutil.copyfile(f"{path}-wal", f"{copy}-wal")
        conn = _connect(copy, "mode=rw", key)
        try:
            return _tables(conn)
        finally:
            conn.close()


def _check_marker(path: Path, tables: set[str]) -> None:
    if MARKER_TABLE not in tables:
        if not tables:
            raise _not_netboard(path, "it is an SQLite database without any tables")
        shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
        raise _not_netboard(path, f"it belongs to another program; its tables are {shown}")
    if "alembic_version" not in tables:
        raise _not_netboard(path, "it has no schema revision")


def inspect_sqlite_file(
    path: Path, *, read_only: bool = False, key: Passphrase | None = None
) -> str | None:
    """The schema revision of a NETboard SQLite file; None when the path is new (absent/empty,
    only when not ``read_only``).

    Raises StoreError for anything else. The file is read read-only and the first look creates
    nothing beside it; a file shorter than its header says is SQLite's to judge: with a -wal its
    recovery reads the newest pages, without one ``quick_check`` decides. An encrypted file needs
    ``key`` (PassphraseNeededError without one, WrongPassphraseError when it does not fit).
    """
    if not check_regular_file(path, new_ok=not read_only):
        return None
    encrypted = cipher.looks_encrypted(path)
    if encrypted and key is None:
        raise cipher.PassphraseNeededError(path)
    if encrypted:
        header = _Header(wal=False, short=False)
    else:
        header = _check_sqlite_header(path, path.stat().st_size)
    has_wal = Path(f"{path}-wal").exists()
    damaged = "the file is truncated or damaged and SQLite cannot read it"
    try:
        _check_marker(path, _first_look(path, has_wal, key))
        conn = _connect(path, "mode=ro" if has_wal else "immutable=1", key)
        try:
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if header.short:
                verdict = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
                if verdict != ["ok"]:
                    raise _not_netboard(path, f"{damaged} ({'; '.join(verdict)})")
        finally:
            conn.close()
    except cipher.database_errors() as exc:
        if encrypted:
            raise WrongPassphraseError(path) from exc
        why = damaged if header.short else "SQLite cannot read it"
        raise _not_netboard(path, f"{why}: {exc}") from exc
    if len(rows) != 1:
        raise _not_netboard(path, "its schema revision is missing or ambiguous")
    return str(rows[0][0])


def sqlite_engine(
    sa_url: URL,
    *,
    read_only: bool = False,
    timeout: float = BUSY_TIMEOUT,
    key: Passphrase | None = None,
) -> Engine:
    """An SQLite engine whose every connection enforces foreign keys, uses WAL and full sync.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's BEGIN is real
    (reads see one snapshot) and write units take the write lock up front (BEGIN IMMEDIATE), which
    keeps two programs on one file from failing half-way through a write. A ``read_only`` engine
    opens the file with ``mode=ro`` (or ``immutable=1``, see ``sqlite_uri``) and changes nothing:
    not the journal mode, not a byte of the file, no -wal or -shm where there was none.
    With ``key``, every connection to an encrypted file is an SQLCipher one, keyed first.
    """
    kwargs: dict[str, Any] = {"connect_args": {"timeout": timeout}}
    if is_memory(sa_url):
        kwargs = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    elif key is not None and cipher.looks_encrypted(Path(str(sa_url.database))):
        kwargs = _encrypted_engine_args(Path(str(sa_url.database)), key, read_only, timeout)
    elif read_only:
        assert sa_url.database is not None
        path = Path(sa_url.database)

        def _connect_read_only() -> sqlite3.Connection:
            uri = sqlite_uri(path, read_only=True)
            return sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)

        kwargs = {"creator": _connect_read_only}
    engine = create_engine(sa_url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _encrypted_engine_args(
    path: Path, key: Passphrase, read_only: bool, timeout: float
) -> dict[str, Any]:
    """Engine arguments for an SQLCipher file: its driver (so SQLAlchemy knows its errors) and
    connections keyed before their first statement."""

    def _connect_keyed() -> Any:
        mode = cipher.read_mode(path, encrypted=True) if read_only else None
        return cipher.connect(path, key, mode=mode, timeout=timeout, check_same_thread=False)

    return {"creator": _connect_keyed, "module": cipher.driver()}
