"""Reads for meeting follow-up: every board decision with the patient's later therapy courses.

The concordance view (did a recommended option become a therapy course?) is computed from these
snapshots in the window; this module only loads them, in a fixed number of queries.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, select

from netboard.db import queries_rows as rows
from netboard.db.queries_discussions import load_discussions
from netboard.db.queries_rows import DECISION, DISCUSSION, MEETING, PATIENT, THERAPY
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.domain.vocab import MeetingStatus

DecidedCase = tuple[s.Meeting, s.Patient, s.CaseDiscussion, tuple[s.TherapyCourse, ...]]
"""A discussion that reached a decision, its meeting and patient, and all the patient's courses."""


def decided_discussions(store: Store, *, finalized_only: bool = False) -> list[DecidedCase]:
    """Every discussion with a decision (oldest meeting first), with its patient's courses."""
    where: ColumnElement[bool] = DISCUSSION.c.id.in_(select(DECISION.c.discussion_id))
    if finalized_only:
        where = where & (MEETING.c.status == MeetingStatus.FINALIZED)
    with store.read() as conn:
        discussions = load_discussions(conn, where, by_meeting_date=True)
        if not discussions:
            return []
        meeting_ids = sorted({d.meeting_id for d in discussions})
        patient_ids = sorted({d.patient_id for d in discussions})
        meetings = rows.by_id(conn, MEETING, meeting_ids, rows.meeting)
        patients = rows.by_id(conn, PATIENT, patient_ids, rows.patient)
        courses: dict[str, list[s.TherapyCourse]] = {pid: [] for pid in patient_ids}
        query = (
            select(THERAPY)
            .where(THERAPY.c.patient_id.in_(patient_ids))
            .order_by(THERAPY.c.start_date, THERAPY.c.id)
        )
        for r in conn.execute(query).mappings():
            courses[r["patient_id"]].append(rows.therapy(r, ()))
    return [
        (meetings[d.meeting_id], patients[d.patient_id], d, tuple(courses[d.patient_id]))
        for d in discussions
    ]
