"""Database failures a user can meet, turned into typed ``DbError`` s with one clear sentence.

SQLite and PostgreSQL report the same situations differently; both end up as ``BusyError``
(another program holds the lock), ``DiskFullError`` (naming the folder), ``ReadOnlyError`` or
``DatabaseFailedError``. Constraint violations are left to the caller, which knows which field they
concern.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, SQLAlchemyError

from netboard.db.errors import (
    BusyError,
    DatabaseFailedError,
    DbError,
    DiskFullError,
    ReadOnlyError,
)

_PG_BUSY = {"55P03", "40001", "40P01", "57014"}
"""lock_not_available, serialization_failure, deadlock_detected, query_canceled (timeouts)."""
_PG_FULL = {"53100"}
_PG_READ_ONLY = {"25006"}


def translate(exc: BaseException, where: str, folder: str) -> DbError | None:
    """The typed error for ``exc``, or None when it is not a database failure to translate."""
    if isinstance(exc, IntegrityError) or not isinstance(exc, DBAPIError | sqlite3.Error):
        return None
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = str(getattr(orig, "sqlstate", "") or "")
    text = str(orig).lower()
    if code in _PG_BUSY or "database is locked" in text or "database is busy" in text:
        return BusyError(where)
    if code in _PG_FULL or "disk is full" in text or "no space left" in text:
        return DiskFullError(folder)
    if code in _PG_READ_ONLY or "readonly database" in text or "read-only" in text:
        return ReadOnlyError(where)
    if "unable to open database file" in text and not os.access(folder, os.W_OK):
        return ReadOnlyError(where)  # no -wal can be made beside it
    if isinstance(exc, OperationalError | sqlite3.OperationalError | sqlite3.DatabaseError):
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        return DatabaseFailedError(f"{where}: the database reported a failure ({first}).")
    return None


@contextmanager
def typed_errors(where: str, folder: str) -> Iterator[None]:
    """Re-raise database failures inside the block as typed ``DbError`` s."""
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error) as exc:
        typed = translate(exc, where, folder)
        if typed is None:
            raise
        raise typed from exc
