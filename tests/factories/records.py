"""Small builders of synthetic CaseSnapshots for tests (no database).

``make_case()`` with no arguments gives a complete, board-ready case: a fictional patient with a
metastatic small-intestine NET G2 (Ki-67 5 %), Krenning 3 SSTR PET and CT a month ago, ECOG 1,
liver metastases, and a question for the board. Every argument overrides one piece; ``None``
leaves it out (``with_ct=False`` leaves the CT out). Other suites (UI, reports) may reuse them:
``from tests.factories import make_case, course, TODAY``. All names and values are invented.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from netboard.domain.catalog import load_catalog
from netboard.domain.grading import grade_for
from netboard.domain.rules.dates import add_months
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
    Toxicity,
    Tumor,
)
from netboard.domain.vocab import (
    Analyte,
    Avidity,
    Differentiation,
    DiscussionStatus,
    FunctionalSyndrome,
    Grade,
    HereditarySyndrome,
    Histology,
    ImagingModality,
    Intent,
    Modality,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
    SymptomControl,
)

TODAY = date(2026, 6, 1)
"""The fixed 'today' of the domain tests."""

_counter = itertools.count(1)


def new_id() -> str:
    """A fresh, deterministic-looking UUID string."""
    return str(uuid.UUID(int=next(_counter)))


def months_ago(months: int, today: date = TODAY) -> date:
    return add_months(today, -months)


def days_ago(days: int, today: date = TODAY) -> date:
    return today - timedelta(days=days)


def patient(
    family: str = "Testperson", given: str = "Alex", mrn: str | None = None, sex: Sex = Sex.OTHER
) -> Patient:
    pid = new_id()
    return Patient(
        id=pid,
        mrn=mrn or f"TEST-{pid[-6:]}",
        family_name=family,
        given_name=given,
        birth_date=date(1960, 1, 1),
        sex=sex,
        status=PatientStatus.ACTIVE,
    )


def pathology(
    day: date,
    ki67: float | None = None,
    mitoses: float | None = None,
    *,
    site: PrimarySite = PrimarySite.SMALL_INTESTINE,
    specimen_site: str = "primary",
    differentiation: Differentiation | None = Differentiation.WELL,
    histology: Histology | None = None,
    necrosis: bool = False,
    grade: Grade | None = None,
    notes: str = "",
) -> PathologyResult:
    """A pathology result; the grade is derived with grading.grade_for unless given."""
    if grade is None:
        grade = grade_for(site, ki67, mitoses, differentiation, necrosis, histology)
    return PathologyResult(
        id=new_id(),
        tumor_id="",
        date=day,
        specimen_site=specimen_site,
        ki67=ki67,
        mitoses=mitoses,
        differentiation=differentiation,
        grade=grade,
        necrosis=necrosis,
        notes=notes,
    )


def imaging(
    day: date,
    modality: ImagingModality = ImagingModality.CT,
    *,
    krenning: int | None = None,
    avidity: Avidity | None = None,
    response: Response | None = None,
    lesion_mm: float | None = None,
    finding: str = "",
) -> ImagingStudy:
    return ImagingStudy(
        id=new_id(),
        patient_id="",
        date=day,
        modality=modality,
        krenning=krenning,
        avidity=avidity,
        response=response,
        finding=finding,
        largest_lesion_mm=lesion_mm,
    )


def sstr_pet(day: date, krenning: int) -> ImagingStudy:
    return imaging(day, ImagingModality.SSTR_PET, krenning=krenning)


def ct(
    day: date,
    response: Response | None = None,
    lesion_mm: float | None = None,
    finding: str = "",
) -> ImagingStudy:
    return imaging(day, ImagingModality.CT, response=response, lesion_mm=lesion_mm, finding=finding)


def fdg_pet(day: date, avid: bool = True) -> ImagingStudy:
    avidity = Avidity.POSITIVE if avid else Avidity.NEGATIVE
    return imaging(day, ImagingModality.FDG_PET, avidity=avidity)


def mibg_scan(day: date, avidity: Avidity = Avidity.POSITIVE) -> ImagingStudy:
    return imaging(day, ImagingModality.MIBG_SCAN, avidity=avidity)


def lab(day: date, analyte: Analyte, value: float, unit: str = "") -> LabResult:
    return LabResult(id=new_id(), patient_id="", date=day, analyte=analyte, value=value, unit=unit)


def ecog(day: date, value: int) -> PerformanceStatus:
    return PerformanceStatus(id=new_id(), patient_id="", date=day, ecog=value)


def staging(
    day: date,
    sites: Sequence[str] = ("liver",),
    *,
    burden: float | None = None,
    t: str = "",
    n: str = "",
    m: str | None = None,
) -> StagingAssessment:
    """Staging; M is derived from the metastatic sites unless given."""
    return StagingAssessment(
        id=new_id(),
        tumor_id="",
        date=day,
        t=t,
        n=n,
        m=m if m is not None else ("M1" if sites else "M0"),
        metastatic_sites=tuple(sites),
        liver_burden_pct=burden,
    )


def toxicity(term: str, grade: int, day: date | None = None) -> Toxicity:
    return Toxicity(id=new_id(), course_id="", term=term, grade=grade, date=day)


def course(
    option_id: str,
    start: date,
    end: date | None = None,
    *,
    agent: str | None = None,
    best_response: Response | None = None,
    reason_ended: ReasonEnded | None = None,
    modality: Modality | None = None,
    intent: Intent | None = None,
    toxicities: Iterable[Toxicity] = (),
    trial_id: str = "",
    notes: str = "",
    cycles: int | None = None,
) -> TherapyCourse:
    """A therapy course of a catalog option; agent and modality default from the catalog."""
    option = load_catalog().find(option_id)
    return TherapyCourse(
        id=new_id(),
        patient_id="",
        option_id=option_id,
        agent=agent if agent is not None else (option.name if option else option_id),
        modality=modality or (option.modality if option else Modality.CLINICAL_TRIAL),
        intent=intent,
        start_date=start,
        end_date=end,
        cycles=cycles,
        best_response=best_response,
        reason_ended=reason_ended,
        trial_id=trial_id,
        notes=notes,
        toxicities=tuple(toxicities),
    )


def resection(day: date, agent: str | None = None) -> TherapyCourse:
    """A completed curative resection of the primary on one day."""
    return course(
        "surgery_primary_resection",
        day,
        day,
        agent=agent,
        intent=Intent.CURATIVE,
        reason_ended=ReasonEnded.COMPLETED,
    )


def discussion(
    question: str,
    status: DiscussionStatus = DiscussionStatus.PENDING,
    day: date = TODAY,
) -> CaseDiscussion:
    return CaseDiscussion(
        id=new_id(),
        meeting_id=new_id(),
        patient_id="",
        position=1,
        question=question,
        status=status,
        meeting_date=datetime(day.year, day.month, day.day, 16, 0),
    )


def make_case(
    *,
    site: PrimarySite | None = PrimarySite.SMALL_INTESTINE,
    histology: Histology = Histology.NET,
    functional: FunctionalSyndrome = FunctionalSyndrome.NONE,
    hereditary: HereditarySyndrome = HereditarySyndrome.NONE,
    primary_size_mm: float | None = None,
    ki67: float | None = 5.0,
    mitoses: float | None = None,
    differentiation: Differentiation | None = None,
    necrosis: bool = False,
    pathology_date: date | None = None,
    krenning: int | None = 3,
    krenning_date: date | None = None,
    ct_date: date | None = None,
    with_ct: bool = True,
    ecog_value: int | None = 1,
    metastatic_sites: Sequence[str] | None = ("liver",),
    liver_burden: float | None = None,
    staging_date: date | None = None,
    tnm: tuple[str, str] = ("", ""),
    question: str | None = "What is the next line without limiting later options?",
    therapies: Iterable[TherapyCourse] = (),
    extra_pathology: Iterable[PathologyResult] = (),
    extra_imaging: Iterable[ImagingStudy] = (),
    labs: Iterable[LabResult] = (),
    discussions: Iterable[CaseDiscussion] = (),
    today: date = TODAY,
    diagnosed: date | None = None,
    sex: Sex = Sex.OTHER,
    weight_kg: float | None = None,
    symptom_control: SymptomControl | None = None,
) -> CaseSnapshot:
    """A synthetic case (see the module docstring); ``site=None`` gives a case without a tumor."""
    person = patient(sex=sex)
    pid = person.id
    tumors: tuple[Tumor, ...] = ()
    if site is not None:
        tumors = (
            Tumor(
                id=new_id(),
                patient_id=pid,
                primary_site=site,
                histology=histology,
                diagnosis_date=diagnosed or add_months(today, -36),
                functional_syndrome=functional,
                hereditary_syndrome=hereditary,
                primary_size_mm=primary_size_mm,
                symptom_control=symptom_control,
            ),
        )
    tumor_id = tumors[0].id if tumors else ""
    if differentiation is None:
        nec = histology in (Histology.NEC_SMALL_CELL, Histology.NEC_LARGE_CELL)
        differentiation = Differentiation.POOR if nec else Differentiation.WELL
    paths: list[PathologyResult] = list(extra_pathology)
    if ki67 is not None or mitoses is not None or necrosis:
        paths.append(
            pathology(
                pathology_date or add_months(today, -2),
                ki67,
                mitoses,
                site=site or PrimarySite.OTHER,
                differentiation=differentiation,
                histology=histology,
                necrosis=necrosis,
                specimen_site="liver biopsy",
            )
        )
    paths = [replace(p, tumor_id=tumor_id) for p in sorted(paths, key=lambda p: p.date)]
    studies: list[ImagingStudy] = list(extra_imaging)
    if krenning is not None:
        studies.append(sstr_pet(krenning_date or add_months(today, -1), krenning))
    if with_ct:
        studies.append(ct(ct_date or add_months(today, -1)))
    studies = [replace(s, patient_id=pid) for s in sorted(studies, key=lambda s: s.date)]
    stagings: tuple[StagingAssessment, ...] = ()
    if metastatic_sites is not None:
        stagings = (
            replace(
                staging(
                    staging_date or add_months(today, -1),
                    metastatic_sites,
                    burden=liver_burden,
                    t=tnm[0],
                    n=tnm[1],
                ),
                tumor_id=tumor_id,
            ),
        )
    performance = (
        (replace(ecog(add_months(today, -1), ecog_value), patient_id=pid, weight_kg=weight_kg),)
        if ecog_value is not None
        else ()
    )
    talks = list(discussions)
    if question is not None:
        talks.append(discussion(question, day=today))
    return CaseSnapshot(
        patient=person,
        tumors=tumors,
        pathology=tuple(paths),
        staging=stagings,
        imaging=tuple(studies),
        labs=tuple(replace(x, patient_id=pid) for x in sorted(labs, key=lambda x: x.date)),
        performance=performance,
        therapies=tuple(
            replace(c, patient_id=pid) for c in sorted(therapies, key=lambda c: c.start_date)
        ),
        discussions=tuple(replace(d, patient_id=pid) for d in talks),
    )
