"""Prepared batches of demo rows, made by a worker process while the caller writes the last one.

Generating and preparing a patient costs about as much as SQLite's part of writing it; on a
machine with two or more cores a spawned worker takes that off the writer's path, and the writer
only executes (SQLite INSERTs, or PostgreSQL COPY). Small demos, one-core machines and other
databases are prepared in-process, where a worker would cost more than it saves. The rows are
the same either way: the worker runs the same deterministic ``generate``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import traceback
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Dialect

from netboard.demo.generate import Chunk, generate
from netboard.demo.prepare import Prepared, prepare

log = logging.getLogger(__name__)

PARALLEL_MIN = 2000
"""Below this many patients the worker's start-up (about half a second) is not worth it."""
_WORKER_DIALECTS = {"sqlite": "pysqlite", "postgresql": "psycopg"}
"""Dialects (name: driver) whose batches a worker can prepare."""
_DONE = "done"
_FAILED = "failed"


def use_worker(n_patients: int, dialect: Dialect) -> bool:
    """Whether ``prepared_batches`` would use a worker process for this demo."""
    return (n_patients >= PARALLEL_MIN and (os.cpu_count() or 1) >= 2
            and _WORKER_DIALECTS.get(dialect.name) == dialect.driver)


def prepared_batches(n_patients: int, seed: int, today: date, size: int, dialect: Dialect,
                     stamp: datetime, *, worker: bool | None = None) -> Iterator[Prepared]:
    """The calendar first, then batches of ``size`` patients, ready for the driver.

    ``worker``: None decides by size and machine; True or False forces the choice (SQLite and
    PostgreSQL through psycopg only).
    """
    if worker is None:
        worker = use_worker(n_patients, dialect)
    if not worker or _WORKER_DIALECTS.get(dialect.name) != dialect.driver:
        for batch in _batched(generate(n_patients, seed, today), size):
            yield prepare(batch, dialect, stamp)
        return
    yield from _from_worker(n_patients, seed, today, size, stamp, dialect)


def _from_worker(n_patients: int, seed: int, today: date, size: int,
                 stamp: datetime, dialect: Dialect) -> Iterator[Prepared]:
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold Qt or SQLite
    channel: Any = ctx.Queue(maxsize=3)
    process = ctx.Process(target=_work,
                          args=(n_patients, seed, today, size, stamp, dialect.name, channel),
                          name="netboard-demo-generator", daemon=True)  # fmt: skip
    process.start()
    delivered = False
    try:
        while True:
            try:
                kind, payload = channel.get(timeout=1)
            except queue.Empty:
                if process.is_alive():
                    continue
                if not delivered:
                    # The worker could not start (e.g. the main module cannot be re-imported,
                    # as in an interactive session): prepare here instead.
                    log.warning("demo worker exited with %s; generating in-process",
                                process.exitcode)
                    for batch in _batched(generate(n_patients, seed, today), size):
                        yield prepare(batch, dialect, stamp)
                    return
                raise RuntimeError(
                    f"The demo generator stopped unexpectedly (exit code {process.exitcode})."
                ) from None
            if kind == _DONE:
                break
            if kind == _FAILED:
                raise RuntimeError(f"The demo generator failed:\n{payload}")
            delivered = True
            yield payload
    finally:
        if process.is_alive():
            process.terminate()
        process.join(timeout=10)


def _batched(chunks: Iterator[Chunk], size: int) -> Iterator[list[Chunk]]:
    yield [next(chunks)]
    batch: list[Chunk] = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _dialect(name: str) -> Dialect:
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql.psycopg import dialect as pg_dialect

        return pg_dialect()  # type: ignore[no-untyped-call]
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()


def _work(n_patients: int, seed: int, today: date, size: int, stamp: datetime,
          dialect_name: str, channel: Any) -> None:
    """Worker process body: put ("batch", Prepared) items, then ("done", None)."""
    try:
        dialect = _dialect(dialect_name)
        for batch in _batched(generate(n_patients, seed, today), size):
            channel.put(("batch", prepare(batch, dialect, stamp)))
        channel.put((_DONE, None))
    except BaseException:  # report anything, including KeyboardInterrupt, to the writer
        channel.put((_FAILED, traceback.format_exc()))
