"""How rules write this patient's values: numbers, Krenning scores, Ki-67, therapy courses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netboard.domain.rules.dates import day
from netboard.domain.rules.extent_facts import Extent
from netboard.domain.snapshot import ImagingStudy, LabResult, PathologyResult, TherapyCourse
from netboard.domain.wording import num, tnm_text

if TYPE_CHECKING:
    from netboard.domain.rules.facts import CaseFacts


KRENNING_MEANING = {
    0: "no uptake",
    1: "uptake much lower than liver",
    2: "uptake at most equal to liver",
    3: "uptake above liver",
    4: "uptake above spleen",
}


def krenning_text(study: ImagingStudy) -> str:
    """'Krenning 3 on 2026-05-02 SSTR PET: uptake above liver'."""
    meaning = KRENNING_MEANING.get(study.krenning if study.krenning is not None else -1, "")
    return f"Krenning {study.krenning} on {day(study.date)} {study.modality.label}: {meaning}"


def ki67_text(result: PathologyResult) -> str:
    """'Ki-67 18 % (liver, 2026-01-02)'."""
    where = result.specimen_site or "site not recorded"
    value = num(result.ki67) if result.ki67 is not None else "?"
    return f"Ki-67 {value} % ({where}, {day(result.date)})"


def lab_text(lab: LabResult, name: str) -> str:
    """'creatinine 1.1 mg/dL on 04 Dec 2026' (one space where no unit is recorded)."""
    return f"{name} {num(lab.value)} {lab.unit} on {day(lab.date)}".replace("  ", " ")


def course_text(facts: CaseFacts, course: TherapyCourse) -> str:
    """'lanreotide (2020-01-01 to 2021-05-02)'."""
    return f"{facts.name_of(course)} ({facts.span(course)})"


def staging_text(facts: CaseFacts) -> str:
    """'staging 2021-08-13 (T2 N0 M0; metastases: liver, bone)'; empty without staging."""
    staging = facts.staging
    if staging is None:
        return ""
    tnm = tnm_text(staging)
    sites = ", ".join(staging.metastatic_sites)
    detail = "; ".join(p for p in (tnm, f"metastases: {sites}" if sites else "") if p)
    return f"staging {day(staging.date)}" + (f" ({detail})" if detail else "")


def imaging_text(study: ImagingStudy) -> str:
    """'CT on 2026-11-16: "No evidence of recurrence."' (the finding quoted when recorded)."""
    finding = " ".join(study.finding.split())
    said = f"{study.modality.label} on {day(study.date)}"
    return f'{said}: "{finding}"' if finding else said


def resected_text(facts: CaseFacts) -> str:
    """'the primary was resected on 2021-09-01 with no evidence of disease since' (or empty)."""
    resection = facts.extent.resection
    if facts.extent.kind != Extent.NO_EVIDENCE or resection is None:
        return ""
    return f"the primary was resected {facts.span(resection)} with no evidence of disease since"


def extent_text(facts: CaseFacts) -> str:
    """'No metastatic or unresectable disease on record (staging 2021-08-13: T2 N0 M0; primary
    resected on 2021-09-01, no progression since)', in this patient's own dates and values."""
    extent = facts.extent
    staging = facts.staging
    said = "no staging"
    if staging is not None:
        tnm = tnm_text(staging) or "TNM not recorded"
        said = f"staging {day(staging.date)}: {tnm}"
    resection = extent.resection
    if extent.kind == Extent.NO_EVIDENCE and resection is not None:
        said += f"; primary resected {facts.span(resection)}, no progression since"
    return f"No metastatic or unresectable disease on record ({said})"
