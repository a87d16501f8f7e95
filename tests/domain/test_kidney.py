"""Kidney function for the NETTER-1 criterion: CKD-EPI 2021 eGFR, or Cockcroft-Gault with a weight.

Oracle values are the published calculators' results (rounded), not recomputed from the code.
"""

from __future__ import annotations

from datetime import date

import pytest

from netboard.domain.considerations import considerations
from netboard.domain.rules.kidney import ckd_epi_2021, cockcroft_gault, kidney, mg_per_dl
from netboard.domain.snapshot import LabResult, Patient
from netboard.domain.vocab import Analyte, PatientStatus, Sex
from tests.domain.cases_ranking import _midgut_after_ssa
from tests.factories import TODAY, lab, months_ago


@pytest.mark.parametrize(
    ("creatinine", "age", "female", "expected"),
    [(1.0, 50, False, 92), (1.0, 50, True, 69), (0.7, 40, True, 112), (2.0, 70, False, 35)],
)
def test_ckd_epi_2021_matches_published_values(
    creatinine: float, age: int, female: bool, expected: int
) -> None:
    assert round(ckd_epi_2021(creatinine, age, female)) == expected


def test_cockcroft_gault() -> None:
    assert round(cockcroft_gault(1.0, 60, 70, female=False), 1) == 77.8
    assert round(cockcroft_gault(1.0, 60, 70, female=True), 1) == 66.1


def test_micromol_is_read_as_such() -> None:
    value = LabResult("l", "p", date(2026, 1, 1), Analyte.CREATININE, 88.4, "µmol/L")
    assert mg_per_dl(value) == pytest.approx(1.0)


def test_without_sex_or_birth_date_the_estimate_says_what_is_missing() -> None:
    person = Patient("p", "M", "F", "G", None, Sex.MALE, PatientStatus.ACTIVE)
    value = LabResult("l", "p", date(2026, 1, 1), Analyte.CREATININE, 1.0, "mg/dL")
    estimate = kidney(person, value)
    assert estimate is not None and estimate.egfr is None
    assert "birth date" in estimate.why_missing


def test_a_recorded_weight_uses_cockcroft_gault_in_the_text() -> None:
    case = _midgut_after_ssa(
        sex=Sex.FEMALE, weight_kg=45, labs=[lab(months_ago(1), Analyte.CREATININE, 1.3, "mg/dL")]
    )
    signals = considerations(case, TODAY).option("prrt_lu177_dotatate").signals
    kidney_signal = next(s for s in signals if s.rule_id == "prrt.kidney")
    assert "creatinine clearance (Cockcroft-Gault) about 30 mL/min" in kidney_signal.text
