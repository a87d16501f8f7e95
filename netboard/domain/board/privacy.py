"""How the meeting screens name a patient when the privacy switch is on.

In privacy mode a patient is "Case 3 · AB" (agenda number and initials); name, MRN and birth date
never appear. Free text is scrubbed by the one de-identifier, ``netboard.domain.privacy`` (the
slides pass it every text they show).
"""

from __future__ import annotations

from datetime import date

from netboard.domain.snapshot import Patient
from netboard.domain.wording import age_on, fmt_date


def case_label(number: int, patient: Patient, *, private: bool) -> str:
    """The patient's heading: 'Case 3 · AB' in privacy mode, 'Case 3 · Family, Given' otherwise."""
    who = (patient.initials or "?") if private else patient.display_name
    return f"Case {number} · {who}"


def age_text(patient: Patient, today: date, *, private: bool) -> str:
    """'62 y'; in privacy mode ages of 90 and over read '90+ y' (they identify)."""
    age = age_on(patient.birth_date, today)
    if age is None:
        return "age unknown"
    if private and age >= 90:
        return "90+ y"
    return f"{age} y"


def patient_line(patient: Patient, today: date, *, private: bool) -> str:
    """Sex and age, plus MRN and birth date when identifiers may show."""
    parts = [patient.sex.label, age_text(patient, today, private=private)]
    if not private:
        parts.append(f"MRN {patient.mrn}")
        if patient.birth_date is not None:
            parts.append(f"born {fmt_date(patient.birth_date)}")
    return " · ".join(parts)
