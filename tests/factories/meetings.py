"""Synthetic, obviously fictional snapshots for report tests, benchmarks and previews.

They let the chart and the PDF builders run without a database. Names are invented (several carry
non-Latin letters on purpose, to prove the fonts); MRNs start with ``SYN-``. None of it is real.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from netboard.domain.grading import grade_for
from netboard.domain.snapshot import (
    ActionItem,
    Addendum,
    AgendaItem,
    Attendance,
    CaseDiscussion,
    CaseSnapshot,
    Decision,
    ImagingStudy,
    LabResult,
    Meeting,
    MeetingSnapshot,
    OptionConsidered,
    PathologyResult,
    Patient,
    PerformanceStatus,
    StagingAssessment,
    TherapyCourse,
    Toxicity,
    Tumor,
)
from netboard.domain.vocab import (
    Agreement,
    Analyte,
    Avidity,
    CaseTiming,
    Differentiation,
    Discipline,
    DiscussionStatus,
    FunctionalSyndrome,
    Histology,
    ImagingModality,
    Intent,
    MeetingStatus,
    Modality,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
    Stance,
)

NAMES: tuple[tuple[str, str, Sex], ...] = (
    ("Żółć", "Łukasz", Sex.MALE),
    ("Dvořák", "Zdeňka", Sex.FEMALE),
    ("Øyelund", "Sølvi", Sex.FEMALE),
    ("Papadakis-Test", "Ἀλέξανδρος", Sex.MALE),
    ("Sinteticheva", "Наталья", Sex.FEMALE),
    ("Fictivo", "Ramón", Sex.MALE),
    ("Placeholder", "Ada", Sex.FEMALE),
    ("Samplewood", "Theo", Sex.MALE),
)
"""Invented names; the first five exercise Polish, Czech, Norwegian, Greek and Cyrillic letters."""

_SITES = (PrimarySite.PANCREAS, PrimarySite.SMALL_INTESTINE, PrimarySite.RECTUM, PrimarySite.LUNG)


NAVIGATORS = ("Nurse Ilsa Demoworth", "Nurse Tobin Samplesby", "Nurse Wren Fictara")
"""Fictional nurse navigators: each sample patient has their own (with a fictional phone)."""


def _id(prefix: str, n: int, k: int = 0) -> str:
    """A readable fixed-width id (the store uses UUIDs; these only need to be unique)."""
    return f"{prefix}-{n:05d}-{k:03d}"


def sample_patient(n: int) -> Patient:
    family, given, sex = NAMES[n % len(NAMES)]
    suffix = "" if n < len(NAMES) else f" {n // len(NAMES) + 1}"
    return Patient(
        id=_id("pat", n),
        mrn=f"SYN-{100000 + n}",
        family_name=family + suffix,
        given_name=given,
        birth_date=date(1950 + n % 30, 1 + n % 12, 1 + n % 27),
        sex=sex,
        status=PatientStatus.ACTIVE,
        home_institution="Synthetic General Hospital",
        treating_physician="Dr. Example Oncologist",
        nurse_navigator=NAVIGATORS[n % len(NAVIGATORS)],
        navigator_phone=f"555-01{20 + n % len(NAVIGATORS):02d}",
    )


def sample_case(n: int, today: date, *, with_history: bool = True) -> CaseSnapshot:
    """One fictional patient with a few years of NET history ending near ``today``."""
    rng = random.Random(n)
    patient = sample_patient(n)
    pid = patient.id
    site = _SITES[n % len(_SITES)]
    dx = today - timedelta(days=rng.randint(900, 2400))
    tumor = Tumor(
        id=_id("tum", n),
        patient_id=pid,
        primary_site=site,
        histology=Histology.NET,
        diagnosis_date=dx,
        functional_syndrome=(
            FunctionalSyndrome.CARCINOID_SYNDROME
            if site == PrimarySite.SMALL_INTESTINE
            else FunctionalSyndrome.NONE
        ),
    )
    ki_first = rng.choice((1.5, 4.0, 8.0, 12.0))
    ki_second = ki_first * rng.choice((1.0, 2.5, 3.0))
    pathology = tuple(
        PathologyResult(
            id=_id("pth", n, k),
            tumor_id=tumor.id,
            date=day,
            specimen_site=specimen,
            ki67=ki,
            mitoses=None,
            differentiation=Differentiation.WELL,
            grade=grade_for(site, ki, None, Differentiation.WELL),
        )
        for k, (day, specimen, ki) in enumerate(
            (
                (dx, "primary tumour biopsy", ki_first),
                (dx + timedelta(days=700), "liver", ki_second),
            )
        )
        if day <= today
    )
    staging = (
        StagingAssessment(
            id=_id("stg", n),
            tumor_id=tumor.id,
            date=dx + timedelta(days=10),
            t="T2",
            n="N1",
            m="M1a",
            stage_group="IV",
            metastatic_sites=("liver",),
            liver_burden_pct=float(rng.choice((5, 15, 30))),
        ),
    )
    therapies = _therapies(n, pid, dx, today, rng) if with_history else ()
    imaging = _imaging(n, pid, dx, today, rng)
    labs = _labs(n, pid, dx, today, rng, site)
    performance = (PerformanceStatus(_id("ecg", n), pid, today - timedelta(days=20), n % 2),)
    return CaseSnapshot(
        patient=patient,
        tumors=(tumor,),
        pathology=pathology,
        staging=staging,
        imaging=imaging,
        labs=labs,
        performance=performance,
        therapies=therapies,
        discussions=(_earlier_discussion(n, pid, dx),),
    )


def _therapies(
    n: int, pid: str, dx: date, today: date, rng: random.Random
) -> tuple[TherapyCourse, ...]:
    surgery_day = dx + timedelta(days=35)
    ssa_start = dx + timedelta(days=90)
    ssa_end = dx + timedelta(days=rng.randint(600, 760))
    prrt_start = ssa_end + timedelta(days=40)
    courses = [
        TherapyCourse(
            _id("thr", n, 0),
            pid,
            "surgery_primary_resection",
            "Primary resection",
            Modality.SURGERY,
            Intent.CURATIVE,
            surgery_day,
            surgery_day,
            site_of_care="Synthetic General Hospital",
        ),
        TherapyCourse(
            _id("thr", n, 1),
            pid,
            "ssa_lanreotide",
            "Lanreotide",
            Modality.SOMATOSTATIN_ANALOG,
            Intent.DISEASE_CONTROL,
            ssa_start,
            ssa_end,
            dose="120 mg",
            schedule="every 28 days",
            best_response=Response.SD,
            reason_ended=ReasonEnded.PROGRESSION,
        ),
        TherapyCourse(
            _id("thr", n, 2),
            pid,
            "prrt_lu177_dotatate",
            "177Lu-DOTATATE",
            Modality.NUCLEAR_MEDICINE,
            Intent.DISEASE_CONTROL,
            prrt_start,
            prrt_start + timedelta(days=200),
            dose="7.4 GBq",
            schedule="every 8 weeks",
            cycles=4,
            best_response=Response.PR,
            reason_ended=ReasonEnded.COMPLETED,
            toxicities=(Toxicity(_id("tox", n), _id("thr", n, 2), "Nausea", 1),),
        ),
        TherapyCourse(
            _id("thr", n, 3),
            pid,
            "ssa_octreotide_lar",
            "Octreotide LAR",
            Modality.SOMATOSTATIN_ANALOG,
            Intent.SYMPTOM_CONTROL,
            prrt_start + timedelta(days=230),
            None,
            dose="30 mg",
            schedule="every 4 weeks",
        ),
    ]
    if n % 3 == 1:
        courses.append(
            TherapyCourse(
                _id("thr", n, 4),
                pid,
                "everolimus",
                "Everolimus",
                Modality.TARGETED,
                Intent.DISEASE_CONTROL,
                today - timedelta(days=120),
                None,
                dose="10 mg",
                schedule="daily",
                toxicities=(Toxicity(_id("tox", n, 1), _id("thr", n, 4), "Stomatitis", 2),),
            )
        )
    if n % 4 == 2:
        courses.append(
            TherapyCourse(
                _id("thr", n, 5),
                pid,
                "liver_chemoembolization",
                "Chemoembolization (TACE)",
                Modality.LIVER_DIRECTED,
                Intent.DISEASE_CONTROL,
                ssa_start + timedelta(days=300),
                ssa_start + timedelta(days=300),
            )
        )
    return tuple(sorted((c for c in courses if c.start_date <= today), key=lambda c: c.start_date))


def _imaging(
    n: int, pid: str, dx: date, today: date, rng: random.Random
) -> tuple[ImagingStudy, ...]:
    studies = [
        ImagingStudy(
            _id("img", n, 0),
            pid,
            dx - timedelta(days=7),
            ImagingModality.SSTR_PET,
            krenning=3,
            avidity=Avidity.POSITIVE,
            finding="Tracer-avid primary and two liver lesions.",
        )
    ]
    responses = (Response.SD, Response.SD, Response.PD, Response.PR, Response.SD, Response.PD)
    day = dx + timedelta(days=180)
    k = 1
    while day < today and k <= len(responses):
        studies.append(
            ImagingStudy(
                _id("img", n, k),
                pid,
                day,
                ImagingModality.CT,
                response=responses[k - 1],
                largest_lesion_mm=float(18 + k * rng.randint(1, 3)),
                finding="Synthetic report text: liver lesions measured per RECIST 1.1.",
            )
        )
        day += timedelta(days=rng.randint(150, 220))
        k += 1
    return tuple(studies)


def _labs(
    n: int, pid: str, dx: date, today: date, rng: random.Random, site: PrimarySite
) -> tuple[LabResult, ...]:
    labs = []
    day, cga, hiaa, k = dx, float(rng.randint(150, 600)), float(rng.randint(20, 90)), 0
    while day < today:
        cga_id = _id("lab", n, k)
        labs.append(LabResult(cga_id, pid, day, Analyte.CHROMOGRANIN_A, round(cga), "ng/mL"))
        if site == PrimarySite.SMALL_INTESTINE:
            labs.append(
                LabResult(
                    _id("lab", n, k + 500), pid, day, Analyte.URINE_5HIAA, round(hiaa), "mg/24 h"
                )
            )
        cga *= rng.choice((0.6, 0.9, 1.2, 1.8))
        hiaa *= rng.choice((0.7, 1.0, 1.4))
        day += timedelta(days=rng.randint(90, 150))
        k += 1
    return tuple(labs)


def _earlier_discussion(n: int, pid: str, dx: date) -> CaseDiscussion:
    when = datetime.combine(dx + timedelta(days=20), time(16, 0), tzinfo=UTC)
    did = _id("dis", n, 0)
    return CaseDiscussion(
        id=did,
        meeting_id="mtg-earlier",
        patient_id=pid,
        position=1,
        question="Initial management after diagnosis.",
        status=DiscussionStatus.DISCUSSED,
        meeting_date=when,
        meeting_title="NET board (synthetic)",
        meeting_status=MeetingStatus.FINALIZED,
        decision=Decision(
            _id("dec", n, 0),
            did,
            "Resection of the primary, then somatostatin analog.",
            Agreement.CONSENSUS,
        ),
    )


def sample_discussion(n: int, meeting: Meeting, position: int, patient: Patient) -> CaseDiscussion:
    """This meeting's agenda item for sample patient ``n``, decided and with actions."""
    did = _id("dis", n, 1)
    review = meeting.starts_at.date() + timedelta(weeks=12)
    dissent = n % 5 == 3
    return CaseDiscussion(
        id=did,
        meeting_id=meeting.id,
        patient_id=patient.id,
        position=position,
        presenter="Dr. Example Presenter",
        question="Progression on the current line: what next, keeping later options open?",
        timing=CaseTiming.PROSPECTIVE if n % 4 else CaseTiming.RETROSPECTIVE,
        stage_discussed="IV",
        guideline_cited="ENETS 2023 (synthetic citation)",
        trial_eligibility_discussed=True,
        patient_preferences="Prefers treatment close to home.",
        notes=f"Internal note: {patient.given_name} {patient.family_name} asked about travel.",
        status=DiscussionStatus.DISCUSSED,
        meeting_date=meeting.starts_at,
        meeting_title=meeting.title,
        meeting_status=meeting.status,
        options=(
            OptionConsidered(
                _id("opt", n, 0),
                did,
                "everolimus",
                "Everolimus 10 mg daily",
                Stance.RECOMMENDED,
                "Progression after SSA and PRRT; oral option available locally.",
            ),
            OptionConsidered(
                _id("opt", n, 1),
                did,
                "prrt_retreatment",
                "PRRT retreatment, 2 cycles",
                Stance.LATER,
                "First PRRT gave a durable response; kept for later.",
            ),
            OptionConsidered(
                _id("opt", n, 2),
                did,
                "captem",
                "CAPTEM",
                Stance.NOT_NOW,
                "Chemotherapy before PRRT retreatment is a caution (NETTER-R).",
            ),
        ),
        decision=Decision(
            _id("dec", n, 1),
            did,
            "Everolimus 10 mg daily; continue octreotide; re-image in 12 weeks.",
            Agreement.DISSENT if dissent else Agreement.CONSENSUS,
            dissent_note="One member favoured PRRT retreatment now." if dissent else "",
            follow_up_weeks=12,
            next_review=review,
        ),
        actions=(
            ActionItem(
                _id("act", n, 0),
                did,
                "Book CT chest/abdomen/pelvis",
                "Radiology desk",
                review - timedelta(days=7),
            ),
            ActionItem(
                _id("act", n, 1),
                did,
                "Explain everolimus side effects and mouth care",
                "Nurse navigator",
                meeting.starts_at.date() + timedelta(days=7),
            ),
        ),
    )


