"""Recognising the demo's synthetic patients, so what is made from them says so (a DEMO mark on
every page of a PDF). The demo gives every patient an MRN "DEMO-000001" …; no real record
number starts so (``netboard.demo.generate``)."""

from __future__ import annotations

from collections.abc import Iterable

from netboard.domain.snapshot import Patient

DEMO_MRN_PREFIX = "DEMO-"
DEMO_MARK = "DEMO \u2014 synthetic patients, not for clinical use"


def is_demo_patient(patient: Patient) -> bool:
    return patient.mrn.startswith(DEMO_MRN_PREFIX)


def any_demo(patients: Iterable[Patient]) -> bool:
    return any(is_demo_patient(p) for p in patients)
