"""Prepared batches of demo rows, made by worker processes while the caller writes.

Generating and preparing a patient costs about as much CPU as the database's part of writing it.
On a machine with two or more cores spawned workers (one per core but the writer's, at most
``MAX_WORKERS``) draft batches in parallel, and the writer only completes the board's part in
order and executes (SQLite INSERTs, or PostgreSQL COPY; see ``parallel``). Small demos, one-core
machines and other databases are prepared in-process, where workers would cost more than they
save. The rows are the same either way (tests compare them).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import Dialect

from netboard.demo import parallel
from netboard.demo.generate import Chunk, generate
from netboard.demo.prepare import Prepared, prepare

log = logging.getLogger(__name__)

PARALLEL_MIN = 2000
"""Below this many patients the worker's start-up (about half a second) is not worth it."""
_WORKER_DIALECTS = {"sqlite": "pysqlite", "postgresql": "psycopg"}
"""Dialects (name: driver) whose batches a worker can prepare."""
MAX_WORKERS = 8
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
    count = workers(n_patients, size)
    channels: list[Any] = [ctx.Queue(maxsize=2) for _ in range(count)]
    processes = [
        ctx.Process(target=parallel.work, name=f"netboard-demo-generator-{k}", daemon=True,
                    args=(n_patients, seed, today, size, stamp, dialect.name, k, count,
                          channels[k]))
        for k in range(count)
    ]  # fmt: skip
    for process in processes:
        process.start()
    allocation = parallel.Allocation(n_patients, seed, today, size, stamp, dialect)
    try:
        first = _receive(processes[0], channels[0])
        if first is None:
            # The worker could not start (e.g. the main module cannot be re-imported, as in
            # an interactive session): prepare here instead.
            log.warning("demo worker exited with %s; generating in-process",
                        processes[0].exitcode)
            for batch in _batched(generate(n_patients, seed, today), size):
                yield prepare(batch, dialect, stamp)
            return
        yield allocation.calendar()
        yield allocation.complete(first)
        for number in range(1, parallel.batch_count(n_patients, size)):
            k = number % count
            drafted = _receive(processes[k], channels[k])
            if drafted is None or drafted.number != number:
                raise RuntimeError(f"The demo generator stopped unexpectedly (exit code "
                                   f"{processes[k].exitcode}).")  # fmt: skip
            yield allocation.complete(drafted)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join(timeout=10)


def workers(n_patients: int, size: int) -> int:
    """Worker processes for a demo: one per core but the writer's (on two cores, one worker:
    the writer and the database use the other core fully)."""
    cores = (os.cpu_count() or 1) - 1
    return max(1, min(MAX_WORKERS, cores, parallel.batch_count(n_patients, size)))


def _receive(process: Any, channel: Any) -> parallel.Drafted | None:
    """The worker's next batch; None if it exited without one (failures raise)."""
    while True:
        try:
            kind, payload = channel.get(timeout=1)
        except queue.Empty:
            if process.is_alive():
                continue
            return None
        if kind == _FAILED:
            raise RuntimeError(f"The demo generator failed:\n{payload}")
        if kind == _DONE:
            return None
        return payload  # type: ignore[no-any-return]


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
