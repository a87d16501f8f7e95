"""Reading the audit log: checking its hash chain, and the history of one patient's record."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from netboard.db import queries_rows as rows
from netboard.db.audit_chain import BrokenLink, first_broken_link
from netboard.db.queries_rows import (
    ACTION,
    ADDENDUM,
    AUDIT,
    DECISION,
    DISCUSSION,
    IMAGING,
    LAB,
    OPTION,
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


@dataclass(frozen=True)
class AuditCheck:
    """The result of walking the chain: how many entries were checked, the first broken link."""

    checked: int
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_audit(store: Store) -> AuditCheck:
    """Recompute every entry's digest in chain order; the first entry that does not follow."""
    with store.read() as conn:
        result = conn.execution_options(yield_per=2000).execute(
            select(AUDIT).order_by(AUDIT.c.seq)
        )
        checked, broken = first_broken_link(result)
    return AuditCheck(checked, broken)


def patient_history(store: Store, patient_id: str) -> list[s.AuditEntry]:
    """Every audit entry of the patient and of the records in their file (tumors, results,
    therapies, board discussions), plus exports and prints of their data; oldest first."""
    with store.read() as conn:
        ids = _record_ids(conn, patient_id)
        found: list[s.AuditEntry] = []
        chunk = 500
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            query = select(AUDIT).where(AUDIT.c.entity_id.in_(part))
            found += [rows.audit(r) for r in conn.execute(query).mappings()]
    return sorted(found, key=lambda e: (e.at, e.id))


def _record_ids(conn: Connection, patient_id: str) -> list[str]:
    """The ids of the patient and of every record that belongs to them (as stored now)."""
    ids = [patient_id]

    def add(query: object) -> list[str]:
        found = [str(v) for v in conn.execute(query).scalars()]  # type: ignore[call-overload]
        ids.extend(found)
        return found

    tumors = add(select(TUMOR.c.id).where(TUMOR.c.patient_id == patient_id))
    for table in (PATHOLOGY, STAGING):
        add(select(table.c.id).where(table.c.tumor_id.in_(tumors)))
    for table in (IMAGING, LAB, PERFORMANCE):
        add(select(table.c.id).where(table.c.patient_id == patient_id))
    courses = add(select(THERAPY.c.id).where(THERAPY.c.patient_id == patient_id))
    add(select(TOXICITY.c.id).where(TOXICITY.c.course_id.in_(courses)))
    discussions = add(select(DISCUSSION.c.id).where(DISCUSSION.c.patient_id == patient_id))
    for table in (OPTION, DECISION, ACTION, ADDENDUM):
        add(select(table.c.id).where(table.c.discussion_id.in_(discussions)))
    return ids


def patient_id_for_mrn(store: Store, mrn: str) -> str | None:
    with store.read() as conn:
        found = conn.execute(select(PATIENT.c.id).where(PATIENT.c.mrn == mrn)).scalar()
    return None if found is None else str(found)


def all_patient_ids(store: Store) -> set[str]:
    with store.read() as conn:
        return {str(v) for v in conn.execute(select(PATIENT.c.id)).scalars()}
