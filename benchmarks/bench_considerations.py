"""Benchmark: the considerations engine on a ~300-row case must take under 5 ms (median).

The case is built in memory with the domain test factories (no database), so ``cache`` is not
needed; the signature matches the other benchmarks. Run alone with
``python -m benchmarks.bench_considerations`` from the repository root.
"""

from __future__ import annotations

import gc
import statistics
import time
from pathlib import Path
from typing import Any

BUDGET_MS = 5.0
ROWS = 300
RUNS = 200
WARMUP = 10


def run(cache: Path | None = None, *, rows: int = ROWS, runs: int = RUNS) -> dict[str, Any]:
    """Time ``considerations()`` on a synthetic case of about ``rows`` records."""
    from netboard.domain.catalog import load_catalog
    from netboard.domain.considerations import considerations
    from tests.domain.large_case import make_large_case, row_count
    from tests.factories import TODAY

    catalog = load_catalog()
    case = make_large_case(rows)
    for _ in range(WARMUP):
        assessment = considerations(case, TODAY, catalog)
    timings: list[float] = []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            assessment = considerations(case, TODAY, catalog)
            timings.append((time.perf_counter() - start) * 1000)
    finally:
        if gc_was_enabled:
            gc.enable()
    timings.sort()
    median = statistics.median(timings)
    return {
        "name": "considerations",
        "what": "considerations(case, today) on one synthetic case, median of repeated runs",
        "rows": row_count(case),
        "runs": runs,
        "median_ms": round(median, 3),
        "p95_ms": round(timings[int(0.95 * (len(timings) - 1))], 3),
        "min_ms": round(timings[0], 3),
        "max_ms": round(timings[-1], 3),
        "budget_ms": BUDGET_MS,
        "passed": median < BUDGET_MS,
        "options": len(assessment.options),
        "signals": sum(len(o.signals) for o in assessment.options)
        + len(assessment.case_signals)
        + len(assessment.readiness),
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))
