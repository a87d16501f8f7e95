"""Write generated demo rows into a store in batches: SQLite executemany, PostgreSQL COPY.

Rows come in prepared batches (``pipeline``), so memory stays flat at 100,000 patients and a
progress line moves; each table's rows in a batch go in one ``executemany`` of a Core INSERT or
one COPY (see ``prepare``). The ORM is bypassed on purpose: it would cost ten times as long, and
the generator already produced complete, valid rows. SQLite, and a PostgreSQL database that
already holds patients, commit one transaction per batch; an empty PostgreSQL database is loaded
in one transaction with its secondary indexes and foreign keys made after the rows
(``_write_at_once``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, func, select

from netboard.db import bulk_pg
from netboard.db import models as m
from netboard.db.errors import StoreError
from netboard.db.store import Store
from netboard.demo.generate import DEMO_TODAY
from netboard.demo.pipeline import prepared_batches
from netboard.demo.prepare import TABLES, Copier, Prepared, inserter, uses_copy

log = logging.getLogger(__name__)
BATCH_PATIENTS = 500
BATCH_MAX = 5000


def batch_size(n_patients: int) -> int:
    """Patients per transaction: bigger for big demos, where random UUID keys make every row
    dirty its own index pages and each commit writes them all (fewer, larger commits share
    them)."""
    return max(BATCH_PATIENTS, min(BATCH_MAX, n_patients // 10))
BULK_CACHE_KIB = 1_048_576
BULK_CHECKPOINT_PAGES = 25_000
"""Fold the write-ahead log into the file about every 100 MB instead of every 4 MB."""

Progress = Callable[[int, int], None]
_TABLE_NAMES = tuple(table.name for table in TABLES)


class DemoTargetError(StoreError):
    """The target database already holds patients (the demo is only written into an empty one)."""


def patient_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(m.PatientRow.__table__))
                   .scalar_one())


def _existing(store: Store) -> tuple[int, bool]:
    """How many patients the store holds, and whether any of them is a demo patient."""
    table = m.PatientRow.__table__
    with store.engine.connect() as conn:
        count = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        demo = count > 0 and conn.execute(
            select(table.c.id).where(table.c.mrn.like("DEMO-%")).limit(1)
        ).first() is not None
    return count, demo


def write_demo(store: Store, n_patients: int, seed: int, today: date = DEMO_TODAY, *,
               progress: Progress | None = None, force: bool = False,
               worker: bool | None = None, finishing: Progress | None = None) -> int:
    """Generate ``n_patients`` synthetic patients into ``store``; returns the number written.

    Refuses (DemoTargetError) a database that already has patients unless ``force``, and any
    database that already holds demo patients. ``worker`` forces (True) or forbids (False) the
    generator process that large demos use; None decides by size. An empty PostgreSQL database
    is loaded in one transaction with its indexes and foreign keys built at the end
    (``finishing(done, total)`` follows that step; see ``_write_at_once``); otherwise batches
    commit one by one: an interrupted run keeps the patients written so far (remove the file to
    start again).
    """
    count, demo = _existing(store)
    if demo:
        raise DemoTargetError(
            f"{store.display_url} already holds demo patients (MRN DEMO-…); the demo is written "
            "only once into a database. Choose a new file for another demo."
        )
    if count and not force:
        raise DemoTargetError(
            f"{store.display_url} already holds {count} patients; the demo is only written into "
            "an empty database (use --force to add it anyway)."
        )
    stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
    batches = prepared_batches(n_patients, seed, today, batch_size(n_patients),
                               store.engine.dialect, stamp, worker=worker)
    report = _Report(n_patients, progress)
    with store.engine.connect() as conn:
        conn = conn.execution_options(netboard_write=True)  # BEGIN IMMEDIATE (see Store)
        fast = count == 0 and uses_copy(conn.dialect) and bulk_pg.owns(conn, _TABLE_NAMES)
        conn.rollback()
        if not (fast and _write_at_once(conn, batches, stamp, report, finishing)):
            _write_in_batches(conn, batches, stamp, report)
    if progress is not None and n_patients == 0:
        progress(0, 0)
    store.cache.clear()
    return report.written


class _Report:
    """Patients written so far, passed on to the caller's progress after each batch."""

    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total = total
        self.progress = progress
        self.written = 0

    def add(self, prepared: Prepared) -> None:
        self.written += prepared.patients
        if self.progress is not None and prepared.patients:
            self.progress(self.written, self.total)


