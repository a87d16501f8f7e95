"""CaseFacts: what the rules need from a case, computed once per assessment.

Only records dated on or before ``today`` count, so an assessment for a past meeting date shows what
the board knew then. Collections in a snapshot are expected oldest first, but nothing here relies
on it: everything is sorted or maximised by date. Building the facts is one pass over each table;
the rules then read fields, which keeps the engine fast on long histories.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from netboard.domain.catalog import Catalog
from netboard.domain.grading import GradeDrift, effective_grade, grade_drift
from netboard.domain.rules.dates import day
from netboard.domain.rules.extent_facts import (
    DiseaseExtent,
    disease_extent,
    latest_resection,
    unresectable_note,
)
from netboard.domain.rules.kidney import Kidney, kidney
from netboard.domain.snapshot import (
    CaseDiscussion,
    CaseSnapshot,
    ImagingStudy,
    LabResult,
    PathologyResult,
    Patient,
    PerformanceStatus,
    StagingAssessment,
    TherapyCourse,
    Tumor,
)
from netboard.domain.vocab import (
    GEP_SITES,
    GRADE_RANK,
    Analyte,
    Avidity,
    Differentiation,
    DiscussionStatus,
    FunctionalSyndrome,
    Grade,
    HereditarySyndrome,
    Histology,
    ImagingModality,
    Modality,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
)
from netboard.domain.wording import span_text

SSA_IDS = frozenset({"ssa_octreotide_lar", "ssa_lanreotide", "ssa_lanreotide_escalated"})
STANDARD_SSA_IDS = frozenset({"ssa_octreotide_lar", "ssa_lanreotide"})
PRRT_IDS = frozenset({"prrt_lu177_dotatate", "prrt_retreatment"})
LIVER_DIRECTED_IDS = frozenset(
    {"liver_bland_embolization", "liver_chemoembolization", "liver_radioembolization"}
)
ABLATION_IDS = frozenset({"ablation_rfa", "ablation_microwave", "ablation_cryo"})
CHEMO_IDS = frozenset({"captem", "platinum_etoposide", "folfox", "folfiri"})
SYSTEMIC_MODALITIES = frozenset(
    {
        Modality.TARGETED,
        Modality.CHEMOTHERAPY,
        Modality.NUCLEAR_MEDICINE,
        Modality.IMMUNOTHERAPY,
    }
)
"""Anti-tumor systemic lines other than somatostatin analogs (CABINET's 'non-SSA' therapy)."""

CONTROL = frozenset({Response.CR, Response.PR, Response.SD})
_BONE_WORDS = ("bone", "spine", "vertebra", "pelvi", "sacrum", "femur", "rib", "skelet")
_BONE_SITES = ("bone", "osseous", "skelet", "spine")
_LUNG_SITES = ("lung", "pulmon")
_PRIMARY_ONLY = frozenset({ImagingModality.ENDOSCOPIC_ULTRASOUND})
"""Imaging that measures the primary (pancreas, GI wall), never a liver, lung or bone metastasis."""

_T = TypeVar("_T", PathologyResult, ImagingStudy, LabResult, PerformanceStatus, StagingAssessment)


def _latest(items: Iterable[_T], today: date) -> _T | None:
    best: _T | None = None
    for item in items:
        if item.date <= today and (best is None or item.date >= best.date):
            best = item
    return best


@dataclass(frozen=True, slots=True)
class Progression:
    """A dated sign of progression: an imaging PD or a course ended for progression."""

    date: date
    text: str
    course_id: str = ""
    """The course that ended for this progression, when it was one."""


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Per-case facts the rules read (computed once by ``build_facts``)."""

    today: date
    catalog: Catalog
    question: str
    patient: Patient
    status: PatientStatus
    tumor: Tumor | None
    site: PrimarySite | None
    histology: Histology | None
    functional: FunctionalSyndrome
    hereditary: HereditarySyndrome
    pathology: tuple[PathologyResult, ...]
    grade: Grade
    grade_result: PathologyResult | None
    ki67_result: PathologyResult | None
    nec: bool
    ppgl: bool
    drift: tuple[GradeDrift, ...]
    staging: StagingAssessment | None
    liver_mets: bool
    """Liver among the latest staging's metastatic sites, or a liver tumor burden above 0 %."""
    extrahepatic: bool
    bone_mets: bool
    lung_mets: bool
    extent: DiseaseExtent
    """Advanced / no evidence after resection / localized / unknown (see extent_facts)."""
    latest_imaging: ImagingStudy | None
    sstr: ImagingStudy | None
    fdg: ImagingStudy | None
    mibg: ImagingStudy | None
    metastatic_lesion: ImagingStudy | None
    """The latest study with a largest-lesion size, dated after the latest resection of the
    primary, and only while the latest staging shows metastases (else None: a pre-operative
    size of the primary is not a metastasis); endoscopic ultrasound never counts."""
    progressions: tuple[Progression, ...]
    ecog: PerformanceStatus | None
    weight: PerformanceStatus | None
    """The latest assessment with a body weight (None when no weight is recorded)."""
    labs: Mapping[Analyte, LabResult]
    courses: tuple[TherapyCourse, ...]
    """Courses begun on or before today, by start date."""
    planned: tuple[TherapyCourse, ...]
    """Courses dated after today (planned from a board decision)."""
    option_of: Mapping[str, str]
    """Course id → catalog option id (by the course's option id, else by its agent text)."""
    by_option: Mapping[str, tuple[TherapyCourse, ...]]
    ongoing: tuple[TherapyCourse, ...]
    preferences: CaseDiscussion | None = None
    """The latest discussion (held by today, or still pending) with patient preferences stated."""

    # ----------------------------------------------------------------- derived questions

    @property
    def ki67(self) -> float | None:
        return self.ki67_result.ki67 if self.ki67_result is not None else None

    @property
    def krenning(self) -> int | None:
        return self.sstr.krenning if self.sstr is not None else None

    @property
    def gep(self) -> bool:
        return self.site in GEP_SITES

    @property
    def low_grade(self) -> bool:
        """G1/G2 or typical/atypical carcinoid."""
        return GRADE_RANK[self.grade] in (1, 2)

    @property
    def primary_size_mm(self) -> float | None:
        """The primary tumor's recorded size; None without a tumor or a size."""
        return self.tumor.primary_size_mm if self.tumor is not None else None

    @property
    def metastatic(self) -> bool | None:
        """Metastases on the latest staging (M1, sites or liver burden); None without staging."""
        if self.staging is None:
            return None
        return self.staging.metastatic or self.liver_mets

    @property
    def metastasis_target(self) -> bool:
        """Liver, lung or bone metastases on the latest staging (what ablation can treat)."""
        return self.liver_mets or self.lung_mets or self.bone_mets

    def option_id(self, course: TherapyCourse) -> str:
        return self.option_of.get(course.id, "")

    def name_of(self, course: TherapyCourse) -> str:
        """The agent as recorded, else the catalog name."""
        if course.agent.strip():
            return course.agent.strip()
        option = self.catalog.find(self.option_id(course))
        return option.name if option is not None else course.modality.label

    def is_ongoing(self, course: TherapyCourse) -> bool:
        return course.end_date is None or course.end_date > self.today

    def span(self, course: TherapyCourse) -> str:
        """'05 Jan 2023 to 01 Feb 2024', 'since 05 Jan 2023' or 'on 05 Jan 2023' (one day)."""
        return span_text(course.start_date, course.end_date, ongoing=self.is_ongoing(course))

    def courses_of(self, *option_ids: str) -> tuple[TherapyCourse, ...]:
        found: list[TherapyCourse] = []
        for option_id in option_ids:
            found.extend(self.by_option.get(option_id, ()))
        return tuple(sorted(found, key=lambda c: c.start_date))

    def ongoing_of(self, *option_ids: str) -> TherapyCourse | None:
        wanted = set(option_ids)
        found = [c for c in self.ongoing if self.option_id(c) in wanted]
        return found[-1] if found else None

    @property
    def current_ssa(self) -> TherapyCourse | None:
        return self.ongoing_of(*SSA_IDS)

    def progression_during(self, course: TherapyCourse) -> Progression | None:
        """The first progression within the course (after its start, up to its end or today)."""
        end = min(course.end_date or self.today, self.today)
        for event in self.progressions:
            if event.course_id == course.id:
                return Progression(
                    event.date, f"ended for progression on {day(event.date)}", course.id
                )
            if course.start_date < event.date <= end:
                return event
        return None

    def progression_after(self, day: date) -> Progression | None:
        return next((p for p in self.progressions if p.date > day), None)

    @property
    def last_progression(self) -> Progression | None:
        return self.progressions[-1] if self.progressions else None

    @property
    def prior_systemic(self) -> tuple[TherapyCourse, ...]:
        """Non-SSA anti-tumor systemic courses: targeted, chemotherapy, PRRT/MIBG, immunotherapy."""
        return tuple(c for c in self.courses if c.modality in SYSTEMIC_MODALITIES)

    @property
    def chemo_courses(self) -> tuple[TherapyCourse, ...]:
        return tuple(
            c
            for c in self.courses
            if c.modality == Modality.CHEMOTHERAPY or self.option_id(c) in CHEMO_IDS
        )

    @property
    def temozolomide_courses(self) -> tuple[TherapyCourse, ...]:
        words = ("temozolomide", "capecitabine", "captem", "temodar", "xeloda")
        return tuple(
            c
            for c in self.courses
            if self.option_id(c) == "captem" or any(w in c.agent.lower() for w in words)
        )

    @property
    def prrt_courses(self) -> tuple[TherapyCourse, ...]:
        return self.courses_of(*PRRT_IDS)

    @property
    def bone_radiation(self) -> tuple[TherapyCourse, ...]:
        """Radiation courses whose agent, dose or notes name a bone target."""
        found = []
        for course in self.courses:
            if course.modality != Modality.RADIATION:
                continue
            text = f"{course.agent} {course.dose} {course.notes}".lower()
            if any(word in text for word in _BONE_WORDS):
                found.append(course)
        return tuple(found)

    def lab(self, analyte: Analyte) -> LabResult | None:
        return self.labs.get(analyte)

    @property
    def kidney(self) -> Kidney | None:
        """Kidney function from the latest creatinine (Cockcroft-Gault with a recorded weight,
        else CKD-EPI 2021); None without a creatinine."""
        weight = self.weight.weight_kg if self.weight is not None else None
        return kidney(self.patient, self.lab(Analyte.CREATININE), weight)


_NEC_HISTOLOGY = (Histology.NEC_SMALL_CELL, Histology.NEC_LARGE_CELL)


def build_facts(
    case: CaseSnapshot, today: date, catalog: Catalog, question: str | None = None
) -> CaseFacts:
    """Compute the facts once for all rules (see the module docstring for the date cut-off)."""
    tumor = case.primary_tumor
    site = tumor.primary_site if tumor is not None else None
    histology = tumor.histology if tumor is not None else None
    pathology = tuple(sorted((p for p in case.pathology if p.date <= today), key=lambda p: p.date))
    grade, grade_result, ki67_result = _grading(pathology, site)
    staging = _latest(case.staging, today)
    sites, liver, extrahepatic = _spread(staging)
    imaging = tuple(sorted((s for s in case.imaging if s.date <= today), key=lambda s: s.date))
    courses, planned = _split_courses(case.therapies, today)
    option_of = {c.id: _resolve(c, catalog) for c in (*courses, *planned)}
    resection = latest_resection(courses, option_of, today)
    after = resection.end_date if resection is not None and resection.end_date else date.min
    with_metastases = staging is not None and (staging.metastatic or liver)
    latest_by, lesion = _latest_studies(imaging, after, with_metastases)
    progressions = _progressions(imaging, courses, option_of, catalog, today)
    note = unresectable_note(tumor, imaging, courses)
    return CaseFacts(
        today=today,
        catalog=catalog,
        question=_question(case.discussions) if question is None else question.strip(),
        patient=case.patient,
        status=case.patient.status,
        tumor=tumor,
        site=site,
        histology=histology,
        functional=tumor.functional_syndrome if tumor is not None else FunctionalSyndrome.NONE,
        hereditary=tumor.hereditary_syndrome if tumor is not None else HereditarySyndrome.NONE,
        pathology=pathology,
        grade=grade,
        grade_result=grade_result,
        ki67_result=ki67_result,
        nec=_is_nec(grade, grade_result, histology),
        ppgl=histology == Histology.PPGL or site == PrimarySite.PARAGANGLIOMA,
        drift=grade_drift(pathology, site),
        staging=staging,
        liver_mets=liver,
        extrahepatic=extrahepatic,
        bone_mets=any(w in sites for w in _BONE_SITES),
        lung_mets=any(w in sites for w in _LUNG_SITES),
        extent=disease_extent(staging, resection, imaging, [p.date for p in progressions], note),
        latest_imaging=imaging[-1] if imaging else None,
        sstr=latest_by.get(ImagingModality.SSTR_PET),
        fdg=latest_by.get(ImagingModality.FDG_PET),
        mibg=latest_by.get(ImagingModality.MIBG_SCAN),
        metastatic_lesion=lesion,
        progressions=progressions,
        ecog=_latest(case.performance, today),
        weight=_latest((p for p in case.performance if p.weight_kg is not None), today),
        labs=_latest_labs(case.labs, today),
        courses=courses,
        planned=planned,
        option_of=option_of,
        by_option=_by_option(courses, option_of),
        ongoing=tuple(c for c in courses if c.end_date is None or c.end_date > today),
        preferences=_preferences(case.discussions, today),
    )


def _is_nec(grade: Grade, result: PathologyResult | None, histology: Histology | None) -> bool:
    """A neuroendocrine carcinoma: graded so, poorly differentiated, or of NEC histology."""
    poor = result is not None and result.differentiation == Differentiation.POOR
    return grade == Grade.NEC or poor or histology in _NEC_HISTOLOGY


def _grading(
    pathology: tuple[PathologyResult, ...], site: PrimarySite | None
) -> tuple[Grade, PathologyResult | None, PathologyResult | None]:
    """The latest grade (and the result it comes from) and the latest result with a Ki-67."""
    grade, grade_result, ki67_result = Grade.UNKNOWN, None, None
    for result in pathology:
        graded = effective_grade(result, site)
        if graded != Grade.UNKNOWN:
            grade, grade_result = graded, result
        if result.ki67 is not None:
            ki67_result = result
    return grade, grade_result, ki67_result


def _spread(staging: StagingAssessment | None) -> tuple[str, bool, bool]:
    """The metastatic sites as lower-case text, liver metastases, metastases beyond the liver."""
    sites = " ".join(staging.metastatic_sites).lower() if staging is not None else ""
    burden = staging.liver_burden_pct if staging is not None else None
    liver = "liver" in sites or "hepat" in sites or (burden or 0) > 0
    extrahepatic = any(
        not ("liver" in s.lower() or "hepat" in s.lower())
        for s in (staging.metastatic_sites if staging is not None else ())
    )
    return sites, liver, extrahepatic


def _latest_studies(
    imaging: tuple[ImagingStudy, ...], after: date, with_metastases: bool
) -> tuple[dict[ImagingModality, ImagingStudy], ImagingStudy | None]:
    """The latest study per modality, and the latest one sizing a metastatic lesion after the
    last resection (only when there are metastases)."""
    latest_by: dict[ImagingModality, ImagingStudy] = {}
    lesion = None
    for study in imaging:
        latest_by[study.modality] = study
        sized = study.largest_lesion_mm is not None and study.modality not in _PRIMARY_ONLY
        if sized and study.date > after and with_metastases:
            lesion = study
    return latest_by, lesion


def _latest_labs(labs: Iterable[LabResult], today: date) -> dict[Analyte, LabResult]:
    latest: dict[Analyte, LabResult] = {}
    for lab in labs:
        known = latest.get(lab.analyte)
        if lab.date <= today and (known is None or lab.date >= known.date):
            latest[lab.analyte] = lab
    return latest


def _by_option(
    courses: tuple[TherapyCourse, ...], option_of: dict[str, str]
) -> dict[str, tuple[TherapyCourse, ...]]:
    found: dict[str, list[TherapyCourse]] = {}
    for course in courses:
        found.setdefault(option_of[course.id], []).append(course)
    return {k: tuple(v) for k, v in found.items()}


def _split_courses(
    therapies: Iterable[TherapyCourse], today: date
) -> tuple[tuple[TherapyCourse, ...], tuple[TherapyCourse, ...]]:
    ordered = sorted(therapies, key=lambda c: c.start_date)
    return (
        tuple(c for c in ordered if c.start_date <= today),
        tuple(c for c in ordered if c.start_date > today),
    )


def _resolve(course: TherapyCourse, catalog: Catalog) -> str:
    if course.option_id in catalog:
        return course.option_id
    option = catalog.by_agent(course.agent) if course.agent else None
    return option.id if option is not None else ""


def _progressions(
    imaging: tuple[ImagingStudy, ...],
    courses: tuple[TherapyCourse, ...],
    option_of: Mapping[str, str],
    catalog: Catalog,
    today: date,
) -> tuple[Progression, ...]:
    events = [
        Progression(s.date, f"{s.modality.label} on {day(s.date)}: PD")
        for s in imaging
        if s.response == Response.PD
    ]
    for course in courses:
        end = course.end_date
        if course.reason_ended == ReasonEnded.PROGRESSION and end is not None and end <= today:
            option = catalog.find(option_of.get(course.id, ""))
            name = course.agent.strip() or (option.name if option else course.modality.label)
            text = f"{name} ended for progression on {day(end)}"
            events.append(Progression(end, text, course.id))
    events.sort(key=lambda e: e.date)
    return tuple(events)


def _question(discussions: Iterable[CaseDiscussion]) -> str:
    """The question of the latest pending discussion (by meeting date; empty when none)."""
    pending = [d for d in discussions if d.status == DiscussionStatus.PENDING]
    if not pending:
        return ""
    latest = max(
        enumerate(pending), key=lambda pair: (pair[1].meeting_date or datetime.min, pair[0])
    )
    return latest[1].question.strip()


def _preferences(discussions: Iterable[CaseDiscussion], today: date) -> CaseDiscussion | None:
    """The latest discussion held by ``today`` (or pending) whose patient preferences are stated."""
    stated = [
        d
        for d in discussions
        if d.patient_preferences.strip()
        and (
            d.status == DiscussionStatus.PENDING
            or d.meeting_date is None
            or d.meeting_date.date() <= today
        )
    ]
    if not stated:
        return None
    return max(enumerate(stated), key=lambda p: (p[1].meeting_date or datetime.min, p[0]))[1]


def avid(study: ImagingStudy | None) -> bool:
    return study is not None and study.avidity == Avidity.POSITIVE
