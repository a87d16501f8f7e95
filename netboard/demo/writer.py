"""Write generated demo rows into a store with SQLAlchemy Core executemany, in batches.

One transaction per batch of patients keeps memory flat at 100,000 patients and lets a progress
line move; each table's rows in a batch go in one ``executemany``. The ORM is bypassed on purpose:
it would cost ten times as long, and the generator already produced complete, valid rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Dialect, Table, func, insert, literal, literal_column, select

from netboard.db import models as m
from netboard.db.errors import StoreError
from netboard.db.store import Store
from netboard.demo.generate import DEMO_TODAY, Chunk
from netboard.demo.pipeline import batches

TABLES: tuple[Table, ...] = tuple(
    model.__table__  # type: ignore[misc]
    for model in (
        m.MeetingRow, m.AttendanceRow, m.PatientRow, m.TumorRow, m.PathologyRow, m.StagingRow,
        m.ImagingRow, m.LabRow, m.PerformanceRow, m.CaseDiscussionRow, m.DecisionRow,
        m.TherapyCourseRow, m.ToxicityRow, m.OptionConsideredRow, m.ActionItemRow,
    )
)
"""Insert order: every row's references are already written."""

BATCH_PATIENTS = 500

Progress = Callable[[int, int], None]


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
               progress: Progress | None = None, force: bool = False) -> int:
    """Generate ``n_patients`` synthetic patients into ``store``; returns the number written.

    Refuses (DemoTargetError) a database that already has patients unless ``force``.
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
    written = 0
    for batch in batches(n_patients, seed, today, BATCH_PATIENTS):
        written += _flush(store, batch, stamp)
        if progress is not None and len(batch) > 0 and "patient" in batch[-1]:
            progress(written, n_patients)
    if progress is not None and n_patients == 0:
        progress(0, 0)
    store.cache.clear()
    return written


def _flush(store: Store, batch: list[Chunk], stamp: datetime) -> int:
    """Insert one batch in one transaction; returns how many patients it held."""
    if not batch:
        return 0
    per_table: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    patients = 0
    for chunk in batch:
        for name, rows in chunk.items():
            per_table[name].extend(rows)
        patients += len(chunk.get("patient", ()))
    write = store.engine.execution_options(netboard_write=True)
    with write.begin() as conn:
        for table in TABLES:
            rows = per_table[table.name]
            if rows:
                conn.execute(_statement(table, stamp, conn.dialect), rows)
    return patients


def _statement(table: Table, stamp: datetime, dialect: Dialect) -> Any:
    """An INSERT with the bookkeeping columns (version, timestamps) written as SQL constants.

    Rendering them into the statement once (in the dialect's own literal form) saves processing
    the same three values for each of millions of rows.
    """
    fixed: dict[str, Any] = {}
    for name, value in (("version", 1), ("created_at", stamp), ("updated_at", stamp)):
        if name in table.c:
            type_ = table.c[name].type
            sql = literal(value, type_).compile(dialect=dialect,
                                                compile_kwargs={"literal_binds": True})
            fixed[name] = literal_column(str(sql), type_)
    return insert(table).values(**fixed) if fixed else insert(table)


def iter_rows(chunks: Iterable[Chunk], table: str) -> Iterable[dict[str, Any]]:
    """All rows of one table from generated chunks (for tests and tools)."""
    for chunk in chunks:
        yield from chunk.get(table, ())
