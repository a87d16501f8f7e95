"""Turn a simulated case into table rows: patient, tumor, pathology, staging and therapy.

Rows are plain dicts keyed by column name (vocabulary members as values); ``writer`` inserts
them. Imaging, labs and performance status come from ``series``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from netboard.demo.case import Case, Course
from netboard.demo.therapy import OPTIONS
from netboard.domain.grading import grade_for
from netboard.domain.vocab import (
    Differentiation,
    Histology,
    Margin,
    PatientStatus,
    Presence,
    PrimarySite,
    Response,
)

Row = dict[str, Any]
S = PrimarySite


def differentiation(case: Case) -> Differentiation | None:
    if case.is_nec:
        return Differentiation.POOR
    if case.histology == Histology.NET:
        return Differentiation.WELL
    return None


def specimen_findings(site: str) -> Row:
    """A resection specimen states its margin and lymphovascular invasion (R0, absent); a
    biopsy states neither."""
    if "resection" not in site.lower():
        return {"margin": None, "lymphovascular_invasion": None}
    return {"margin": Margin.R0, "lymphovascular_invasion": Presence.ABSENT}


def pathology_rows(case: Case) -> list[Row]:
    diff = differentiation(case)
    rows = []
    for spec in case.specimens:
        grade = grade_for(case.site, spec.ki67, spec.mitoses, diff, spec.necrosis, case.histology)
        rows.append({
            "id": case.new_id(), "tumor_id": case.tumor_id, "date": spec.date,
            "specimen_site": spec.site, "ki67": spec.ki67, "mitoses": spec.mitoses,
            "differentiation": diff, "necrosis": spec.necrosis, "grade": grade,
            "notes": spec.note, **specimen_findings(spec.site),
        })
    return rows


def _t_category(case: Case) -> str:
    size = case.primary_size_mm
    if case.site == S.UNKNOWN_PRIMARY:
        return "TX"
    if case.site == S.LUNG:
        return ("T1a" if size <= 10 else "T1b" if size <= 20 else "T1c" if size <= 30
                else "T2" if size <= 50 else "T3")
    if case.site == S.PARAGANGLIOMA:
        return "T1" if size < 50 else "T2"
    if case.site == S.PANCREAS:
        return "T1" if size < 20 else "T2" if size <= 40 else "T3"
    if case.site in (S.RECTUM, S.COLON):
        return "T1" if size <= 20 else "T2"
    if case.site == S.APPENDIX:
        return "T1" if size <= 20 else "T2" if size <= 40 else "T3"
    if case.site in (S.STOMACH, S.DUODENUM):
        return "T1" if size <= 10 else "T2"
    return "T1" if size < 10 else "T2" if size < 20 else "T3"  # jejunum / ileum


def staging_rows(case: Case, grades: list[Row]) -> list[Row]:
    """Staging at diagnosis, at recurrence and at some restagings after progression."""
    rng = case.rng
    t = _t_category(case)
    nodal = {S.SMALL_INTESTINE: 0.8, S.PANCREAS: 0.3, S.UNKNOWN_PRIMARY: 0.7}.get(
        case.site, 0.6 if case.is_nec else 0.1)
    n = "N1" if rng.random() < nodal else "N0"
    sites: list[str] = []
    if case.site == S.PARAGANGLIOMA:
        sites = ["bone"] if case.bone_metastases else ["lung"]
        if rng.random() < 0.5:
            sites.insert(0, "distant nodes")
    else:
        if case.liver_dominant or rng.random() < 0.85:
            sites.append("liver")
        if case.bone_metastases:
            sites.append("bone")
        if case.site == S.SMALL_INTESTINE and rng.random() < 0.2:
            sites.append("peritoneum")
        if rng.random() < 0.2:
            sites.append("distant nodes")
        if rng.random() < 0.05:
            sites.append("lung")
        if not sites:
            sites.append("liver")
    base_burden = rng.uniform(25, 60) if case.liver_dominant else rng.uniform(3, 20)
    base_load = case.load_at(case.metastatic_since or case.diagnosis) or 1.0

    def m_of(metastatic: bool) -> str:
        if not metastatic:
            return "M0"
        if case.site in (S.LUNG, S.PARAGANGLIOMA):
            return "M1"
        hepatic = "liver" in sites
        extra = any(s != "liver" for s in sites)
        return "M1c" if hepatic and extra else "M1a" if hepatic else "M1b"

    def row(day: date, metastatic: bool, grow: float = 1.0) -> Row:
        burden = None
        if metastatic and "liver" in sites:
            load = case.load_at(day)
            burden = round(min(90.0, max(1.0, base_burden * grow * load / base_load)))
        stage = "IV" if metastatic else "III" if n == "N1" else "II" if t in ("T3", "T2") else "I"
        return {"id": case.new_id(), "tumor_id": case.tumor_id, "date": day, "t": t, "n": n,
                "m": m_of(metastatic), "stage_group": stage,
                "metastatic_sites": ", ".join(sites) if metastatic else "",
                "liver_burden_pct": burden,
                "lesion_count": len(sites) if metastatic else None}

    rows = [row(case.diagnosis, case.metastatic)]
    for day in sorted(set(case.restaging + case.drift_dates)):
        if day < case.horizon and day > case.diagnosis:
            metastatic = case.metastatic_since is not None and day >= case.metastatic_since
            rows.append(row(day, metastatic))
    return rows


def therapy_rows(case: Case) -> tuple[list[Row], list[Row]]:
    courses: list[Row] = []
    toxicities: list[Row] = []
    for c in sorted(case.courses, key=lambda c: (c.start, c.option_id)):
        option = OPTIONS[c.option_id]
        courses.append({
            "id": c.id, "patient_id": case.patient_id, "option_id": c.option_id,
            "agent": c.agent, "modality": option.modality, "intent": c.intent,
            "start_date": c.start, "end_date": c.end, "dose": option.dose,
            "schedule": option.schedule, "cycles": c.cycles, "site_of_care": c.site_of_care,
            "best_response": _response_known(case, c), "reason_ended": c.reason,
            "trial_id": c.trial_id, "decision_id": c.decision_id, "notes": c.notes,
        })
        for term, grade, when in c.toxicities:
            toxicities.append({"id": case.new_id(), "course_id": c.id, "term": term,
                               "grade": grade, "date": when})
    return courses, toxicities


FIRST_RESTAGING = timedelta(weeks=12)
"""A course's best response is known from its first restaging on, not before."""


def _response_known(case: Case, course: Course) -> Response | None:
    """The best response as the record could state it on the demo's today."""
    running = course.end is None or course.end > case.today
    if running and case.today - course.start < FIRST_RESTAGING:
        return None  # also a course that has not started yet
    return course.best_response


def patient_status(case: Case) -> PatientStatus:
    if case.death is not None:
        return PatientStatus.DECEASED
    if case.rng.random() < 0.02:
        return PatientStatus.TRANSFERRED
    ongoing = [c for c in case.courses if c.end is None and c.main]
    if not ongoing or all(c.option_id == "surveillance" for c in ongoing):
        return PatientStatus.FOLLOW_UP if case.courses else PatientStatus.ACTIVE
    return PatientStatus.ACTIVE
