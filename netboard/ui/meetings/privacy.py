"""What the shared screen may show about a patient when the privacy switch is on.

No Qt here: the presentation window, the agenda and the tests all ask the same functions. In privacy
mode a patient is "Case 3 · AB" (agenda number and initials); name, MRN and birth date never appear,
also not inside free text (a question typed as "Mrs Smith's liver lesions" is scrubbed).
"""

from __future__ import annotations

import re
from datetime import date

from netboard.domain.snapshot import Patient
from netboard.ui.meetings.format import age_on, fmt_date

_MIN_LEN = 2


def case_label(number: int, patient: Patient, *, private: bool) -> str:
    """The patient's heading: 'Case 3 · AB' in privacy mode, 'Case 3 · Family, Given' otherwise."""
    who = (patient.initials or "?") if private else patient.display_name
    return f"Case {number} · {who}"


def date_forms(day: date) -> tuple[str, ...]:
    """The ways a birth date is commonly written (all are hidden in privacy mode)."""
    return (
        day.isoformat(),
        fmt_date(day),
        day.strftime("%d.%m.%Y"),
        day.strftime("%m/%d/%Y"),
        day.strftime("%d/%m/%Y"),
        f"{day.day}.{day.month}.{day.year}",
        f"{day.month}/{day.day}/{day.year}",
        day.strftime("%d %B %Y"),
        day.strftime("%B %d, %Y"),
    )


def identifiers(patient: Patient) -> tuple[str, ...]:
    """Every string that identifies the patient directly: names, MRN, birth date forms."""
    found = [patient.family_name, patient.given_name, patient.mrn]
    # Double-barrelled names: each part identifies as well.
    for name in (patient.family_name, patient.given_name):
        found.extend(part for part in re.split(r"[\s\-]+", name) if part)
    if patient.birth_date is not None:
        found.extend(date_forms(patient.birth_date))
    unique = {f.strip() for f in found if len(f.strip()) >= _MIN_LEN}
    return tuple(sorted(unique, key=len, reverse=True))


def scrub(text: str, patient: Patient, replacement: str) -> str:
    """``text`` with every identifier of ``patient`` replaced (whole words, any letter case)."""
    if not text:
        return text
    for ident in identifiers(patient):
        pattern = re.compile(rf"(?<!\w){re.escape(ident)}(?!\w)", re.IGNORECASE)
        text = pattern.sub(replacement, text)
    return text


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
