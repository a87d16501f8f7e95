"""Benchmark: offline bundle of a 20-patient meeting — export, and import of offline work (each
patient's notes changed and one lab added offline), on a copy of the cached 1,000-patient demo
database; and the FHIR export of the patient with the longest history. Run alone with
``python -m benchmarks --only interchange``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

CASES = 20
RUNS = 5


def _median(action: Callable[[], object], runs: int) -> dict[str, float]:
    walls = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        walls.append(time.perf_counter() - started)
    return {
        "median_s": round(statistics.median(walls), 3),
        "max_s": round(max(walls), 3),
        "runs": runs,
    }


def _meeting_with_20(store: Any) -> tuple[str, list[str]]:
    from netboard.db import queries

    meetings = sorted(
        (queries.get_meeting(store, m.id) for m in queries.list_meetings(store)),
        key=lambda s: -len(s.agenda),
    )
    busiest = meetings[0]
    patients = [i.patient.id for i in busiest.agenda]
    for meeting in meetings[1:]:
        for item in meeting.agenda:
            if len(patients) < CASES and item.patient.id not in patients:
                patients.append(item.patient.id)
    return busiest.meeting.id, patients[:CASES]


def _offline_work(bundle: Path, patients: list[str]) -> None:
    from netboard.db import operations as ops
    from netboard.db import queries
    from netboard.interchange.bundles import open_working_copy, save_working_copy

    offline = open_working_copy(bundle, user="bench-laptop")
    try:
        for pid in patients:
            patient = queries.get_patient(offline, pid)
            ops.update(
                offline,
                "patient",
                pid,
                {"notes": patient.notes + " (prepared offline)"},
                expected_version=patient.version,
            )
            ops.create(
                offline,
                "lab",
                {
                    "patient_id": pid,
                    "date": date(2026, 11, 20),
                    "analyte": "chromogranin_a",
                    "value": 100.0,
                    "unit": "ng/mL",
                },
            )
        save_working_copy(offline, bundle)
    finally:
        offline.close()


def run(cache: Path) -> dict[str, Any]:
    from benchmarks.data import demo_db
    from netboard.db.store import Store
    from netboard.interchange.bundles import export_bundle, import_bundle

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with Store.open(demo_db(1000), user="benchmark") as source:
            source.backup(folder / "board.sqlite")
        board = Store.open(f"sqlite:///{folder / 'board.sqlite'}", user="benchmark")
        try:
            meeting_id, patients = _meeting_with_20(board)
            counter = iter(range(1000))
            export = _median(
                lambda: export_bundle(
                    board,
                    folder / f"e{next(counter)}.nbx",
                    meeting_id=meeting_id,
                    patient_ids=patients,
                ),
                RUNS,
            )
            imports: list[float] = []
            records = 0
            for n in range(RUNS):
                bundle = export_bundle(
                    board, folder / f"i{n}.nbx", meeting_id=meeting_id, patient_ids=patients
                )
                records = sum(len(rows) for rows in bundle.base.values())
                _offline_work(bundle.path, patients)
                started = time.perf_counter()
                result = import_bundle(board, bundle.path)
                imports.append(time.perf_counter() - started)
                assert result.steps == 2 * len(patients), result.report()
        finally:
            board.close()
    fhir = _fhir_largest(cache)
    return {
        "fhir_export_largest": fhir,
        "patients": len(patients),
        "records_in_bundle": records,
        "export": export,
        "import_40_changes": {
            "median_s": round(statistics.median(imports), 3),
            "max_s": round(max(imports), 3),
            "runs": RUNS,
        },
    }


def _fhir_largest(cache: Path) -> dict[str, Any]:
    """FHIR export (read, build, validate, write) of the demo patient with the most records."""
    from benchmarks.core import largest_history
    from benchmarks.data import demo_db
    from netboard.db import queries
    from netboard.db.store import Store
    from netboard.interchange.fhir_export import export_patient

    with Store.open(demo_db(1000), user="benchmark") as store, tempfile.TemporaryDirectory() as tmp:
        patient_id, rows = largest_history(store)
        mrn = queries.get_patient(store, patient_id).mrn
        path = Path(tmp) / "largest.json"
        export_patient(store, mrn, path)  # warm-up: fhir.resources model classes load once
        timing = _median(lambda: export_patient(store, mrn, path), RUNS)
        entries = path.read_text().count('"fullUrl"')
    return {**timing, "clinical_rows": rows, "resources": entries}
