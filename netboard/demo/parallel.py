"""The demo made by several worker processes, with exactly the rows of the sequential generator.

A patient's own rows depend only on its seed; what patients share is the allocation of agenda
places, handed out in order (``generate.Run``). So each worker drafts whole batches of patients
(batch ``b`` goes to worker ``b % workers``) as if no meeting took them up, prepares them for the
driver, and notes what the allocation needs of each patient (a planned course, its ``Outlook``).
The writer's process takes the batches in order, runs the allocation patient by patient, and
makes again, in order, only the patients that a meeting takes up (a few per thousand in a large
demo); their rows replace the drafted ones in the batch. The result is row for row the
sequential generator's (a test compares them).
"""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate, islice
from typing import Any

from sqlalchemy import Dialect

from netboard.demo.generate import Outlook, Run
from netboard.demo.prepare import TABLES, Prepared, prepare

_NAMES = tuple(table.name for table in TABLES)


@dataclass(frozen=True, slots=True)
class Drafted:
    """One batch as a worker drafted it."""

    number: int
    prepared: Prepared
    notes: list[tuple[bool, Outlook]]
    """Per patient: whether a course is planned, and its outlook."""
    starts: dict[str, list[int]]
    """Per table: where each patient's rows start in the batch's parameters (and the end)."""


def batch_count(n_patients: int, size: int) -> int:
    return -(-n_patients // size)


def draft_batches(n_patients: int, seed: int, today: date, size: int, stamp: datetime,
                  dialect: Dialect, worker: int, workers: int) -> Iterator[Drafted]:
    """Worker ``worker`` of ``workers``: its batches, drafted and prepared, in order."""
    run = Run(seed, today)
    seeds, position = run.seeds(n_patients), 0
    for number in range(worker, batch_count(n_patients, size), workers):
        first, end = number * size, min(n_patients, (number + 1) * size)
        for _ in islice(seeds, first - position):  # other workers' patients
            pass
        position = end
        chunks, notes = [], []
        for index, patient_seed in zip(range(first, end), seeds, strict=False):
            draft = run.draft(index, patient_seed)
            chunks.append(run.finish(draft, 0, n_patients - index, joins=False))
            assert draft.outlook is not None
            notes.append((draft.planned, draft.outlook))
        counts = {name: [len(c.get(name, ())) for c in chunks] for name in _NAMES}
        starts = {name: [0, *accumulate(n)] for name, n in counts.items()}
        yield Drafted(number, prepare(chunks, dialect, stamp), notes, starts)


class Allocation:
    """The writer's side: the calendar, then each drafted batch with the board's part done."""

    def __init__(self, n_patients: int, seed: int, today: date, size: int, stamp: datetime,
                 dialect: Dialect) -> None:  # fmt: skip
        self.n = n_patients
        self.size = size
        self.stamp = stamp
        self.dialect = dialect
        self.run = Run(seed, today)
        self.seeds = self.run.seeds(n_patients)

    def calendar(self) -> Prepared:
        return prepare([self.run.calendar.rows], self.dialect, self.stamp)

    def complete(self, drafted: Drafted) -> Prepared:
        """The batch with the patients that meetings take up made again (in order)."""
        run, made = self.run, {}
        first = drafted.number * self.size
        for offset, (planned, outlook) in enumerate(drafted.notes):
            index, seed = first + offset, next(self.seeds)
            left = self.n - index
            wanted = run.quota(left, planned)
            if wanted > 0:
                made[offset] = run.finish(run.draft(index, seed), wanted, left)
            elif run.joins(outlook, left):
                made[offset] = run.finish(run.draft(index, seed), 0, left, joins=True)
        if not made:
            return drafted.prepared
        remade = {k: prepare([chunk], self.dialect, self.stamp) for k, chunk in made.items()}
        return _replace(drafted, remade)


def _replace(drafted: Drafted, made: dict[int, Prepared]) -> Prepared:
    """The batch's parameters with the rows of the patients in ``made`` replaced by theirs."""
    old = dict(drafted.prepared.tables)
    new = {k: dict(p.tables) for k, p in made.items()}
    tables = []
    for name in _NAMES:
        rows, starts = old.get(name, []), drafted.starts[name]
        pieces: list[Any] = []
        cursor = 0
        for offset in sorted(new):
            pieces.extend(rows[cursor : starts[offset]])
            pieces.extend(new[offset].get(name, ()))
            cursor = starts[offset + 1]
        pieces.extend(rows[cursor:])
        if pieces:
            tables.append((name, pieces))
    return Prepared(drafted.prepared.patients, tuple(tables))


def work(n_patients: int, seed: int, today: date, size: int, stamp: datetime,
         dialect_name: str, worker: int, workers: int, channel: Any) -> None:
    """Worker process body: put ("batch", Drafted) items, then ("done", None)."""
    try:
        dialect = _dialect(dialect_name)
        for drafted in draft_batches(n_patients, seed, today, size, stamp, dialect, worker,
                                     workers):  # fmt: skip
            channel.put(("batch", drafted))
        channel.put(("done", None))
    except BaseException:  # report anything, including KeyboardInterrupt, to the writer
        channel.put(("failed", traceback.format_exc()))


def _dialect(name: str) -> Dialect:
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql.psycopg import dialect as pg_dialect

        return pg_dialect()  # type: ignore[no-untyped-call]
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()
