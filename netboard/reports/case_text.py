"""The words reports print about a case: dates, the short patient summary, therapy so far.

Plain strings (no reportlab), escaped for paragraphs at the point of use with ``esc``.
"""

from __future__ import annotations

from datetime import date, datetime
from xml.sax.saxutils import escape

from netboard.domain.meeting_records import case_as_of as case_as_of  # (re-exported)
from netboard.domain.snapshot import CaseSnapshot, TherapyCourse
from netboard.domain.timeline_text import duration, num
from netboard.domain.vocab import FunctionalSyndrome, HereditarySyndrome, ImagingModality

DASH = "\u2014"


def esc(text: str) -> str:
    """Text as reportlab paragraph markup (no tags from data), line breaks kept; any script
    prints (fallback fonts for CJK, right-to-left text in order, see ``reports.scripts``)."""
    if text.isascii():
        return escape(text).replace("\n", "<br/>")
    from netboard.reports.scripts import markup  # loads fonts: only for text that may need them

    return markup(text)


def fmt_date(day: date | None) -> str:
    """'12 Mar 2024': unambiguous across locales."""
    return day.strftime("%d %b %Y").lstrip("0") if day is not None else DASH


def fmt_long_date(day: date | None) -> str:
    """'12 March 2024' for patients."""
    return day.strftime("%d %B %Y").lstrip("0") if day is not None else DASH


def fmt_month(day: date | None) -> str:
    return day.strftime("%b %Y") if day is not None else DASH


def local(moment: datetime) -> datetime:
    """An aware time in the computer's time zone (meetings are stored in UTC); naive unchanged."""
    return moment.astimezone() if moment.tzinfo is not None else moment


def local_day(moment: datetime) -> date:
    return local(moment).date()


def fmt_datetime(moment: datetime | None) -> str:
    if moment is None:
        return DASH
    moment = local(moment)
    return f"{fmt_date(moment.date())} {moment:%H:%M}"


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
        ki = f", Ki-67 {num(p.ki67)} %" if p.ki67 is not None else ""
        mit = f", {num(p.mitoses)} mitoses/2 mm\u00b2" if p.mitoses is not None else ""
        where = f", {p.specimen_site}" if p.specimen_site else ""
        steps.append(f"{p.grade.label}{ki}{mit} ({fmt_month(p.date)}{where})")
    return " \u2192 ".join(steps) if steps else "No pathology recorded"


def stage_line(case: CaseSnapshot) -> str:
    s = case.latest_staging
    if s is None:
        return "No staging recorded"
    tnm = " ".join(p for p in (s.t, s.n, s.m) if p)
    parts = [tnm] if tnm else []
    if s.stage_group:
        parts.append(f"stage {s.stage_group}")
    if s.metastatic_sites:
        parts.append("metastatic sites: " + ", ".join(s.metastatic_sites))
    if s.liver_burden_pct is not None:
        parts.append(f"liver tumor burden {num(s.liver_burden_pct)} %")
    body = "; ".join(parts)
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


def course_line(course: TherapyCourse, today: date, name: str = "") -> str:
    """'Lanreotide 120 mg, every 28 days: Jun 2022 to Feb 2024 (20 months; best SD; ...)'."""
    label = course.agent or name or course.option_id
    dosing = ", ".join(p for p in (course.dose, course.schedule) if p)
    head = f"{label} {dosing}".strip()
    if course.start_date > today:
        return f"{head}: planned from {fmt_date(course.start_date)}"
    if course.end_date is None:
        when = f"since {fmt_month(course.start_date)}, ongoing"
        length = duration(course.start_date, today)
    elif course.end_date == course.start_date:
        when, length = fmt_date(course.start_date), ""
    else:
        when = f"{fmt_month(course.start_date)} to {fmt_month(course.end_date)}"
        length = duration(course.start_date, course.end_date)
    facts = [length] if length else []
    if course.cycles:
        facts.append(f"{course.cycles} cycles")
    if course.best_response:
        facts.append(f"best {course.best_response.label}")
    if course.reason_ended:
        facts.append(course.reason_ended.label.lower())
    tail = f" ({'; '.join(facts)})" if facts else ""
    return f"{head}: {when}{tail}"


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
            "\n".join(course_line(c, today) for c in case.therapies) or "None recorded",
        ),
    ]
