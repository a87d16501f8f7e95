"""Synthetic snapshots for the board tests (agenda, concordance, courses from decisions) that need
no database: a patient with three boards, positional record builders. Names are invented; ids
come from ``records.new_id`` like every other factory's."""

from __future__ import annotations

from datetime import UTC, date, datetime

from netboard.domain.snapshot import (
    AgendaItem,
    CaseDiscussion,
    CaseSnapshot,
    Decision,
    ImagingStudy,
    OptionConsidered,
    PathologyResult,
    Patient,
    StagingAssessment,
    TherapyCourse,
    Tumor,
)
from netboard.domain.vocab import (
    Agreement,
    Grade,
    Histology,
    ImagingModality,
    Modality,
    PatientStatus,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
    Stance,
)
from tests.factories.records import new_id

TODAY = date(2025, 6, 2)


def person(
    family: str = "Quillfeather",
    given: str = "Marisol",
    mrn: str = "ZZ-40417",
    birth: date | None = date(1958, 7, 23),
) -> Patient:
    return Patient(new_id(), mrn, family, given, birth, Sex.FEMALE, PatientStatus.ACTIVE)


def course(
    patient_id: str,
    option_id: str,
    agent: str,
    start: date,
    end: date | None = None,
    *,
    modality: Modality = Modality.SOMATOSTATIN_ANALOG,
    response: Response | None = None,
    reason: ReasonEnded | None = None,
    decision_id: str | None = None,
) -> TherapyCourse:
    return TherapyCourse(
        new_id(),
        patient_id,
        option_id,
        agent,
        modality,
        None,
        start,
        end,
        best_response=response,
        reason_ended=reason,
        decision_id=decision_id,
    )


def discussion(
    patient_id: str,
    when: datetime,
    options: tuple[OptionConsidered, ...] = (),
    decision: Decision | None = None,
    question: str = "",
    meeting_id: str = "",
    disc_id: str | None = None,
) -> CaseDiscussion:
    return CaseDiscussion(
        id=disc_id or new_id(),
        meeting_id=meeting_id or new_id(),
        patient_id=patient_id,
        position=0,
        question=question,
        meeting_date=when,
        meeting_title="Synthetic board",
        options=options,
        decision=decision,
    )


def option(
    discussion_id: str, option_id: str, stance: Stance, rationale: str = "", **links: str
) -> OptionConsidered:
    return OptionConsidered(
        new_id(),
        discussion_id,
        option_id,
        "",
        stance,
        rationale,
        links.get("revisits_option_id"),
        links.get("revisits_course_id"),
    )


def history_case() -> tuple[CaseSnapshot, CaseDiscussion]:
    """A patient with two earlier boards and a current one; returns (case, current discussion)."""
    who = person()
    pid = who.id
    tumor = Tumor(new_id(), pid, PrimarySite.PANCREAS, Histology.NET, date(2018, 2, 1))
    path = PathologyResult(
        new_id(), tumor.id, date(2025, 3, 3), "liver", 12.0, None, None, Grade.G2
    )
    staging = StagingAssessment(
        new_id(), tumor.id, date(2025, 3, 3), "T2", "N1", "M1", "IV", ("liver",), 15.0
    )
    sstr = ImagingStudy(new_id(), pid, date(2025, 4, 1), ImagingModality.SSTR_PET, krenning=3)
    # board 1 (2021): SSA recommended (became a course), PRRT deferred, sunitinib not now
    d1 = new_id()
    dec1 = Decision(
        new_id(),
        d1,
        "Lanreotide 120 mg every 28 days",
        agreement=Agreement.CONSENSUS,
    )
    o_ssa = option(d1, "ssa_lanreotide", Stance.RECOMMENDED, "SSTR positive, low Ki-67")
    o_prrt = option(d1, "prrt_lu177_dotatate", Stance.LATER, "Keep for progression")
    o_sun = option(d1, "sunitinib", Stance.NOT_NOW, "Tolerability")
    disc1 = discussion(
        pid, datetime(2021, 5, 4, 15, tzinfo=UTC), (o_ssa, o_prrt, o_sun), dec1, disc_id=d1
    )
    ssa = course(
        pid,
        "ssa_lanreotide",
        "lanreotide",
        date(2021, 6, 1),
        date(2024, 11, 1),
        response=Response.SD,
        reason=ReasonEnded.PROGRESSION,
        decision_id=dec1.id,
    )
    # board 2 (2024): everolimus alternative
    d2 = new_id()
    o_eve = option(d2, "everolimus", Stance.ALTERNATIVE, "If PRRT not possible")
    disc2 = discussion(pid, datetime(2024, 11, 20, 15, tzinfo=UTC), (o_eve,), disc_id=d2)
    current = discussion(
        pid, datetime(2025, 6, 3, 14, tzinfo=UTC), question="Progression on SSA: PRRT now?"
    )
    case = CaseSnapshot(
        who, (tumor,), (path,), (staging,), (sstr,), (), (), (ssa,), (disc1, disc2, current)
    )
    return case, current


def agenda_item(case: CaseSnapshot, disc: CaseDiscussion) -> AgendaItem:
    return AgendaItem(disc, case.patient, PrimarySite.PANCREAS, Grade.G2)
