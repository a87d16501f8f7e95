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
    therapies, board discussions), those since deleted included, plus exports and prints of
    their data; oldest first."""
    with store.read() as conn:
        ids = _record_ids(conn, patient_id)
        ids += sorted(_deleted_ids(conn, set(ids)))
        return _entries_of(conn, ids)


def deleted_patient_history(store: Store, mrn: str) -> list[s.AuditEntry]:
    """The history of patients with this MRN who were deleted (their records' too); oldest
    first, empty when no deleted patient had it."""
    with store.read() as conn:
        deletes = conn.execute(
            select(AUDIT.c.entity_id, AUDIT.c.changes).where(
                AUDIT.c.action == _DELETE, AUDIT.c.entity == "patient"
            )
        ).all()
        ids = {str(pid) for pid, changes in deletes if _before(changes, "mrn") == mrn}
        if not ids:
            return []
        return _entries_of(conn, sorted(ids | _deleted_ids(conn, ids)))


_DELETE = "delete"


def _before(changes: object, name: str) -> object:
    pair = changes.get(name) if isinstance(changes, dict) else None
    return pair[0] if isinstance(pair, list | tuple) and len(pair) == 2 else None


def _deleted_ids(conn: Connection, known: set[str]) -> set[str]:
    """Ids of deleted records that belonged to the records ``known``: a delete entry keeps the
    record's values (its parent's id among them), or names the record it was deleted with."""
    deletes = conn.execute(
        select(AUDIT.c.entity_id, AUDIT.c.changes).where(AUDIT.c.action == _DELETE)
    ).all()
    owners: dict[str, set[str]] = {}
    for entity_id, changes in deletes:
        refs = owners.setdefault(str(entity_id), set())
        for before, after in (changes or {}).values() if isinstance(changes, dict) else ():
            refs.update(str(v) for v in (before, after) if isinstance(v, str))
            if isinstance(after, str) and " " in after:  # "deleted with": "tumor <id>"
                refs.add(after.rsplit(" ", 1)[1])
    found: set[str] = set()
    grown = True
    while grown:
        grown = False
        for entity_id, refs in owners.items():
            if entity_id not in found and entity_id not in known and refs & (known | found):
                found.add(entity_id)
                grown = True
    return found


def _entries_of(conn: Connection, ids: list[str]) -> list[s.AuditEntry]:
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
