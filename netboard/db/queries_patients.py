"""Reads about one patient: the whole case (bulk selects, one per table), lookups, reviews due.

The patient list is in ``queries_patient_list``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import nulls_last, select

from netboard.db import queries_rows as rows
from netboard.db.errors import NotFoundError
from netboard.db.queries_discussions import load_discussions
from netboard.db.queries_patient_filter import no_index
from netboard.db.queries_rows import (
    DISCUSSION,
    IMAGING,
    LAB,
    MEETING,
    PATHOLOGY,
    PATIENT,
    PERFORMANCE,
    STAGING,
    THERAPY,
    TOXICITY,
    TUMOR,
)
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain.vocab import MeetingStatus, PatientStatus

P = PATIENT.c


def _name_order(descending: bool) -> list[Any]:
    cols = (P.family_name, P.given_name, P.id)
    return [c.desc() if descending else c for c in cols]


def get_patient(store: Store, patient_id: str) -> s.Patient:
    with store.read() as conn:
        found = conn.execute(select(PATIENT).where(P.id == patient_id)).mappings().first()
    if found is None:
        raise NotFoundError("patient", patient_id)
    return rows.patient(found)


def find_patient(store: Store, mrn: str) -> s.Patient | None:
    """The patient with exactly this MRN (surrounding spaces ignored), if any."""
    with store.read() as conn:
        found = conn.execute(select(PATIENT).where(P.mrn == mrn.strip())).mappings().first()
    return rows.patient(found) if found is not None else None


def get_case(store: Store, patient_id: str) -> s.CaseSnapshot:
    """Everything recorded about one patient, each collection oldest first."""
    with store.read() as conn:
        found = conn.execute(select(PATIENT).where(P.id == patient_id)).mappings().first()
        if found is None:
            raise NotFoundError("patient", patient_id)
        tumor_ids = select(TUMOR.c.id).where(TUMOR.c.patient_id == patient_id).scalar_subquery()

        def fetch(table: Any, where: Any, *order: Any) -> Sequence[rows.Row]:
            query = select(table).where(where).order_by(*order, table.c.created_at, table.c.id)
            return conn.execute(query).mappings().all()

        tumors = fetch(TUMOR, TUMOR.c.patient_id == patient_id, nulls_last(TUMOR.c.diagnosis_date))
        pathology = fetch(PATHOLOGY, PATHOLOGY.c.tumor_id.in_(tumor_ids), PATHOLOGY.c.date)
        staging = fetch(STAGING, STAGING.c.tumor_id.in_(tumor_ids), STAGING.c.date)
        imaging = fetch(IMAGING, IMAGING.c.patient_id == patient_id, IMAGING.c.date)
        labs = fetch(LAB, LAB.c.patient_id == patient_id, LAB.c.date)
        performance = fetch(PERFORMANCE, PERFORMANCE.c.patient_id == patient_id,
                            PERFORMANCE.c.date)  # fmt: skip
        therapies = fetch(THERAPY, THERAPY.c.patient_id == patient_id, THERAPY.c.start_date)
        course_ids = select(THERAPY.c.id).where(THERAPY.c.patient_id == patient_id)
        toxicities: dict[str, list[s.Toxicity]] = defaultdict(list)
        for r in fetch(TOXICITY, TOXICITY.c.course_id.in_(course_ids.scalar_subquery()),
                       nulls_last(TOXICITY.c.date)):  # fmt: skip
            toxicities[r["course_id"]].append(rows.toxicity(r))
        discussions = load_discussions(
            conn, DISCUSSION.c.patient_id == patient_id, by_meeting_date=True
        )
    return s.CaseSnapshot(
        patient=rows.patient(found),
        tumors=tuple(rows.tumor(r) for r in tumors),
        pathology=tuple(rows.pathology(r) for r in pathology),
        staging=tuple(rows.staging(r) for r in staging),
        imaging=tuple(rows.imaging(r) for r in imaging),
        labs=tuple(rows.lab(r) for r in labs),
        performance=tuple(rows.performance(r) for r in performance),
        therapies=tuple(rows.therapy(r, tuple(toxicities.get(r["id"], ()))) for r in therapies),
        discussions=tuple(discussions),
    )


def overdue_reviews(store: Store, today: date) -> list[tuple[s.Patient, date]]:
    """Active or followed-up patients whose board review date has passed and who are not on the
    agenda of a meeting still to come or in progress (most overdue first)."""
    scheduled = (
        select(DISCUSSION.c.patient_id)
        .join(MEETING, MEETING.c.id == DISCUSSION.c.meeting_id)
        .where(MEETING.c.status != MeetingStatus.FINALIZED)
    )
    # SQLite: the status written +status, so the planner reads the few overdue rows from the
    # review-date index instead of every active patient from the status index (the start page
    # asks this on every start: 9 ms on 10,000 patients, 0.5 ms so).
    status = no_index(P.status) if store.is_sqlite else P.status
    query = (
        select(PATIENT)
        .where(P.list_next_review < today)
        .where(status.in_([PatientStatus.ACTIVE, PatientStatus.FOLLOW_UP]))
        .where(P.id.not_in(scheduled))
        .order_by(P.list_next_review, *_name_order(False))
    )
    with store.read() as conn:
        return [(rows.patient(r), r["list_next_review"]) for r in conn.execute(query).mappings()]
