"""PostgreSQL bulk loads into empty tables: secondary indexes and foreign keys made after the rows.

Loading rows into tables that already have their secondary indexes and foreign keys makes the
server update every index and look up every referenced row, row by row: measured on the demo,
those two are about two thirds of the server's work. Building an index over all rows at once
(one sort) and validating a foreign key once (one join, ``ALTER TABLE … ADD CONSTRAINT``) costs
much less. So a bulk loader may, inside ITS OWN transaction:

1. :func:`defer` — read the definitions of the secondary indexes and foreign keys of the tables it
   fills from the catalog (``pg_get_indexdef``, ``pg_get_constraintdef``: never a hand-kept list,
   so a later migration's index is rebuilt too), then drop them;
2. load the rows (COPY);
3. :func:`restore` — create the indexes and add the foreign keys again from those definitions.

PostgreSQL DDL is transactional: if anything fails or the connection is lost before the commit,
the database is exactly as before, every index and constraint in place. Primary keys, unique
indexes and every other constraint stay (they are checked while loading); so do indexes with a
comment or their own tablespace, which a definition would not carry. Dropping takes an ACCESS
EXCLUSIVE lock on each table until the commit: meant for empty databases, where nobody is reading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

Progress = Callable[[int, int], None]

LOCK_NOT_AVAILABLE = "55P03"
MAINTENANCE_WORK_MEM = "256MB"
"""Memory for each index build's sort in the loading transaction (``SET LOCAL``)."""

_OWNED = text(
    "SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c "
    "WHERE c.oid = ANY(CAST(CAST(:tables AS text[]) AS regclass[]))"
)
_INDEXES = text(
    "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
    "FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid "
    "WHERE i.indrelid = ANY(CAST(CAST(:tables AS text[]) AS regclass[])) "
    "AND NOT i.indisunique AND NOT i.indisprimary AND x.reltablespace = 0 "
    "AND obj_description(i.indexrelid, 'pg_class') IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
    "                AND k.conrelid = i.indrelid) "
    "ORDER BY 1"
)
_FOREIGN_KEYS = text(
    "SELECT k.conrelid::regclass::text, quote_ident(k.conname), pg_get_constraintdef(k.oid) "
    "FROM pg_constraint k "
    "WHERE k.contype = 'f' AND k.conrelid = ANY(CAST(CAST(:tables AS text[]) AS regclass[])) "
    "AND obj_description(k.oid, 'pg_constraint') IS NULL "
    "ORDER BY 1, 2"
)


class TablesInUse(Exception):  # noqa: N818 (a state, not a bug)
    """Another session holds a lock on one of the tables (e.g. a window reading them), so their
    indexes cannot be dropped within the store's lock timeout; the transaction is aborted."""


@dataclass(frozen=True, slots=True)
class Deferred:
    """What :func:`defer` dropped, as the catalog defined it."""

    indexes: tuple[tuple[str, str], ...]
    """(index name as PostgreSQL quotes it, its CREATE INDEX statement)"""
    foreign_keys: tuple[tuple[str, str, str], ...]
    """(table, constraint name, both as PostgreSQL quotes them, the constraint's definition)"""

    @property
    def steps(self) -> int:
        return len(self.indexes) + len(self.foreign_keys)


def owns(conn: Connection, tables: Sequence[str]) -> bool:
    """Whether the current role may drop and re-create the indexes and constraints of ``tables``
    (it owns them, directly or through a role it belongs to)."""
    return bool(conn.execute(_OWNED, {"tables": list(tables)}).scalar())


def defer(conn: Connection, tables: Sequence[str]) -> Deferred:
    """Drop the secondary indexes and foreign keys of ``tables`` in the current transaction and
    return their definitions for :func:`restore`. The caller owns the transaction: roll it back
    and everything is in place again."""
    names = {"tables": list(tables)}
    deferred = Deferred(
        indexes=tuple((str(r[0]), str(r[1])) for r in conn.execute(_INDEXES, names)),
        foreign_keys=tuple((str(r[0]), str(r[1]), str(r[2]))
                           for r in conn.execute(_FOREIGN_KEYS, names)),
    )  # fmt: skip
    drops = [f"ALTER TABLE {table} DROP CONSTRAINT {name}"
             for table, name, _definition in deferred.foreign_keys]
    drops += [f"DROP INDEX {index}" for index, _definition in deferred.indexes]
    for statement in drops:
        try:
            _run(conn, statement)
        except Exception as exc:
            if getattr(exc, "sqlstate", None) == LOCK_NOT_AVAILABLE:
                raise TablesInUse(str(exc)) from exc
            raise
    return deferred


def restore(conn: Connection, deferred: Deferred, progress: Progress | None = None) -> None:
    """Create the indexes and add the foreign keys that :func:`defer` dropped (each foreign key is
    validated once over all rows); ``progress(done, total)`` after each one."""
    _run(conn, f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")
    total = deferred.steps
    done = 0
    if progress is not None:
        progress(done, total)
    statements = [definition for _index, definition in deferred.indexes] + [
        f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"
        for table, name, definition in deferred.foreign_keys
    ]
    for statement in statements:
        _run(conn, statement)
        done += 1
        if progress is not None:
            progress(done, total)


def _run(conn: Connection, statement: str) -> None:
    """One statement as the catalog wrote it, through the driver without parameters (so a ``%``
    in a definition, e.g. a partial index's LIKE pattern, is not taken for a placeholder)."""
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cursor:
        cursor.execute(statement)
