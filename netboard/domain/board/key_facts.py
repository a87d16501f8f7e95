"""The few facts a board needs on screen to discuss a case (no Qt; shared by panel and slides)."""

from __future__ import annotations

from datetime import date

from netboard.domain.snapshot import CaseSnapshot, TherapyCourse
from netboard.domain.vocab import FunctionalSyndrome, HereditarySyndrome, ImagingModality
from netboard.domain.wording import course_line, fmt_date, ki67_text, months_ago, staging_parts

Fact = tuple[str, str]


def _diagnosis(case: CaseSnapshot) -> list[Fact]:
    tumor = case.primary_tumor
    if tumor is None:
        return [("Diagnosis", "no tumor recorded")]
    diag = f"{tumor.primary_site.label} · {tumor.histology.label}"
    if tumor.diagnosis_date is not None:
        diag += f" · diagnosed {fmt_date(tumor.diagnosis_date)}"
    facts = [("Diagnosis", diag)]
    syndromes = [
        s.label
        for s in (tumor.functional_syndrome, tumor.hereditary_syndrome)
        if s not in (FunctionalSyndrome.NONE, HereditarySyndrome.NONE)
    ]
    if syndromes:
        facts.append(("Syndrome", ", ".join(syndromes)))
    return facts


def _grade(case: CaseSnapshot, today: date) -> Fact:
    path = case.latest_pathology
    if path is None:
        return ("Grade", "no pathology recorded")
    text = f"{path.grade.label} · {ki67_text(path.ki67)} ({months_ago(path.date, today)})"
    earlier = {p.grade for p in case.pathology[:-1]} - {path.grade}
    if earlier:
        text += " · earlier " + ", ".join(sorted(g.label for g in earlier))
    return ("Grade", text)


def _imaging(case: CaseSnapshot, today: date) -> list[Fact]:
    sstr = case.latest_imaging(ImagingModality.SSTR_PET)
    if sstr is None:
        facts = [("SSTR imaging", "none recorded")]
    else:
        krenning = (
            f"Krenning {sstr.krenning}" if sstr.krenning is not None else "Krenning not given"
        )
        facts = [("SSTR imaging", f"{krenning} ({months_ago(sstr.date, today)})")]
    latest = case.latest_imaging()
    if latest is not None:
        resp = f": {latest.response.label}" if latest.response is not None else ""
        when = months_ago(latest.date, today)
        facts.append(("Latest imaging", f"{latest.modality.label}{resp} ({when})"))
    return facts


def _therapy(case: CaseSnapshot, today: date) -> list[Fact]:
    def line(course: TherapyCourse) -> str:
        return course_line(course, today, dosing=False)

    current = case.current_therapies
    facts = [("Current therapy", "; ".join(line(c) for c in current) if current else "none")]
    earlier = [c for c in case.therapies if not c.ongoing]
    if earlier:
        shown = "; ".join(line(c) for c in reversed(earlier[-2:]))
        more = "; …" if len(earlier) > 2 else ""
        facts.append((f"Earlier therapy ({len(earlier)})", shown + more))
    return facts


def key_facts(case: CaseSnapshot, today: date) -> list[Fact]:
    """(label, value) pairs, most important first; a missing fact says so instead of hiding."""
    staging = case.latest_staging
    stage = (
        " · ".join(staging_parts(staging)) or "recorded without detail"
        if staging is not None
        else "no staging recorded"
    )
    ecog = case.latest_ecog
    return [
        *_diagnosis(case),
        _grade(case, today),
        ("Stage", stage),
        *_imaging(case, today),
        ("ECOG", f"{ecog.ecog} ({fmt_date(ecog.date)})" if ecog else "not recorded"),
        *_therapy(case, today),
    ]
