"""Fixtures for the window tests: a real SQLite file on disk with a few synthetic patients,
a context whose QSettings live under tmp_path, and the real main window built over it.

All names are fictional (clearly invented "Testperson" families); dates are fixed relative to
``TODAY`` so the tests do not depend on the calendar.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from netboard.db import operations as ops
from netboard.db.store import Store
from netboard.domain.vocab import (
    Agreement,
    Analyte,
    Avidity,
    Histology,
    ImagingModality,
    Intent,
    Modality,
    PatientStatus,
    PrimarySite,
    Response,
    Sex,
    Stance,
)

TODAY = date(2025, 6, 2)
USER = "dr-ui-test"


@dataclass
class UiIds:
    """Ids of the records the builder made, for tests to look up."""

    alpha: str = ""
    alpha_tumor: str = ""
    alpha_course: str = ""
    alpha_decision: str = ""
    beta: str = ""
    gamma: str = ""
    delta: str = ""
    next_meeting: str = ""
    past_meeting: str = ""


def build_ui_db(store: Store, extra_patients: int = 0) -> UiIds:
    """A handful of synthetic patients with histories (one with a long one: 'Alpha')."""
    ids = UiIds()
    ids.alpha = ops.create(
        store,
        "patient",
        {
            "mrn": "T-0001",
            "family_name": "Testperson",
            "given_name": "Alpha",
            "birth_date": date(1961, 4, 12),
            "sex": Sex.FEMALE,
            "status": PatientStatus.ACTIVE,
            "treating_physician": "Dr Fictional",
        },
    )
    ids.alpha_tumor = ops.create(
        store,
        "tumor",
        {
            "patient_id": ids.alpha,
            "primary_site": PrimarySite.PANCREAS,
            "histology": Histology.NET,
            "diagnosis_date": date(2019, 3, 1),
        },
    )
    ops.create(
        store,
        "pathology",
        {
            "tumor_id": ids.alpha_tumor,
            "date": date(2019, 3, 1),
            "specimen_site": "primary",
            "ki67": 2.0,
        },
    )
    ops.create(
        store,
        "pathology",
        {
            "tumor_id": ids.alpha_tumor,
            "date": date(2024, 9, 10),
            "specimen_site": "liver biopsy",
            "ki67": 15.0,
        },
    )
    ops.create(
        store,
        "staging",
        {
            "tumor_id": ids.alpha_tumor,
            "date": date(2019, 3, 20),
            "t": "T2",
            "n": "N1",
            "m": "M1",
            "stage_group": "IV",
            "metastatic_sites": ("liver",),
            "liver_burden_pct": 20.0,
        },
    )
    ops.create(
        store,
        "imaging",
        {
            "patient_id": ids.alpha,
            "date": date(2019, 3, 15),
            "modality": ImagingModality.SSTR_PET,
            "krenning": 4,
            "avidity": Avidity.POSITIVE,
            "finding": "Uptake in primary and liver",
        },
    )
    ops.create(
        store,
        "imaging",
        {
            "patient_id": ids.alpha,
            "date": date(2024, 8, 30),
            "modality": ImagingModality.CT,
            "response": Response.PD,
            "finding": "New liver lesions",
        },
    )
    ops.create(store, "performance", {"patient_id": ids.alpha, "date": date(2025, 1, 5), "ecog": 1})
    for months, value in ((0, 110.0), (12, 140.0), (24, 260.0)):
        ops.create(
            store,
            "lab",
            {
                "patient_id": ids.alpha,
                "date": date(2021, 1, 10) + timedelta(days=30 * months),
                "analyte": Analyte.CHROMOGRANIN_A,
                "value": value,
                "unit": "ng/mL",
            },
        )
    ids.alpha_course = ops.create(
        store,
        "therapy",
        {
            "patient_id": ids.alpha,
            "option_id": "ssa_octreotide_lar",
            "agent": "octreotide LAR",
            "modality": Modality.SOMATOSTATIN_ANALOG,
            "intent": Intent.DISEASE_CONTROL,
            "start_date": date(2019, 5, 1),
            "end_date": date(2024, 9, 1),
            "best_response": Response.SD,
        },
    )

    now = datetime.now(UTC)
    ids.past_meeting = ops.create(
        store,
        "meeting",
        {
            "starts_at": now - timedelta(days=200),
            "title": "NET board (past)",
            "chair": "Dr Chair",
        },
    )
    discussion = ops.add_to_agenda(
        store, ids.past_meeting, ids.alpha, question="Next line after progression on SSA?"
    )
    ops.create(
        store,
        "option",
        {
            "discussion_id": discussion,
            "option_id": "everolimus",
            "stance": Stance.RECOMMENDED,
            "details": "10 mg daily",
            "rationale": "Progression on SSA; pancreatic primary",
        },
    )
    ids.alpha_decision = ops.create(
        store,
        "decision",
        {
            "discussion_id": discussion,
            "recommendation": "Everolimus 10 mg daily",
            "agreement": Agreement.CONSENSUS,
            "next_review": TODAY + timedelta(days=60),
        },
    )
    ops.create(
        store,
        "therapy",
        {
            "patient_id": ids.alpha,
            "option_id": "everolimus",
            "agent": "everolimus",
            "modality": Modality.TARGETED,
            "start_date": date(2024, 10, 1),
            "decision_id": ids.alpha_decision,
            "dose": "10 mg",
        },
    )

    ids.beta = _simple(
        store, "T-0002", "Testperson", "Beta", PrimarySite.SMALL_INTESTINE, PatientStatus.FOLLOW_UP
    )
    ids.gamma = _simple(
        store, "T-0003", "Samplecase", "Gamma", PrimarySite.LUNG, PatientStatus.ACTIVE
    )
    ids.delta = _simple(
        store, "X-7777", "Mockname", "Delta", PrimarySite.PANCREAS, PatientStatus.DECEASED
    )
    for n in range(extra_patients):
        _simple(
            store, f"E-{n:05d}", f"Extra{n:05d}", "Filler", PrimarySite.RECTUM, PatientStatus.ACTIVE
        )

    ids.next_meeting = ops.create(
        store,
        "meeting",
        {
            "starts_at": now + timedelta(days=7),
            "title": "NET board (next)",
            "chair": "Dr Chair",
        },
    )
    ops.add_to_agenda(store, ids.next_meeting, ids.gamma, question="Role of PRRT?")
    return ids


def _simple(
    store: Store, mrn: str, family: str, given: str, site: PrimarySite, status: PatientStatus
) -> str:
    patient = ops.create(
        store,
        "patient",
        {
            "mrn": mrn,
            "family_name": family,
            "given_name": given,
            "sex": Sex.UNKNOWN,
            "status": status,
            "birth_date": date(1970, 1, 1),
        },
    )
    tumor = ops.create(
        store,
        "tumor",
        {
            "patient_id": patient,
            "primary_site": site,
            "histology": Histology.NET,
            "diagnosis_date": date(2020, 1, 1),
        },
    )
    ops.create(store, "pathology", {"tumor_id": tumor, "date": date(2020, 1, 1), "ki67": 1.0})
    return patient


@pytest.fixture
def ui_db_path(tmp_path: Path) -> Path:
    return tmp_path / "ui.sqlite"


@pytest.fixture
def ui_store(ui_db_path: Path) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{ui_db_path}", user=USER)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def ui_ids(ui_store: Store) -> UiIds:
    return build_ui_db(ui_store)


@pytest.fixture
def ui_settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ui_context(qapp, ui_store: Store, ui_ids: UiIds, ui_settings: QSettings):  # type: ignore[no-untyped-def]
    from netboard.ui.context import build_context

    context = build_context(ui_store, is_demo=False, settings=ui_settings, today=lambda: TODAY)
    yield context
    # Drop the undo commands while the objects they point to are still alive.
    context.undo_stack.clear()


@pytest.fixture
def main_window(qtbot, ui_context):  # type: ignore[no-untyped-def]
    from netboard.ui.app import build_main_window

    window = build_main_window(ui_context)
    qtbot.addWidget(window)
    # The offscreen screen is 800x800, where the window now opens to fit; these tests look at
    # the board's large window (test_screen_fit checks real screen sizes).
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
