"""A coarse guard on engine speed (the 5 ms budget is in benchmarks/bench_considerations.py)."""

from __future__ import annotations

import statistics
import time

from netboard.domain.considerations import considerations
from tests.domain.factories import TODAY
from tests.domain.large_case import make_large_case, row_count


def test_a_300_row_case_is_assessed_in_well_under_25_ms() -> None:
    case = make_large_case(300)
    assert 280 <= row_count(case) <= 330
    considerations(case, TODAY)
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        considerations(case, TODAY)
        timings.append(time.perf_counter() - start)
    assert statistics.median(timings) < 0.025
