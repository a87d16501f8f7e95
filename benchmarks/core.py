"""The core measurements: demo generation rate, patient-list pages, search, full case load.

Each query is timed ``repeats`` times with ``time.perf_counter``; the JSON gives the median and
the first (cold) run in milliseconds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from benchmarks.data import USER, build_info, demo_db
from netboard.db import queries
from netboard.db.store import Store
from netboard.demo import DEMO_TODAY, generate


def timed(action: Callable[[], object], repeats: int) -> dict[str, float]:
    """Median and first run of ``action`` in milliseconds."""
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(runs), 2), "first_ms": round(runs[0], 2),
            "repeats": repeats}


def generation_only(n_patients: int = 2000, seed: int = 1) -> dict[str, float]:
    """Rows generated in memory, without a database (the writer's upper bound)."""
    started = time.perf_counter()
    rows = 0
    for chunk in generate(n_patients, seed, DEMO_TODAY):
        rows += sum(len(table_rows) for table_rows in chunk.values())
    seconds = time.perf_counter() - started
    return {"patients": n_patients, "patients_per_s": round(n_patients / seconds, 1),
            "rows_per_patient": round(rows / n_patients, 1)}


def largest_history(store: Store) -> tuple[str, int]:
    """The patient with the most imaging, lab, ECOG and therapy rows, and that count."""
    sql = text(
        "SELECT patient_id, count(*) AS n FROM ("
        " SELECT patient_id FROM lab_result UNION ALL SELECT patient_id FROM imaging_study"
        " UNION ALL SELECT patient_id FROM performance_status"
        " UNION ALL SELECT patient_id FROM therapy_course"
        ") AS clinical GROUP BY patient_id ORDER BY n DESC, patient_id LIMIT 1"
    )
    with store.read() as conn:
        row = conn.execute(sql).one()
    return str(row[0]), int(row[1])


def measure_size(n_patients: int, repeats: int) -> dict[str, Any]:
    url = demo_db(n_patients)
    store = Store.open(url, user=USER)
    try:
        result: dict[str, Any] = {"build": build_info(n_patients)}
        result["page_by_name"] = timed(lambda: queries.list_patients(store, sort="name"),
                                       repeats)
        result["page_by_grade"] = timed(lambda: queries.list_patients(store, sort="grade"),
                                        repeats)
        result["page_by_name_middle"] = timed(
            lambda: queries.list_patients(store, sort="name", offset=n_patients // 2), repeats)
        result["search_ab"] = timed(lambda: queries.list_patients(store, search="ab"), repeats)
        result["search_mrn"] = timed(
            lambda: queries.list_patients(store, search=f"DEMO-{n_patients // 2:06d}"), repeats)
        patient_id, rows = largest_history(store)
        result["case_snapshot_largest"] = timed(lambda: queries.get_case(store, patient_id),
                                                repeats)
        result["case_snapshot_largest"]["clinical_rows"] = rows
        page = queries.list_patients(store, search="ab")
        result["search_ab"]["matches"] = page.total
        return result
    finally:
        store.close()


def run(sizes: tuple[int, ...], repeats: int) -> dict[str, Any]:
    return {
        "generation_only": generation_only(),
        "sizes": {str(n): measure_size(n, repeats) for n in sizes},
    }
