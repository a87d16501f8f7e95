"""What the write operations know about each record kind: its table, parents, and how its values
travel between snapshot fields, table columns and the audit log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from netboard.db import models as m
from netboard.db.audit_chain import GENESIS, entry_digest
from netboard.db.errors import ConflictError, FinalizedError, NotFoundError
from netboard.db.operations_changes import note
from netboard.db.queries_rows import join_sites, split_sites
from netboard.db.store import Store
from netboard.domain.validation import fields
from netboard.domain.vocab import MeetingStatus


@dataclass(frozen=True, slots=True)
class KindInfo:
    name: str
    row: type[Any]
    """The ORM class."""
    noun: str
    """How a message names one record of this kind."""
    meeting_scoped: bool = False
    """Part of a meeting's record: frozen once the meeting is finalized."""


KINDS: dict[str, KindInfo] = {
    info.name: info
    for info in (
        KindInfo("patient", m.PatientRow, "patient"),
        KindInfo("tumor", m.TumorRow, "tumor"),
        KindInfo("pathology", m.PathologyRow, "pathology result"),
        KindInfo("staging", m.StagingRow, "staging assessment"),
        KindInfo("imaging", m.ImagingRow, "imaging study"),
        KindInfo("lab", m.LabRow, "lab result"),
        KindInfo("performance", m.PerformanceRow, "performance status"),
        KindInfo("therapy", m.TherapyCourseRow, "therapy course"),
        KindInfo("toxicity", m.ToxicityRow, "toxicity"),
        KindInfo("meeting", m.MeetingRow, "meeting", meeting_scoped=True),
        KindInfo("attendance", m.AttendanceRow, "attendance", meeting_scoped=True),
        KindInfo("discussion", m.CaseDiscussionRow, "agenda item", meeting_scoped=True),
        KindInfo("option", m.OptionConsideredRow, "option considered", meeting_scoped=True),
        KindInfo("decision", m.DecisionRow, "decision", meeting_scoped=True),
        KindInfo("action", m.ActionItemRow, "action item", meeting_scoped=True),
        KindInfo("addendum", m.AddendumRow, "addendum", meeting_scoped=True),
    )
}

TABLE_KIND: dict[str, str] = {info.row.__tablename__: name for name, info in KINDS.items()}

REF_KIND: dict[str, str] = {
    "patient_id": "patient",
    "tumor_id": "tumor",
    "course_id": "therapy",
    "meeting_id": "meeting",
    "discussion_id": "discussion",
    "decision_id": "decision",
    "revisits_option_id": "option",
    "revisits_course_id": "therapy",
}
"""Which kind of record each reference field points at."""


def kind_info(kind: str) -> KindInfo:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown record kind '{kind}' (known: {', '.join(KINDS)})") from None


# --- values -------------------------------------------------------------------------------


def to_column(kind: str, field: str, value: object) -> object:
    if kind == "staging" and field == "metastatic_sites":
        return join_sites(value if isinstance(value, tuple | list) else ())
    return value


def record_values(kind: str, row: Any) -> dict[str, object]:
    """The snapshot-field values of an ORM row (what validation and the audit log see)."""
    values: dict[str, object] = {}
    for name in fields(kind):
        value = getattr(row, name)
        if kind == "staging" and name == "metastatic_sites":
            value = split_sites(value or "")
        values[name] = value
    return values


def jsonable(value: object) -> object:
    """A value as the audit log stores it (JSON): enums by value, dates as ISO text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    return value


# --- lookups within a unit of work -----------------------------------------------------------


def get_row(session: Session, kind: str, entity_id: str) -> Any:
    row = session.get(kind_info(kind).row, entity_id)
    if row is None:
        raise NotFoundError(kind, entity_id)
    return row


def check_refs(session: Session, kind: str, values: dict[str, object]) -> None:
    """Every reference in ``values`` names an existing record (NotFoundError otherwise)."""
    for name, value in values.items():
        target = REF_KIND.get(name)
        if target is not None and value is not None:
            get_row(session, target, str(value))


def patient_of(session: Session, kind: str, values: dict[str, object]) -> str | None:
    """The patient a record belongs to (None for meetings, attendance, meeting-wide addenda)."""
    if kind == "patient":
        return _str(values.get("id"))
    if values.get("patient_id"):
        return _str(values["patient_id"])
    for field, parent_kind in (
        ("tumor_id", "tumor"),
        ("course_id", "therapy"),
        ("discussion_id", "discussion"),
    ):
        if values.get(field):
            parent = session.get(kind_info(parent_kind).row, values[field])
            return _str(parent.patient_id) if parent is not None else None
    return None


def meeting_of(session: Session, kind: str, values: dict[str, object]) -> str | None:
    """The meeting a meeting-scoped record belongs to."""
    if kind == "meeting":
        return _str(values.get("id"))
    if values.get("meeting_id"):
        return _str(values["meeting_id"])
    if values.get("discussion_id"):
        discussion = session.get(m.CaseDiscussionRow, values["discussion_id"])
        return _str(discussion.meeting_id) if discussion is not None else None
    return None


def check_open(session: Session, meeting_id: str | None, what: str) -> None:
    """Refuse a change to a finalized meeting's record (FinalizedError)."""
    if meeting_id is None:
        return
    meeting = session.get(m.MeetingRow, meeting_id)
    if meeting is not None and meeting.status == MeetingStatus.FINALIZED:
        raise FinalizedError(meeting_id, what)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


# --- audit and conflicts ----------------------------------------------------------------------


def audit(
    session: Session,
    who: str,
    kind: str,
    entity_id: str,
    action: str,
    changes: Mapping[str, tuple[object, object]],
) -> None:
    """Append one audit entry in the current unit of work, as the next link of the hash chain
    (writers are serialized: SQLite's BEGIN IMMEDIATE, PostgreSQL's write lock in the store)."""
    payload = {k: [jsonable(before), jsonable(after)] for k, (before, after) in changes.items()}
    seq, previous = _chain_tail(session)
    at = m.utcnow()
    digest = entry_digest(previous, seq + 1, at, who, kind, entity_id, action, payload)
    session.add(
        m.AuditRow(
            at=at,
            who=who,
            entity=kind,
            entity_id=entity_id,
            action=action,
            changes=payload,
            seq=seq + 1,
            digest=digest,
        )
    )
    session.info[_CHAIN_TAIL] = (seq + 1, digest)
    note(session, kind, entity_id, action, changes)


_CHAIN_TAIL = "netboard_audit_tail"


def _chain_tail(session: Session) -> tuple[int, str]:
    """The last link of the chain: from this unit of work, else from the database."""
    tail: tuple[int, str] | None = session.info.get(_CHAIN_TAIL)
    if tail is not None:
        return tail
    last = session.execute(
        select(m.AuditRow.seq, m.AuditRow.digest).order_by(m.AuditRow.seq.desc()).limit(1)
    ).first()
    return (int(last[0]), str(last[1])) if last is not None else (0, GENESIS)


class StaleError(Exception):
    """Raised inside a unit of work when a record's version differs; turned into ConflictError
    (with who and when from the audit log) once the unit of work has rolled back."""


def conflict(store: Store, kind: str, entity_id: str) -> ConflictError:
    """A ConflictError naming who changed the record last and when (from the audit log)."""
    with store.read() as conn:
        last = conn.execute(
            select(m.AuditRow.who, m.AuditRow.at)
            .where(m.AuditRow.entity_id == entity_id)
            .order_by(m.AuditRow.at.desc())
            .limit(1)
        ).first()
    who, when = (last[0], last[1]) if last is not None else (None, None)
    return ConflictError(kind, entity_id, who, when)
