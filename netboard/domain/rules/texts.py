"""How rules write this patient's values: numbers, Krenning scores, Ki-67, therapy courses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netboard.domain.snapshot import ImagingStudy, PathologyResult, TherapyCourse

if TYPE_CHECKING:
    from netboard.domain.rules.facts import CaseFacts


def num(value: float) -> str:
    """A number as a clinician writes it: 12, 2.5, 0.75 (no trailing zeros)."""
    return f"{value:g}"


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
    return f"Krenning {study.krenning} on {study.date} {study.modality.label}: {meaning}"


def ki67_text(result: PathologyResult) -> str:
    """'Ki-67 18 % (liver, 2026-01-02)'."""
    where = result.specimen_site or "site not recorded"
    value = num(result.ki67) if result.ki67 is not None else "?"
    return f"Ki-67 {value} % ({where}, {result.date})"


def course_text(facts: CaseFacts, course: TherapyCourse) -> str:
    """'lanreotide (2020-01-01 to 2021-05-02)'."""
    return f"{facts.name_of(course)} ({facts.span(course)})"
