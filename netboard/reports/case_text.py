"""The words reports print about a case: the short patient summary, the case as of a day.

Plain strings (no reportlab), escaped for paragraphs at the point of use with ``esc``. Dates,
numbers, staging and courses are worded by ``netboard.domain.wording`` (as on screen).
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from netboard.domain.meeting_records import case_as_of as case_as_of  # (re-exported)
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import FunctionalSyndrome, HereditarySyndrome, ImagingModality
from netboard.domain.wording import course_line, fmt_date, fmt_month, ki67_text, num, staging_parts


def esc(text: str) -> str:
    """Text as reportlab paragraph markup (no tags from data), line breaks kept; any script
    prints (fallback fonts for CJK, right-to-left text in order, see ``reports.scripts``)."""
    if text.isascii():
        return escape(text).replace("\n", "<br/>")
    from netboard.reports.scripts import markup  # loads fonts: only for text that may need them

    return markup(text)


def diagnosis_line(case: CaseSnapshot) -> str:
    tumor = case.primary_tumor
    if tumor is None:
        return "No tumor recorded"
    parts = [tumor.primary_site.label, tumor.histology.label]
    if tumor.diagnosis_date:
        parts.append(f"diagnosed {fmt_date(tumor.diagnosis_date)}")
    if tumor.functional_syndrome not in (FunctionalSyndrome.NONE,):
        parts.append(tumor.functional_syndrome.label.lower())
    if tumor.hereditary_syndrome not in (HereditarySyndrome.NONE,):
        parts.append(tumor.hereditary_syndrome.label)
    more = len(case.tumors) - 1
    if more > 0:
        parts.append(f"{more} further tumor{'s' if more > 1 else ''} recorded")
    return " \u00b7 ".join(parts)


def grade_history(case: CaseSnapshot) -> str:
    """Every specimen's grade and Ki-67, oldest first: 'G1, Ki-67 2 % (Mar 2022, liver) → …'."""
    steps = []
    for p in case.pathology:
        ki = f", {ki67_text(p.ki67)}" if p.ki67 is not None else ""
        mit = f", {num(p.mitoses)} mitoses/2 mm\u00b2" if p.mitoses is not None else ""
        where = f", {p.specimen_site}" if p.specimen_site else ""
        steps.append(f"{p.grade.label}{ki}{mit} ({fmt_month(p.date)}{where})")
    return " \u2192 ".join(steps) if steps else "No pathology recorded"


def stage_line(case: CaseSnapshot) -> str:
    s = case.latest_staging
    if s is None:
        return "No staging recorded"
    body = "; ".join(staging_parts(s))
    return f"{body} ({fmt_date(s.date)})" if body else f"Staged {fmt_date(s.date)}"


def sstr_line(case: CaseSnapshot) -> str:
    study = case.latest_imaging(ImagingModality.SSTR_PET)
    if study is None:
        return "No SSTR imaging recorded"
    parts = [f"SSTR PET {fmt_date(study.date)}"]
    if study.krenning is not None:
        parts.append(f"Krenning {study.krenning}")
    if study.avidity is not None:
        parts.append(study.avidity.label.lower())
    return ", ".join(parts)


def ecog_line(case: CaseSnapshot) -> str:
    ps = case.latest_ecog
    return f"ECOG {ps.ecog} ({fmt_date(ps.date)})" if ps else "No performance status recorded"


def summary_rows(case: CaseSnapshot, today: date) -> list[tuple[str, str]]:
    """The short patient summary the board reads first (label, text)."""
    return [
        ("Diagnosis", diagnosis_line(case)),
        ("Grade and Ki-67", grade_history(case)),
        ("Stage", stage_line(case)),
        ("SSTR status", sstr_line(case)),
        ("Performance", ecog_line(case)),
        (
            "Therapy so far",
            "\n".join(course_line(c, today, by_month=True) for c in case.therapies)
            or "None recorded",
        ),
    ]
