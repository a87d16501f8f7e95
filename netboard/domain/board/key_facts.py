"""The few facts a board needs on screen to discuss a case (no Qt; shared by panel and slides)."""

from __future__ import annotations

from datetime import date

from netboard.domain.snapshot import CaseSnapshot, TherapyCourse
from netboard.domain.vocab import FunctionalSyndrome, HereditarySyndrome, ImagingModality
from netboard.domain.wording import course_line, fmt_date, months_ago, num, staging_parts


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
        ki67 = f" · Ki-67 {num(path.ki67)} %" if path.ki67 is not None else " · Ki-67 missing"
        text = f"{path.grade.label}{ki67} ({months_ago(path.date, today)})"
        earlier = {p.grade for p in case.pathology[:-1]} - {path.grade}
        if earlier:
            text += " · earlier " + ", ".join(sorted(g.label for g in earlier))
        facts.append(("Grade", text))
    staging = case.latest_staging
    if staging is not None:
        facts.append(("Stage", " · ".join(staging_parts(staging)) or "recorded without detail"))
    else:
        facts.append(("Stage", "no staging recorded"))
    sstr = case.latest_imaging(ImagingModality.SSTR_PET)
    if sstr is None:
        facts.append(("SSTR imaging", "none recorded"))
    else:
        krenning = (
            f"Krenning {sstr.krenning}" if sstr.krenning is not None else "Krenning not given"
        )
        facts.append(("SSTR imaging", f"{krenning} ({months_ago(sstr.date, today)})"))
    latest = case.latest_imaging()
    if latest is not None:
        resp = f": {latest.response.label}" if latest.response is not None else ""
        facts.append(
            ("Latest imaging", f"{latest.modality.label}{resp} ({months_ago(latest.date, today)})")
        )
    ecog = case.latest_ecog
    facts.append(("ECOG", f"{ecog.ecog} ({fmt_date(ecog.date)})" if ecog else "not recorded"))
    def line(course: TherapyCourse) -> str:
        return course_line(course, today, dosing=False)

    current = case.current_therapies
    facts.append(("Current therapy", "; ".join(line(c) for c in current) if current else "none"))
    earlier_courses = [c for c in case.therapies if not c.ongoing]
    if earlier_courses:
        facts.append(
            (
                f"Earlier therapy ({len(earlier_courses)})",
                "; ".join(line(c) for c in reversed(earlier_courses[-2:]))
                + ("; …" if len(earlier_courses) > 2 else ""),
            )
        )
    return facts
