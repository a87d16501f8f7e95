"""Keeps the patient list's denormalised columns current (site, grade, Ki-67, next review).

They are derived, so they are set with one set-based UPDATE that does not touch the patient's
version (a changed pathology result is not a conflicting edit of the patient). Bulk loaders call
``refresh_patient_lists(connection)`` once after inserting rows with SQLAlchemy Core.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, ScalarSelect, nulls_last, select, update

from netboard.db.queries_rows import DECISION, DISCUSSION, MEETING, PATHOLOGY, PATIENT, TUMOR

P = PATIENT.c


def _latest_pathology(column_name: str) -> ScalarSelect[Any]:
    column = PATHOLOGY.c[column_name]
    return (
        select(column)
        .join(TUMOR, TUMOR.c.id == PATHOLOGY.c.tumor_id)
        .where(TUMOR.c.patient_id == P.id)
        .order_by(PATHOLOGY.c.date.desc(), PATHOLOGY.c.created_at.desc(), PATHOLOGY.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def refresh_patient_lists(conn: Connection, patient_ids: Iterable[str] | None = None) -> None:
    """Recompute list_site (first tumor), list_grade and list_ki67 (latest pathology) and
    list_next_review (the latest decision's review date) for these patients (None: all)."""
    first_site = (
        select(TUMOR.c.primary_site)
        .where(TUMOR.c.patient_id == P.id)
        .order_by(nulls_last(TUMOR.c.diagnosis_date), TUMOR.c.created_at, TUMOR.c.id)
        .limit(1)
        .scalar_subquery()
    )
    next_review = (
        select(DECISION.c.next_review)
        .join(DISCUSSION, DISCUSSION.c.id == DECISION.c.discussion_id)
        .join(MEETING, MEETING.c.id == DISCUSSION.c.meeting_id)
        .where(DISCUSSION.c.patient_id == P.id)
        .order_by(MEETING.c.starts_at.desc(), DISCUSSION.c.position.desc(), DISCUSSION.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    statement = update(PATIENT).values(
        list_site=first_site,
        list_grade=_latest_pathology("grade"),
        list_ki67=_latest_pathology("ki67"),
        list_next_review=next_review,
    )
    if patient_ids is not None:
        ids = sorted({i for i in patient_ids if i})
        if not ids:
            return
        statement = statement.where(P.id.in_(ids))
    conn.execute(statement)
