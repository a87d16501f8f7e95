"""Case-level signals: what the board should see about the case before the options.

Grade (current and drift), FDG avidity, functional syndromes and PPGL features concern every
option at once, so they are shown once, above the option list.
"""

from __future__ import annotations

from collections.abc import Sequence

from netboard.domain.grading import grade_basis
from netboard.domain.rules import sources as src
from netboard.domain.rules.base import CAUTION, INFORMATION, NOTHING, Finding, rule
from netboard.domain.rules.dates import add_months, day
from netboard.domain.rules.facts import CaseFacts, avid
from netboard.domain.rules.texts import lab_text
from netboard.domain.vocab import (
    Analyte,
    FunctionalSyndrome,
    Grade,
    HereditarySyndrome,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
)
from netboard.domain.wording import num

RECENT_PROGRESSION_MONTHS = 6


@rule("patient.status", source=src.HISTORY, scope="case")
def patient_status(facts: CaseFacts) -> Sequence[Finding]:
    """A patient recorded as deceased or transferred (a course ended by death counts too; a
    death dated after the day assessed is not known that day)."""
    death = next((c for c in facts.courses if c.reason_ended == ReasonEnded.DEATH), None)
    if death is not None and death.end_date is not None and death.end_date > facts.today:
        return NOTHING  # alive on the day assessed (a past meeting's case sheet)
    if facts.status == PatientStatus.DECEASED or death is not None:
        ended = death.end_date if death is not None else None
        when = f": {facts.name_of(death)} ended by death on {day(ended)}" if death and ended else ""
        return (Finding(CAUTION, f"Patient recorded as deceased{when}"),)
    if facts.status == PatientStatus.TRANSFERRED:
        return (Finding(INFORMATION, "Patient recorded as transferred to another site of care"),)
    return NOTHING


@rule("grade.current", source=src.WHO_2019, scope="case")
def current_grade(facts: CaseFacts) -> Sequence[Finding]:
    """The latest grade with the criterion that decided it."""
    result = facts.grade_result
    if result is None:
        return NOTHING
    basis = grade_basis(
        facts.site,
        result.ki67,
        result.mitoses,
        result.differentiation,
        result.necrosis,
        facts.histology,
    )
    where = result.specimen_site or "site not recorded"
    text = f"Latest grade {facts.grade.label} ({where}, {day(result.date)}): {basis}"
    lung = facts.site in (PrimarySite.LUNG, PrimarySite.THYMUS)
    if lung and result.ki67 is not None and facts.grade != Grade.NEC:
        text += f"; Ki-67 {num(result.ki67)} % is not a formal typical/atypical criterion [verify]"
        return (Finding(INFORMATION, text, unverified=True, source=src.LUNG_CRITERIA),)
    return (Finding(INFORMATION, text, source=src.LUNG_CRITERIA if lung else ""),)


@rule("grade.drift", source=src.GRADE_DRIFT, scope="case")
def grade_drift_signal(facts: CaseFacts) -> Sequence[Finding]:
    """Each rise of the grade category between specimens."""
    return tuple(
        Finding(
            CAUTION,
            f"{drift.text}: grade differs between sites and changes over time, so the options "
            "are weighed on the later grade",
        )
        for drift in facts.drift
    )


@rule("imaging.fdg_avid", source=src.FDG, scope="case")
def fdg_avidity(facts: CaseFacts) -> Sequence[Finding]:
    """FDG-avid disease (more aggressive biology); with recent progression, re-grading."""
    if not avid(facts.fdg):
        return NOTHING
    assert facts.fdg is not None
    text = f"FDG-avid disease on {day(facts.fdg.date)} FDG PET: suggests more aggressive biology"
    last = facts.last_progression
    if last is not None and last.date >= add_months(facts.today, -RECENT_PROGRESSION_MONTHS):
        text += (
            f"; with progression ({last.text}), the reference names re-biopsy to re-grade "
            "before the next line"
        )
    return (Finding(CAUTION, text),)


@rule("syndrome.carcinoid", source=src.CARCINOID_HEART, scope="case")
def carcinoid_syndrome(facts: CaseFacts) -> Sequence[Finding]:
    """Carcinoid syndrome: 5-HIAA and echocardiography for carcinoid heart disease."""
    if facts.functional != FunctionalSyndrome.CARCINOID_SYNDROME:
        return NOTHING
    lab = facts.lab(Analyte.URINE_5HIAA) or facts.lab(Analyte.PLASMA_5HIAA)
    value = f"; latest {lab_text(lab, lab.analyte.label)}" if lab else ""
    text = (
        f"Carcinoid syndrome{value}. Elevated 5-HIAA is the reason for echocardiography to look "
        "for carcinoid heart disease"
    )
    return (Finding(INFORMATION, text),)


@rule("syndrome.gastrinoma", source=src.SYNDROMES, scope="case")
def gastrinoma(facts: CaseFacts) -> Sequence[Finding]:
    """Gastrinoma: mostly duodenal; MEN1 in a fifth to a third."""
    if facts.functional != FunctionalSyndrome.GASTRINOMA:
        return NOTHING
    men1 = (
        "MEN1 is on record"
        if facts.hereditary == HereditarySyndrome.MEN1
        else f"hereditary syndrome on record: {facts.hereditary.label.lower()}"
    )
    text = (
        "Gastrinoma (Zollinger-Ellison): 70-80 % arise in the duodenum and 20-30 % occur with "
        f"MEN1; {men1}"
    )
    return (Finding(INFORMATION, text),)


@rule("syndrome.other_functional", source=src.SYNDROMES, scope="case", unverified=True)
def other_functional(facts: CaseFacts) -> Sequence[Finding]:
    """VIPoma and glucagonoma: named in the reference, details marked [verify]."""
    if facts.functional not in (FunctionalSyndrome.VIPOMA, FunctionalSyndrome.GLUCAGONOMA):
        return NOTHING
    text = (
        f"Functional syndrome: {facts.functional.label}; hormone excess and its control are "
        "weighed with every option (details [verify])"
    )
    return (Finding(INFORMATION, text),)


@rule("ppgl.features", source=src.PPGL, scope="case")
def ppgl_features(facts: CaseFacts) -> Sequence[Finding]:
    """PPGL: metastatic potential, hereditary in at least 30 %, SDHB and metastasis."""
    if not facts.ppgl:
        return NOTHING
    text = (
        "Pheochromocytoma / paraganglioma: all have metastatic potential, at least 30 % are "
        f"hereditary (SDHB is linked to metastasis); hereditary syndrome on record: "
        f"{facts.hereditary.label}"
    )
    return (Finding(INFORMATION, text),)


RULES = (
    patient_status,
    current_grade,
    grade_drift_signal,
    fdg_avidity,
    carcinoid_syndrome,
    gastrinoma,
    other_functional,
    ppgl_features,
)
