"""Table rows (Core result mappings) -> domain snapshots. Nothing here touches a session."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import RowMapping, Table

from netboard.db import models as m
from netboard.domain import snapshot as s

Row = RowMapping

PATIENT: Table = m.PatientRow.__table__  # type: ignore[assignment]
TUMOR: Table = m.TumorRow.__table__  # type: ignore[assignment]
PATHOLOGY: Table = m.PathologyRow.__table__  # type: ignore[assignment]
STAGING: Table = m.StagingRow.__table__  # type: ignore[assignment]
IMAGING: Table = m.ImagingRow.__table__  # type: ignore[assignment]
LAB: Table = m.LabRow.__table__  # type: ignore[assignment]
PERFORMANCE: Table = m.PerformanceRow.__table__  # type: ignore[assignment]
THERAPY: Table = m.TherapyCourseRow.__table__  # type: ignore[assignment]
TOXICITY: Table = m.ToxicityRow.__table__  # type: ignore[assignment]
MEETING: Table = m.MeetingRow.__table__  # type: ignore[assignment]
ATTENDANCE: Table = m.AttendanceRow.__table__  # type: ignore[assignment]
DISCUSSION: Table = m.CaseDiscussionRow.__table__  # type: ignore[assignment]
OPTION: Table = m.OptionConsideredRow.__table__  # type: ignore[assignment]
DECISION: Table = m.DecisionRow.__table__  # type: ignore[assignment]
ACTION: Table = m.ActionItemRow.__table__  # type: ignore[assignment]
ADDENDUM: Table = m.AddendumRow.__table__  # type: ignore[assignment]
AUDIT: Table = m.AuditRow.__table__  # type: ignore[assignment]


def split_sites(text: str) -> tuple[str, ...]:
    """The stored comma-separated metastatic sites as a tuple."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def join_sites(sites: tuple[str, ...] | list[str]) -> str:
    return ", ".join(site.strip() for site in sites if site.strip())


def patient(r: Row) -> s.Patient:
    return s.Patient(
        id=r["id"],
        mrn=r["mrn"],
        family_name=r["family_name"],
        given_name=r["given_name"],
        birth_date=r["birth_date"],
        sex=r["sex"],
        status=r["status"],
        home_institution=r["home_institution"],
        treating_physician=r["treating_physician"],
        nurse_navigator=r["nurse_navigator"],
        notes=r["notes"],
        version=r["version"],
    )


def patient_row(r: Row, on_next_agenda: bool) -> s.PatientRow:
    return s.PatientRow(
        id=r["id"],
        mrn=r["mrn"],
        family_name=r["family_name"],
        given_name=r["given_name"],
        birth_date=r["birth_date"],
        sex=r["sex"],
        status=r["status"],
        primary_site=r["list_site"],
        grade=r["list_grade"],
        ki67=r["list_ki67"],
        next_review=r["list_next_review"],
        on_next_agenda=on_next_agenda,
    )


def tumor(r: Row) -> s.Tumor:
    return s.Tumor(
        id=r["id"],
        patient_id=r["patient_id"],
        primary_site=r["primary_site"],
        histology=r["histology"],
        diagnosis_date=r["diagnosis_date"],
        functional_syndrome=r["functional_syndrome"],
        hereditary_syndrome=r["hereditary_syndrome"],
        primary_size_mm=r["primary_size_mm"],
        notes=r["notes"],
        version=r["version"],
    )


def pathology(r: Row) -> s.PathologyResult:
    return s.PathologyResult(
        id=r["id"],
        tumor_id=r["tumor_id"],
        date=r["date"],
        specimen_site=r["specimen_site"],
        ki67=r["ki67"],
        mitoses=r["mitoses"],
        differentiation=r["differentiation"],
        grade=r["grade"],
        necrosis=r["necrosis"],
        notes=r["notes"],
        version=r["version"],
    )


def staging(r: Row) -> s.StagingAssessment:
    return s.StagingAssessment(
        id=r["id"],
        tumor_id=r["tumor_id"],
        date=r["date"],
        t=r["t"],
        n=r["n"],
        m=r["m"],
        stage_group=r["stage_group"],
        metastatic_sites=split_sites(r["metastatic_sites"]),
        liver_burden_pct=r["liver_burden_pct"],
        version=r["version"],
    )


def imaging(r: Row) -> s.ImagingStudy:
    return s.ImagingStudy(
        id=r["id"],
        patient_id=r["patient_id"],
        date=r["date"],
        modality=r["modality"],
        krenning=r["krenning"],
        avidity=r["avidity"],
        response=r["response"],
        finding=r["finding"],
        largest_lesion_mm=r["largest_lesion_mm"],
        version=r["version"],
    )


