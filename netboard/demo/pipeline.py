"""Generated chunks in batches, made by a worker process while the caller writes the last batch.

Generating a patient costs about a quarter of writing it; on a machine with two or more cores a
spawned worker takes that quarter off the writer's path. Small demos (and one-core machines) are
generated in-process, where starting a worker would cost more than it saves. The rows are the same
either way: the worker runs the same deterministic ``generate``.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import traceback
from collections.abc import Iterator
from datetime import date
from typing import Any

from netboard.demo.generate import Chunk, generate

log = logging.getLogger(__name__)

PARALLEL_MIN = 3000
"""Below this many patients the worker's start-up (about half a second) is not worth it."""
_DONE = "done"
_FAILED = "failed"


def batches(n_patients: int, seed: int, today: date, size: int) -> Iterator[list[Chunk]]:
    """The calendar chunk alone first, then lists of ``size`` patient chunks."""
    if n_patients < PARALLEL_MIN or (os.cpu_count() or 1) < 2:
        yield from _batched(generate(n_patients, seed, today), size)
        return
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold Qt or SQLite
    channel: Any = ctx.Queue(maxsize=4)
    worker = ctx.Process(target=_work, args=(n_patients, seed, today, size, channel),
                         name="netboard-demo-generator", daemon=True)
    worker.start()
    delivered = False
    try:
        while True:
            try:
                kind, payload = channel.get(timeout=1)
            except queue.Empty:
                if worker.is_alive():
                    continue
                if not delivered:
                    # The worker could not start (e.g. the main module cannot be re-imported,
                    # as in an interactive session): generate here instead.
                    log.warning("demo worker exited with %s; generating in-process",
                                worker.exitcode)
                    yield from _batched(generate(n_patients, seed, today), size)
                    return
                raise RuntimeError(
                    f"The demo generator stopped unexpectedly (exit code {worker.exitcode})."
                ) from None
            if kind == _DONE:
                break
            if kind == _FAILED:
                raise RuntimeError(f"The demo generator failed:\n{payload}")
            delivered = True
            yield payload
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join(timeout=10)


def _batched(chunks: Iterator[Chunk], size: int) -> Iterator[list[Chunk]]:
    first = next(chunks)
    yield [first]
    batch: list[Chunk] = []
    for chunk in chunks:
        batch.append(chunk)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _work(n_patients: int, seed: int, today: date, size: int, channel: Any) -> None:
    """Worker process body: put ("batch", chunks) items, then ("done", None)."""
    try:
        for batch in _batched(generate(n_patients, seed, today), size):
            channel.put(("batch", batch))
        channel.put((_DONE, None))
    except BaseException:  # report anything, including KeyboardInterrupt, to the writer
        channel.put((_FAILED, traceback.format_exc()))
