"""Kidney function for the trial criteria: the latest creatinine read as an estimated GFR.

NETTER-1 required creatinine clearance >= 50 mL/min (reference §7). No body weight is recorded, so
the estimate is the race-free CKD-EPI 2021 creatinine equation (age, sex, serum creatinine), which
needs a recorded sex (female or male) and birth date. A creatinine above 20 is read as µmol/L
(divided by 88.4), otherwise as mg/dL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netboard.domain.snapshot import LabResult, Patient
from netboard.domain.vocab import Sex

UMOL_PER_MG = 88.4
SOURCE = "CKD-EPI 2021 creatinine equation (Inker, N Engl J Med 2021)"


@dataclass(frozen=True, slots=True)
class Kidney:
    creatinine: LabResult
    egfr: float | None
    """mL/min/1.73 m²; None when age or sex is not recorded."""
    why_missing: str = ""


def mg_per_dl(lab: LabResult) -> float:
    return lab.value / UMOL_PER_MG if lab.value > 20 else lab.value


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def ckd_epi_2021(creatinine_mg_dl: float, age: int, female: bool) -> float:
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = creatinine_mg_dl / kappa
    value: float = 142 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938**age
    return value * 1.012 if female else value


def kidney(patient: Patient, lab: LabResult | None) -> Kidney | None:
    """The estimate from the latest creatinine (None without a creatinine)."""
    if lab is None or lab.value <= 0:
        return None
    if patient.birth_date is None:
        return Kidney(lab, None, "birth date not recorded")
    if patient.sex not in (Sex.FEMALE, Sex.MALE):
        return Kidney(lab, None, "sex not recorded as female or male")
    age = age_on(patient.birth_date, lab.date)
    return Kidney(lab, ckd_epi_2021(mg_per_dl(lab), age, patient.sex == Sex.FEMALE))
