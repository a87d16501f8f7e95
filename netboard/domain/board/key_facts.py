"""The few facts a board needs on screen to discuss a case (no Qt; shared by panel and slides)."""

from __future__ import annotations

from datetime import date

from netboard.domain.board.format import fmt_date
from netboard.domain.snapshot import CaseSnapshot, TherapyCourse
from netboard.domain.vocab import FunctionalSyndrome, HereditarySyndrome, ImagingModality


def _number(value: float) -> str:
    return f"{value:g}"


def _course_text(course: TherapyCourse) -> str:
    span = f"since {fmt_date(course.start_date)}"
    if course.end_date is not None:
        span = f"{fmt_date(course.start_date)} \u2013 {fmt_date(course.end_date)}"
    extra = []
    if course.best_response is not None:
        extra.append(f"best {course.best_response.label}")
    if course.reason_ended is not None:
        extra.append(f"ended: {course.reason_ended.label.lower()}")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{course.agent}, {span}{tail}"


def _when(day: date, today: date) -> str:
    """'5 Jan 2024, 4 mo ago': how old a finding is matters as much as what it says."""
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months < 1:
        return fmt_date(day)
    return f"{fmt_date(day)}, {months} mo ago"


def key_facts(case: CaseSnapshot, today: date) -> list[tuple[str, str]]:
    """(label, value) pairs, most important first; a missing fact says so instead of hiding."""
    facts: list[tuple[str, str]] = []
    tumor = case.primary_tumor
    if tumor is None:
        facts.append(("Diagnosis", "no tumor recorded"))
    else:
        diag = f"{tumor.primary_site.label} · {tumor.histology.label}"
        if tumor.diagnosis_date is not None:
            diag += f" · diagnosed {fmt_date(tumor.diagnosis_date)}"
        facts.append(("Diagnosis", diag))
        syndromes = [
            s.label
            for s in (tumor.functional_syndrome, tumor.hereditary_syndrome)
            if s not in (FunctionalSyndrome.NONE, HereditarySyndrome.NONE)
        ]
        if syndromes:
            facts.append(("Syndrome", ", ".join(syndromes)))
    path = case.latest_pathology
    if path is None:
        facts.append(("Grade", "no pathology recorded"))
    else:
        ki67 = f" · Ki-67 {_number(path.ki67)} %" if path.ki67 is not None else " · Ki-67 missing"
        text = f"{path.grade.label}{ki67} ({_when(path.date, today)})"
        earlier = {p.grade for p in case.pathology[:-1]} - {path.grade}
        if earlier:
            text += " · earlier " + ", ".join(sorted(g.label for g in earlier))
        facts.append(("Grade", text))
    staging = case.latest_staging
    if staging is not None:
        tnm = " ".join(x for x in (staging.t, staging.n, staging.m) if x)
        parts = [
            p for p in (tnm, f"stage {staging.stage_group}" if staging.stage_group else "") if p
        ]
        if staging.metastatic_sites:
            parts.append("metastases: " + ", ".join(staging.metastatic_sites))
        if staging.liver_burden_pct is not None:
            parts.append(f"liver burden {_number(staging.liver_burden_pct)} %")
        facts.append(("Stage", " · ".join(parts) or "recorded without detail"))
    else:
        facts.append(("Stage", "no staging recorded"))
    sstr = case.latest_imaging(ImagingModality.SSTR_PET)
    if sstr is None:
        facts.append(("SSTR imaging", "none recorded"))
    else:
        krenning = (
            f"Krenning {sstr.krenning}" if sstr.krenning is not None else "Krenning not given"
        )
        facts.append(("SSTR imaging", f"{krenning} ({_when(sstr.date, today)})"))
    latest = case.latest_imaging()
    if latest is not None:
        resp = f": {latest.response.label}" if latest.response is not None else ""
        facts.append(
            ("Latest imaging", f"{latest.modality.label}{resp} ({_when(latest.date, today)})")
        )
    ecog = case.latest_ecog
    facts.append(("ECOG", f"{ecog.ecog} ({fmt_date(ecog.date)})" if ecog else "not recorded"))
    current = case.current_therapies
    facts.append(
        ("Current therapy", "; ".join(_course_text(c) for c in current) if current else "none")
    )
    earlier_courses = [c for c in case.therapies if not c.ongoing]
    if earlier_courses:
        facts.append(
            (
                f"Earlier therapy ({len(earlier_courses)})",
                "; ".join(_course_text(c) for c in reversed(earlier_courses[-2:]))
                + ("; …" if len(earlier_courses) > 2 else ""),
            )
        )
    return facts
