"""The case overview as short HTML fragments, one per field (no Qt): diagnosis, grade and Ki-67
with its history, stage, functional imaging, ECOG, current therapy and how long it has run, and
the next review date. The case workspace's overview card shows them."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import TYPE_CHECKING

from netboard.domain.grading import grade_drift
from netboard.domain.record_columns import ECOG_TEXT, option_name
from netboard.domain.snapshot import CaseSnapshot, ImagingStudy
from netboard.domain.vocab import (
    FunctionalSyndrome,
    HereditarySyndrome,
    ImagingModality,
    PatientStatus,
)
from netboard.domain.wording import (
    DASH,
    duration,
    fmt_date,
    fmt_percent,
    ki67_text,
    plural,
    tnm_text,
)

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog

DRIFT_STYLE = "color:#b00020;font-weight:bold"
MAX_EARLIER = 4


def overview_html(case: CaseSnapshot, today: date, catalog: Catalog) -> dict[str, str]:
    """Each overview field as a short HTML fragment."""
    return {
        "diagnosis": _diagnosis(case),
        "grade": _grade(case),
        "earlier": _earlier(case),
        "stage": _stage(case),
        "sstr": _functional(case.latest_imaging(ImagingModality.SSTR_PET), krenning=True),
        "fdg": _functional(case.latest_imaging(ImagingModality.FDG_PET)),
        "mibg": _functional(case.latest_imaging(ImagingModality.MIBG_SCAN)),
        "ecog": _ecog(case),
        "therapy": _therapy(case, today, catalog),
        "review": _review(case, today),
    }


def _diagnosis(case: CaseSnapshot) -> str:
    tumor = case.primary_tumor
    if tumor is None:
        return "No tumor recorded yet (Patient \u2192 Add tumor)"
    parts = [f"<b>{escape(tumor.primary_site.label)}</b>", escape(tumor.histology.label)]
    if tumor.diagnosis_date:
        parts.append(f"diagnosed {fmt_date(tumor.diagnosis_date)}")
    text = " \u00b7 ".join(parts)
    extra = []
    if tumor.functional_syndrome != FunctionalSyndrome.NONE:
        said = f"functional: {escape(tumor.functional_syndrome.label)}"
        if tumor.symptom_control is not None:
            said += f" (symptoms {escape(tumor.symptom_control.label.lower())})"
        extra.append(said)
    if tumor.hereditary_syndrome != HereditarySyndrome.NONE:
        extra.append(f"hereditary: {escape(tumor.hereditary_syndrome.label)}")
    if extra:
        text += "<br>" + " \u00b7 ".join(extra)
    if len(case.tumors) > 1:
        text += f"<br>{len(case.tumors)} tumors recorded (see the Tumors tab)"
    return text


def _site(case: CaseSnapshot):  # type: ignore[no-untyped-def]
    tumor = case.primary_tumor
    return tumor.primary_site if tumor else None


def _grade(case: CaseSnapshot) -> str:
    latest = case.latest_pathology
    if latest is None:
        return "No pathology recorded"
    text = f"<b>{escape(latest.grade.label)}</b> \u00b7 {ki67_text(latest.ki67)}"
    where = f" ({fmt_date(latest.date)}"
    where += f", {escape(latest.specimen_site)})" if latest.specimen_site else ")"
    text += where
    specimen = [
        p for p in case.pathology if p.margin is not None or p.lymphovascular_invasion is not None
    ]
    if specimen:
        spec = specimen[-1]
        bits = []
        if spec.margin is not None:
            bits.append(f"margin {escape(spec.margin.label)}")
        if spec.lymphovascular_invasion is not None:
            bits.append(f"LVI {escape(spec.lymphovascular_invasion.label.lower())}")
        text += "<br>" + " \u00b7 ".join(bits) + f" ({fmt_date(spec.date)})"
    drifts = grade_drift(case.pathology, _site(case))
    if drifts:
        last = drifts[-1]
        text += (
            f"<br><span style='{DRIFT_STYLE}'>\u2191 Grade rose from "
            f"{escape(last.earlier_grade.label)} ({fmt_date(last.earlier.date)}) to "
            f"{escape(last.later_grade.label)} ({fmt_date(last.later.date)})</span>"
        )
    return text


def _earlier(case: CaseSnapshot) -> str:
    earlier = list(case.pathology[:-1])
    if not earlier:
        return DASH
    drift_ids = {d.later.id for d in grade_drift(case.pathology, _site(case))}
    lines = []
    for result in reversed(earlier[-MAX_EARLIER:]):
        line = (
            f"{escape(result.grade.label)}, {ki67_text(result.ki67)} "
            f"({fmt_date(result.date)})"
        )
        if result.id in drift_ids:
            line = f"<span style='{DRIFT_STYLE}'>{line} \u2191</span>"
        lines.append(line)
    if len(earlier) > MAX_EARLIER:
        lines.append(f"\u2026 and {len(earlier) - MAX_EARLIER} older")
    return "<br>".join(lines)


def _stage(case: CaseSnapshot) -> str:
    staging = case.latest_staging
    if staging is None:
        return "No staging recorded"
    group = f"stage {staging.stage_group}" if staging.stage_group else ""
    parts = [p for p in (tnm_text(staging), group) if p]
    text = "<b>" + escape(" \u00b7 ".join(parts) or "TNM not given") + "</b>"
    if staging.metastatic_sites:
        text += "<br>metastatic: " + escape(", ".join(staging.metastatic_sites))
    elif not staging.metastatic:
        text += "<br>no distant metastases recorded"
    if staging.liver_burden_pct is not None:
        text += f" \u00b7 liver burden {fmt_percent(staging.liver_burden_pct)}"
    if staging.lesion_count is not None:
        text += f" \u00b7 {plural(staging.lesion_count, 'lesion')}"
    return text + f" ({fmt_date(staging.date)})"


def _functional(study: ImagingStudy | None, *, krenning: bool = False) -> str:
    if study is None:
        return "not done"
    parts = []
    if study.avidity is not None:
        parts.append(f"<b>{escape(study.avidity.label)}</b>")
    if krenning and study.krenning is not None:
        parts.append(f"Krenning {study.krenning}")
    if study.response is not None:
        parts.append(f"response {escape(study.response.label)}")
    text = " \u00b7 ".join(parts) or "result not coded"
    text += f" ({fmt_date(study.date)})"
    if study.finding:
        finding = study.finding if len(study.finding) <= 90 else study.finding[:88] + "\u2026"
        text += f"<br><i>{escape(finding)}</i>"
    return text


def _ecog(case: CaseSnapshot) -> str:
    latest = case.latest_ecog
    if latest is None:
        return "not recorded"
    text = (
        f"<b>{latest.ecog}</b> \u2014 {escape(ECOG_TEXT.get(latest.ecog, ''))} "
        f"({fmt_date(latest.date)})"
    )
    weighed = [p for p in case.performance if p.weight_kg is not None]
    if weighed:
        last = max(weighed, key=lambda p: p.date)
        text += f"<br>weight {last.weight_kg:g} kg ({fmt_date(last.date)})"
    return text


def _therapy(case: CaseSnapshot, today: date, catalog: Catalog) -> str:
    current = case.current_therapies
    if not current:
        last = case.therapies[-1] if case.therapies else None
        if last is None:
            return "none recorded"
        ended = f"ended {fmt_date(last.end_date)}" if last.end_date else ""
        reason = f", {escape(last.reason_ended.label.lower())}" if last.reason_ended else ""
        return f"none ongoing; last: {escape(last.agent)} ({ended}{reason})"
    lines = []
    for course in current:
        planned = course.start_date > today
        when = (
            f"planned from {fmt_date(course.start_date)}"
            if planned
            else f"since {fmt_date(course.start_date)} ({duration(course.start_date, today)})"
        )
        name = option_name(catalog, course.option_id)
        label = escape(course.agent or name)
        if name and name != course.agent:
            label += f" <span style='color:#5f6b76'>({escape(name)})</span>"
        lines.append(f"<b>{label}</b> \u2014 {when}")
    return "<br>".join(lines)


def _review(case: CaseSnapshot, today: date) -> str:
    if case.patient.status == PatientStatus.DECEASED:
        return "none (patient deceased)"
    review = case.next_review  # the latest decision's: the same date every list uses
    if review is None:
        return "none set" if case.latest_decision is None else "none set by the last board"
    if review < today:
        return (
            f"<span style='{DRIFT_STYLE}'>{fmt_date(review)} \u2014 "
            f"{(today - review).days} days overdue</span>"
        )
    return f"<b>{fmt_date(review)}</b> (in {(review - today).days} days)"
