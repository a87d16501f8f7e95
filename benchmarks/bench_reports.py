"""Benchmark: a 20-case meeting summary with charts (budget 3 s) and a patient handout (0.5 s).

Cases come from the cached 1,000-patient demo database (``benchmarks.data.demo_db``): the busiest
finalized meeting, cut to 20 cases. The builders are timed on snapshots already read (the PDF work);
one end-to-end run through the database is reported beside it, and one run of the SVG chart route
(svglib) shows why the direct vector renderer is the default. Wall and CPU medians are both given:
on a shared machine the CPU time is the steadier number. Run alone with
``python -m benchmarks --only reports``.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

SUMMARY_BUDGET_S = 3.0
HANDOUT_BUDGET_S = 0.5
CASES = 20
SUMMARY_RUNS = 5
HANDOUT_RUNS = 20


def _timed(action: Callable[[], object], runs: int) -> dict[str, float]:
    action()  # warm-up: imports, font registration, catalog
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "median_s": round(statistics.median(walls), 3),
        "median_cpu_s": round(statistics.median(cpus), 3),
        "min_s": round(min(walls), 3),
        "max_s": round(max(walls), 3),
        "runs": runs,
    }


def _demo_meeting(cache: Path) -> tuple[Any, Any, dict[str, Any], str]:
    """(store, meeting snapshot cut to 20 cases, cases by patient id, source description)."""
    from benchmarks.data import demo_db
    from netboard.db import queries
    from netboard.db.store import Store
    from netboard.domain.vocab import MeetingStatus

    store = Store.open(demo_db(1000), user="benchmark")
    finalized = [m for m in queries.list_meetings(store) if m.status == MeetingStatus.FINALIZED]
    snapshots = sorted(
        (queries.get_meeting(store, m.id) for m in finalized), key=lambda s: -len(s.agenda)
    )
    busiest = snapshots[0]
    # Demo meetings hold up to ~15 cases: top the busiest up with cases from the next ones.
    agenda: list[Any] = []
    seen: set[str] = set()
    for meeting in snapshots:
        for item in sorted(meeting.agenda, key=lambda i: i.discussion.position):
            if len(agenda) < CASES and item.patient.id not in seen:
                seen.add(item.patient.id)
                position = len(agenda) + 1
                discussion = replace(item.discussion, position=position)
                agenda.append(replace(item, discussion=discussion))
    snapshot = replace(busiest, agenda=tuple(agenda))
    cases = {i.patient.id: queries.get_case(store, i.patient.id) for i in agenda}
    source = (
        f"demo_db(1000): the busiest meeting ({len(busiest.agenda)} cases) topped up to "
        f"{len(agenda)} with cases from the next busiest; end-to-end: the busiest as stored"
    )
    return store, snapshot, cases, source


def run(cache: Path) -> dict[str, Any]:
    from netboard.domain.catalog import load_catalog
    from netboard.reports import api
    from netboard.reports.handout import build_handout
    from netboard.reports.meeting_summary import build_meeting_summary
    from tests.factories import sample_meeting

    catalog = load_catalog()
    store, snapshot, cases, source = _demo_meeting(cache)
    try:
        if len(snapshot.agenda) < CASES:  # a tiny demo: fall back to synthetic snapshots
            store.close()
            store = None
            snapshot, cases = sample_meeting(CASES, snapshot.meeting.starts_at.date())
            source = "synthetic sample_meeting(20)"
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder)
            summary = _timed(
                lambda: build_meeting_summary(snapshot, cases, out / "s.pdf", catalog=catalog),
                SUMMARY_RUNS,
            )
            pages = _pages(out / "s.pdf")
            deidentified = _timed(
                lambda: build_meeting_summary(
                    snapshot, cases, out / "d.pdf", deidentified=True, catalog=catalog
                ),
                2,
            )
            svg = _timed(
                lambda: build_meeting_summary(
                    snapshot, cases, out / "v.pdf", catalog=catalog, chart_engine="svg"
                ),
                1,
            )
            decided = next(
                (c for c in cases.values() if any(d.decision for d in c.discussions)), None
            )
            assert decided is not None, "no case with a board decision to print a handout for"
            handout = _timed(
                lambda: build_handout(decided, out / "h.pdf", catalog=catalog), HANDOUT_RUNS
            )
            end_to_end = None
            if store is not None:
                end_to_end = _timed(
                    lambda: api.meeting_summary(store, snapshot.meeting.id, out / "e.pdf"), 1
                )
    finally:
        if store is not None:
            store.close()
    return {
        "name": "reports",
        "what": "meeting summary (20 cases, vector charts) and patient handout, built from "
        "snapshots; medians",
        "source": source,
        "cases": len(snapshot.agenda),
        "summary_pages": pages,
        "summary": summary,
        "summary_deidentified": deidentified,
        "summary_svg_engine": svg,
        "summary_end_to_end_full_meeting": end_to_end,
        "handout": handout,
        "budget_summary_s": SUMMARY_BUDGET_S,
        "budget_handout_s": HANDOUT_BUDGET_S,
        "passed": summary["median_s"] < SUMMARY_BUDGET_S and handout["median_s"] < HANDOUT_BUDGET_S,
        "passed_cpu": summary["median_cpu_s"] < SUMMARY_BUDGET_S
        and handout["median_cpu_s"] < HANDOUT_BUDGET_S,
    }


def _pages(path: Path) -> int | None:
    try:
        from pypdf import PdfReader
    except ImportError:  # a test extra; the benchmark runs without it
        return None
    return len(PdfReader(path).pages)


if __name__ == "__main__":
    import json

    from benchmarks.data import cache_dir

    print(json.dumps(run(cache_dir()), indent=2))