def sample_meeting(
    cases: int, today: date, *, finalized: bool = True
) -> tuple[MeetingSnapshot, dict[str, CaseSnapshot]]:
    """A meeting on ``today`` with ``cases`` fictional patients, and each patient's case."""
    meeting = Meeting(
        id="mtg-sample",
        starts_at=datetime.combine(today, time(16, 0), tzinfo=UTC),
        title="Neuroendocrine tumor board (synthetic)",
        chair="Dr. Chair Example",
        location="Room 1 (fictional)",
        status=MeetingStatus.FINALIZED if finalized else MeetingStatus.IN_SESSION,
        finalized_at=datetime.combine(today, time(18, 0), tzinfo=UTC) if finalized else None,
    )
    disciplines = (
        Discipline.MEDICAL_ONCOLOGY,
        Discipline.SURGERY,
        Discipline.PATHOLOGY,
        Discipline.RADIOLOGY,
        Discipline.NUCLEAR_MEDICINE,
        Discipline.NURSE_NAVIGATOR,
    )
    attendance = tuple(
        Attendance(_id("att", k), meeting.id, f"Dr. Attendee {k + 1}", d)
        for k, d in enumerate(disciplines)
    )
    snapshots: dict[str, CaseSnapshot] = {}
    agenda = []
    for pos in range(cases):
        case = sample_case(pos, today)
        discussion = sample_discussion(pos, meeting, pos + 1, case.patient)
        case = CaseSnapshot(
            patient=case.patient,
            tumors=case.tumors,
            pathology=case.pathology,
            staging=case.staging,
            imaging=case.imaging,
            labs=case.labs,
            performance=case.performance,
            therapies=case.therapies,
            discussions=(*case.discussions, discussion),
        )
        snapshots[case.patient.id] = case
        tumor = case.primary_tumor
        latest = case.latest_pathology
        agenda.append(
            AgendaItem(
                discussion,
                case.patient,
                tumor.primary_site if tumor else None,
                latest.grade if latest else None,
            )
        )
    first = agenda[0] if agenda else None
    addenda = (
        (
            Addendum(
                "add-1",
                meeting.id,
                first.discussion.id,
                "Dr. Chair Example",
                meeting.starts_at + timedelta(days=1),
                f"Pathology review for {first.patient.given_name} {first.patient.family_name} "
                "confirmed the grade.",
            ),
        )
        if first and finalized
        else ()
    )
    return MeetingSnapshot(meeting, attendance, tuple(agenda), addenda), snapshots
