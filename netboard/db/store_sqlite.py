"""SQLite specifics of the store: reading a file read-only before trusting it, and the engine
settings every connection gets (foreign keys, WAL, full sync, real transactions)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import StaticPool

from netboard.db.errors import StoreError

MARKER_TABLE = "netboard_info"
"""The table that marks a NETboard database."""
WRITE_OPTION = "netboard_write"
"""Execution option of a write unit: on SQLite its transaction is BEGIN IMMEDIATE."""
_SQLITE_MAGIC = b"SQLite format 3\x00"


def is_memory(sa_url: URL) -> bool:
    return sa_url.database in (None, "", ":memory:") or "mode=memory" in str(sa_url)


def _not_netboard(path: Path, why: str) -> StoreError:
    return StoreError(
        f"{path} is not a NETboard database ({why}). It was left unchanged; "
        "choose a NETboard database file or a new file name."
    )


def _check_sqlite_header(path: Path, size: int) -> bool:
    """Refuse files that are not SQLite, or whose size says they were cut short; True when the
    file is in WAL mode."""
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
    if size % page_size or (header_size_valid and size < pages * page_size):
        raise _not_netboard(
            path, "the file is truncated or damaged: it is shorter than its header says"
        )
    return header[18] == 2


def inspect_sqlite_file(path: Path) -> str | None:
    """The schema revision of a NETboard SQLite file; None when the path is new (absent/empty).

    Raises StoreError for anything else; opens the file read-only, so it stays byte-for-byte
    unchanged.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    if not path.exists():
        return None
    size = path.stat().st_size
    if size == 0:
        return None
    wal = _check_sqlite_header(path, size)
    # A WAL-mode file with no -wal beside it is read as immutable: nothing (no -shm) is created
    # next to a file that may not be ours. With a -wal present, its content must be read too.
    quiet = wal and not Path(f"{path}-wal").exists()
    mode = "immutable=1" if quiet else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True)
    except sqlite3.Error as exc:
        raise StoreError(f"Cannot read {path}: {exc}.") from exc
    try:
        tables = {
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not str(row[0]).startswith("sqlite_")
        }
        if MARKER_TABLE not in tables:
            if not tables:
                raise _not_netboard(path, "it is an SQLite database without any tables")
            shown = ", ".join(sorted(tables)[:6]) + (", …" if len(tables) > 6 else "")
            raise _not_netboard(path, f"it belongs to another program; its tables are {shown}")
        if "alembic_version" not in tables:
            raise _not_netboard(path, "it has no schema revision")
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _not_netboard(path, f"SQLite cannot read it: {exc}") from exc
    finally:
        conn.close()
    if len(rows) != 1:
        raise _not_netboard(path, "its schema revision is missing or ambiguous")
    return str(rows[0][0])


def sqlite_engine(sa_url: URL) -> Engine:
    """An SQLite engine whose every connection enforces foreign keys, uses WAL and full sync.

    pysqlite's own transaction handling is switched off so that SQLAlchemy's BEGIN is real
    (reads see one snapshot) and write units take the write lock up front (BEGIN IMMEDIATE), which
    keeps two programs on one file from failing half-way through a write.
    """
    kwargs: dict[str, Any] = {"connect_args": {"timeout": 15}}
    if is_memory(sa_url):
        kwargs = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
    engine = create_engine(sa_url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
