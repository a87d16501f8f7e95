"""The demo drafted by several workers equals the sequential generator's, row for row.

The oracle is the sequential path (``generate`` batched and prepared in one process). The workers'
side runs in this process here (``draft_batches`` for each worker, then the writer's
``Allocation``), so the splicing of re-made patients into drafted batches is checked without
spawning processes; ``test_demo.py`` checks the spawned workers end to end on both backends.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.dialects import sqlite
from sqlalchemy.dialects.postgresql.psycopg import dialect as pg_dialect

from netboard.demo import DEMO_TODAY, generate, parallel, pipeline
from netboard.demo.generate import Run
from netboard.demo.pipeline import prepared_batches
from netboard.demo.prepare import Prepared

STAMP = datetime(2026, 11, 27, 6, tzinfo=UTC)


def _drafted_in_turn(n: int, seed: int, size: int, workers: int, dialect: object) -> list[Prepared]:
    streams = [iter(parallel.draft_batches(n, seed, DEMO_TODAY, size, STAMP, dialect, k, workers))
               for k in range(workers)]  # type: ignore[arg-type]
    allocation = parallel.Allocation(n, seed, DEMO_TODAY, size, STAMP, dialect)  # type: ignore[arg-type]
    out = [allocation.calendar()]
    for number in range(parallel.batch_count(n, size)):
        drafted = next(streams[number % workers])
        assert drafted.number == number
        out.append(allocation.complete(drafted))
    for stream in streams:
        assert next(stream, None) is None
    return out


@pytest.mark.parametrize(("n", "size", "workers", "name"), [
    (500, 100, 3, "postgresql"),
    (1500, 300, 2, "sqlite"),
])  # fmt: skip
def test_drafted_batches_equal_the_sequential_rows(
    n: int, size: int, workers: int, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialect = pg_dialect() if name == "postgresql" else sqlite.dialect()  # type: ignore[no-untyped-call]
    expected = list(prepared_batches(n, 5, DEMO_TODAY, size, dialect, STAMP, worker=False))
    remade: list[int] = []
    draft = Run.draft

    def counting(self: Run, index: int, seed: int) -> object:
        remade.append(index)
        return draft(self, index, seed)

    monkeypatch.setattr(Run, "draft", counting)
    assert _drafted_in_turn(n, 5, size, workers, dialect) == expected
    # Both kinds of patient occur: drafted ones kept, and ones a meeting takes up made again.
    assert sum(p.patients for p in expected) == n
    made_again = len(remade) - n  # every patient is drafted once by its worker
    assert 0 < made_again < n


def test_a_patient_nobody_discusses_is_drafted_exactly() -> None:
    """A drafted patient that no meeting takes up has the sequential generator's rows."""
    n, seed = 1500, 9
    sequential = list(generate(n, seed))[1:]
    run = Run(seed, DEMO_TODAY)
    seeds = list(run.seeds(n))
    plain = [i for i, c in enumerate(sequential)
             if not c["case_discussion"] and not c["decision"]]  # fmt: skip
    assert len(plain) > n / 2
    for index in plain[-30:]:
        chunk = run.finish(run.draft(index, seeds[index]), 0, n - index, joins=False)
        assert chunk == sequential[index]


def test_spawned_workers_give_the_sequential_batches(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Three worker processes (whatever this machine's cores) deliver the sequential batches."""
    monkeypatch.setattr(pipeline, "workers", lambda *_a: 3)
    dialect = sqlite.dialect()  # type: ignore[no-untyped-call]
    n, size = 1000, 200
    spawned = list(prepared_batches(n, 4, DEMO_TODAY, size, dialect, STAMP, worker=True))
    assert "in-process" not in caplog.text  # the workers ran (no fallback)
    assert spawned == list(prepared_batches(n, 4, DEMO_TODAY, size, dialect, STAMP, worker=False))