def _write_in_batches(conn: Connection, batches: Iterable[Prepared], stamp: datetime,
                      report: _Report) -> None:
    """One transaction per batch (SQLite, and PostgreSQL databases that already hold patients)."""
    restore = _bulk_settings(conn)
    try:
        for prepared in batches:
            with conn.begin():
                _write(conn, prepared, stamp)
            report.add(prepared)
    finally:
        conn.rollback()
        restore()


def _write_at_once(conn: Connection, batches: Iterable[Prepared], stamp: datetime,
                   report: _Report, finishing: Progress | None) -> bool:
    """An empty PostgreSQL database: one transaction that drops the secondary indexes and foreign
    keys of the demo's tables, COPYs every batch, then builds the indexes and validates each
    foreign key once over all rows (``db.bulk_pg``). About a third of the server's work per row
    goes to each when they are kept during the load. Anything that fails (or a lost connection)
    rolls the whole load back: the database is empty again with every index and constraint.
    False, with nothing written, if another session keeps one of the tables locked (the caller
    then writes batch by batch, which needs no exclusive lock)."""
    with conn.begin() as transaction:
        try:
            deferred = bulk_pg.defer(conn, _TABLE_NAMES)
        except bulk_pg.TablesInUse as exc:
            transaction.rollback()
            log.info("demo tables in use (%s); writing batch by batch", exc)
            return False
        for prepared in batches:
            _write(conn, prepared, stamp)
            report.add(prepared)
        bulk_pg.restore(conn, deferred, finishing)
    return True


def _bulk_settings(conn: Connection) -> Callable[[], None]:
    """SQLite settings for the bulk load; returns what puts the store's settings back.

    A bigger page cache (random UUID keys touch pages all over the indexes), fewer checkpoints
    and, in WAL mode, syncing at checkpoints instead of at every commit: a crash may lose the
    last batches but never corrupts the file. PRAGMAs go to the driver connection, outside any
    transaction.
    """
    if conn.dialect.name != "sqlite":
        return lambda: None
    raw: Any = conn.connection.dbapi_connection
    synchronous = int(raw.execute("PRAGMA synchronous").fetchone()[0])
    cache = int(raw.execute("PRAGMA cache_size").fetchone()[0])
    checkpoint = int(raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    raw.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
    raw.execute("PRAGMA synchronous = NORMAL")
    raw.execute(f"PRAGMA wal_autocheckpoint = {BULK_CHECKPOINT_PAGES}")

    def restore() -> None:
        raw.execute(f"PRAGMA cache_size = {cache}")
        raw.execute(f"PRAGMA synchronous = {synchronous}")
        raw.execute(f"PRAGMA wal_autocheckpoint = {checkpoint}")

    return restore


def _write(conn: Connection, prepared: Prepared, stamp: datetime) -> None:
    """Insert one prepared batch in the current transaction."""
    for table_name, parameters in prepared.tables:
        writer = inserter(table_name, stamp, conn.dialect)
        if isinstance(writer, Copier):
            _copy(conn, writer.sql, parameters)
        else:
            conn.exec_driver_sql(writer.sql, parameters)


def _copy(conn: Connection, sql: str, rows: list[Any]) -> None:
    """PostgreSQL COPY of ``rows`` (tuples in column order) inside the current transaction."""
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(sql) as copy:
        write = copy.write_row
        for row in rows:
            write(row)
