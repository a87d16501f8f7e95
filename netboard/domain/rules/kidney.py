"""Kidney function for the trial criteria: the latest creatinine read as an estimated GFR.

NETTER-1 required creatinine clearance >= 50 mL/min (reference §7). With a body weight recorded (at
an ECOG assessment) the estimate is the Cockcroft-Gault creatinine clearance (age, weight, sex,
serum creatinine; mL/min); without one, the race-free CKD-EPI 2021 eGFR (age, sex, creatinine;
mL/min/1.73 m²). Both need a recorded sex (female or male) and birth date. A creatinine above 20 is
read as µmol/L (divided by 88.4), otherwise as mg/dL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netboard.domain.snapshot import LabResult, Patient
from netboard.domain.vocab import Sex

UMOL_PER_MG = 88.4
SOURCE = (
    "Cockcroft-Gault creatinine clearance (Cockcroft, Nephron 1976); CKD-EPI 2021 creatinine "
    "equation (Inker, N Engl J Med 2021)"
)


@dataclass(frozen=True, slots=True)
class Kidney:
    creatinine: LabResult
    egfr: float | None
    """The estimate (mL/min by Cockcroft-Gault, else mL/min/1.73 m² by CKD-EPI); None when age or
    sex is not recorded."""
    why_missing: str = ""
    method: str = "eGFR (CKD-EPI 2021)"
    unit: str = "mL/min/1.73 m²"


def mg_per_dl(lab: LabResult) -> float:
    return lab.value / UMOL_PER_MG if lab.value > 20 else lab.value


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def ckd_epi_2021(creatinine_mg_dl: float, age: int, female: bool) -> float:
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = creatinine_mg_dl / kappa
    value: float = 142 * min(ratio, 1.0) ** alpha * max(ratio, 1.0) ** -1.200 * 0.9938**age
    return value * 1.012 if female else value


def cockcroft_gault(creatinine_mg_dl: float, age: int, weight_kg: float, female: bool) -> float:
    value = (140 - age) * weight_kg / (72 * creatinine_mg_dl)
    return value * 0.85 if female else value


def kidney(
    patient: Patient, lab: LabResult | None, weight_kg: float | None = None
) -> Kidney | None:
    """The estimate from the latest creatinine (None without a creatinine)."""
    if lab is None or lab.value <= 0:
        return None
    if patient.birth_date is None:
        return Kidney(lab, None, "birth date not recorded")
    if patient.sex not in (Sex.FEMALE, Sex.MALE):
        return Kidney(lab, None, "sex not recorded as female or male")
    age = age_on(patient.birth_date, lab.date)
    female = patient.sex == Sex.FEMALE
    if weight_kg is not None:
        clearance = cockcroft_gault(mg_per_dl(lab), age, weight_kg, female)
        return Kidney(
            lab, clearance, method="creatinine clearance (Cockcroft-Gault)", unit="mL/min"
        )
    return Kidney(lab, ckd_epi_2021(mg_per_dl(lab), age, female))