def lab(r: Row) -> s.LabResult:
    return s.LabResult(
        id=r["id"],
        patient_id=r["patient_id"],
        date=r["date"],
        analyte=r["analyte"],
        value=r["value"],
        unit=r["unit"],
        version=r["version"],
    )


def performance(r: Row) -> s.PerformanceStatus:
    return s.PerformanceStatus(
        id=r["id"], patient_id=r["patient_id"], date=r["date"], ecog=r["ecog"], version=r["version"]
    )


def toxicity(r: Row) -> s.Toxicity:
    return s.Toxicity(
        id=r["id"], course_id=r["course_id"], term=r["term"], grade=r["grade"], date=r["date"]
    )


def therapy(r: Row, toxicities: tuple[s.Toxicity, ...]) -> s.TherapyCourse:
    return s.TherapyCourse(
        id=r["id"],
        patient_id=r["patient_id"],
        option_id=r["option_id"],
        agent=r["agent"],
        modality=r["modality"],
        intent=r["intent"],
        start_date=r["start_date"],
        end_date=r["end_date"],
        dose=r["dose"],
        schedule=r["schedule"],
        cycles=r["cycles"],
        site_of_care=r["site_of_care"],
        best_response=r["best_response"],
        reason_ended=r["reason_ended"],
        trial_id=r["trial_id"],
        decision_id=r["decision_id"],
        notes=r["notes"],
        toxicities=toxicities,
        version=r["version"],
    )


def meeting(r: Row) -> s.Meeting:
    return s.Meeting(
        id=r["id"],
        starts_at=r["starts_at"],
        title=r["title"],
        chair=r["chair"],
        location=r["location"],
        status=r["status"],
        finalized_at=r["finalized_at"],
        version=r["version"],
    )


def attendance(r: Row) -> s.Attendance:
    return s.Attendance(
        id=r["id"], meeting_id=r["meeting_id"], person=r["person"], discipline=r["discipline"]
    )


def option(r: Row) -> s.OptionConsidered:
    return s.OptionConsidered(
        id=r["id"],
        discussion_id=r["discussion_id"],
        option_id=r["option_id"],
        details=r["details"],
        stance=r["stance"],
        rationale=r["rationale"],
        revisits_option_id=r["revisits_option_id"],
        revisits_course_id=r["revisits_course_id"],
        version=r["version"],
    )


def decision(r: Row) -> s.Decision:
    return s.Decision(
        id=r["id"],
        discussion_id=r["discussion_id"],
        recommendation=r["recommendation"],
        agreement=r["agreement"],
        dissent_note=r["dissent_note"],
        follow_up_weeks=r["follow_up_weeks"],
        next_review=r["next_review"],
        version=r["version"],
    )


def action(r: Row) -> s.ActionItem:
    return s.ActionItem(
        id=r["id"],
        discussion_id=r["discussion_id"],
        description=r["description"],
        owner=r["owner"],
        due_date=r["due_date"],
        done=r["done"],
        version=r["version"],
    )


def addendum(r: Row) -> s.Addendum:
    return s.Addendum(
        id=r["id"],
        meeting_id=r["meeting_id"],
        discussion_id=r["discussion_id"],
        author=r["author"],
        created_at=r["created_at"],
        text=r["text"],
    )


def discussion(
    r: Row,
    meeting_row: Mapping[str, Any],
    options: tuple[s.OptionConsidered, ...],
    decision_: s.Decision | None,
    actions: tuple[s.ActionItem, ...],
    addenda: tuple[s.Addendum, ...],
) -> s.CaseDiscussion:
    return s.CaseDiscussion(
        id=r["id"],
        meeting_id=r["meeting_id"],
        patient_id=r["patient_id"],
        position=r["position"],
        presenter=r["presenter"],
        question=r["question"],
        timing=r["timing"],
        triage=r["triage"],
        stage_discussed=r["stage_discussed"],
        guideline_cited=r["guideline_cited"],
        trial_eligibility_discussed=r["trial_eligibility_discussed"],
        patient_preferences=r["patient_preferences"],
        notes=r["notes"],
        time_spent_s=r["time_spent_s"],
        status=r["status"],
        meeting_date=meeting_row["starts_at"],
        meeting_title=meeting_row["title"],
        meeting_status=meeting_row["status"],
        options=options,
        decision=decision_,
        actions=actions,
        addenda=addenda,
        version=r["version"],
    )


def audit(r: Row) -> s.AuditEntry:
    changes = r["changes"] or {}
    return s.AuditEntry(
        id=r["id"],
        at=r["at"],
        who=r["who"],
        entity=r["entity"],
        entity_id=r["entity_id"],
        action=r["action"],
        changes={
            str(k): (pair[0], pair[1])
            if isinstance(pair, list | tuple) and len(pair) == 2
            else (None, pair)
            for k, pair in changes.items()
        },
    )
