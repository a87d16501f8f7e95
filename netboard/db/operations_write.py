"""Create and update any record: coerce, validate, apply, derive, audit — in one unit of work.

The ``*_in`` functions work inside a caller's session so that composite operations (agenda,
courses from decisions) stay one transaction; ``create`` and ``update`` are the public wrappers.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from netboard.db import models as m
from netboard.db.errors import FinalizedError
from netboard.db.operations_changes import LIST_FIELDS
from netboard.db.operations_kinds import (
    StaleError,
    audit,
    check_open,
    check_refs,
    conflict,
    get_row,
    kind_info,
    meeting_of,
    patient_of,
    record_values,
    to_column,
)
from netboard.db.operations_lists import refresh_patient_lists
from netboard.db.queries_search import search_key_for
from netboard.db.store import Store
from netboard.domain.grading import grade_for
from netboard.domain.validation import FieldError, ValidationError, coerce, fields, validate
from netboard.domain.vocab import DiscussionStatus, Grade, MeetingStatus

STATUS_STEPS: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.IN_SESSION, MeetingStatus.FINALIZED}),
    MeetingStatus.IN_SESSION: frozenset({MeetingStatus.PLANNED, MeetingStatus.FINALIZED}),
    MeetingStatus.FINALIZED: frozenset(),
}
"""Meeting status changes allowed: planned <-> in session -> finalized (final)."""



def typed_values(kind: str, values: Mapping[str, object]) -> dict[str, object]:
    """Coerced values without the derived fields (those are computed here)."""
    specs = fields(kind)
    typed = coerce(kind, values)
    return {k: v for k, v in typed.items() if not (k in specs and specs[k].derived)}


def _derive(session: Session, kind: str, row: Any, store_user: str) -> None:
    """Fill the derived fields of ``row`` (WHO grade, search key, addendum author, who closed
    an action item and when)."""
    if kind == "patient":
        row.search_key = search_key_for(row.family_name, row.given_name or "", row.mrn)
    elif kind == "pathology":
        tumor = session.get(m.TumorRow, row.tumor_id)
        row.grade = grade_for(
            tumor.primary_site if tumor else None,
            row.ki67,
            row.mitoses,
            row.differentiation,
            bool(row.necrosis),
            tumor.histology if tumor else None,
        )
    elif kind == "addendum":
        row.author = store_user
    elif kind == "action":
        mark_done(row, store_user)


def mark_done(row: Any, who: str) -> None:
    """An action item's closing: who and when it was ticked done, cleared when it is open."""
    if not row.done:
        row.done_by, row.done_at = None, None
    elif row.done_by is None:
        row.done_by, row.done_at = who, datetime.now(UTC)


def _unique_checks(session: Session, kind: str, values: dict[str, object], own_id: str) -> None:
    """Uniqueness that needs the database: MRN, one decision per discussion, one agenda item
    per patient and meeting."""
    problem: FieldError | None = None
    if kind == "patient" and _taken(session, m.PatientRow, own_id, values, "mrn"):
        problem = FieldError("mrn", f"MRN: {values['mrn']} is already used by another patient")
    elif kind == "decision" and _taken(session, m.DecisionRow, own_id, values, "discussion_id"):
        problem = _TAKEN["decision", "discussion_id"]
    elif kind == "discussion" and _taken(
        session, m.CaseDiscussionRow, own_id, values, "meeting_id", "patient_id"
    ):
        problem = _TAKEN["discussion", "meeting_id"]
    if problem:
        raise ValidationError([problem])


def _taken(
    session: Session, row: Any, own_id: str, values: Mapping[str, object], *columns: str
) -> bool:
    """Another record of ``row``'s table holds these values in ``columns``."""
    same = [getattr(row, name) == values[name] for name in columns]
    return session.execute(select(row.id).where(*same, row.id != own_id)).first() is not None


def _flush(session: Session, kind: str, values: dict[str, object]) -> None:
    try:
        session.flush()
    except IntegrityError as exc:
        text = str(exc.orig).lower()
        if kind == "patient" and "mrn" in text:
            raise ValidationError(
                [FieldError("mrn", f"MRN: {values.get('mrn')} is already used by another patient")]
            ) from exc
        if (kind, _TAKEN_COLUMN.get(kind)) in _TAKEN and _TAKEN_COLUMN[kind] in text:
            raise ValidationError([_TAKEN[kind, _TAKEN_COLUMN[kind]]]) from exc
        raise


_TAKEN = {
    ("decision", "discussion_id"): FieldError(
        "discussion_id", "Case discussion: already has a decision (edit that one)"
    ),
    ("discussion", "meeting_id"): FieldError(
        "patient_id", "Patient: is already on this meeting's agenda"
    ),
}
"""What a unique constraint (one decision per discussion, a patient once per agenda) means."""
_TAKEN_COLUMN = {kind: column for kind, column in _TAKEN}


def affected_patients(session: Session, kind: str, values: dict[str, object]) -> set[str]:
    """Patients whose list columns may change when a record like ``values`` changes."""
    if kind == "meeting":
        ids = session.execute(
            select(m.CaseDiscussionRow.patient_id).where(
                m.CaseDiscussionRow.meeting_id == values.get("id")
            )
        ).scalars()
        return set(ids)
    patient = patient_of(session, kind, values)
    return {patient} if patient else set()


def create_in(session: Session, who: str, kind: str, values: Mapping[str, object]) -> str:
    """Create a record inside ``session``; returns its id."""
    info = kind_info(kind)
    raw = dict(values)
    new_id = str(raw.pop("id", None) or m.new_id())
    raw.pop("version", None)
    typed = typed_values(kind, raw)
    if kind == "meeting" and typed.get("status") is None:
        typed["status"] = MeetingStatus.PLANNED
    validate(kind, typed)
    check_refs(session, kind, typed)
    if info.meeting_scoped and kind not in ("meeting", "addendum"):  # addenda: always welcome
        check_open(session, meeting_of(session, kind, typed), f"This {info.noun}")
    if kind == "addendum" and typed.get("discussion_id"):
        discussion = get_row(session, "discussion", str(typed["discussion_id"]))
        if discussion.meeting_id != typed["meeting_id"]:
            raise ValidationError(
                [FieldError("discussion_id", "Case discussion: is not on this meeting's agenda")]
            )
    if kind == "discussion":
        if typed.get("position") is None:
            typed["position"] = _next_position(session, str(typed["meeting_id"]))
    _unique_checks(session, kind, typed, new_id)
    row = info.row(id=new_id)
    nullable = {c.name: c.nullable for c in info.row.__table__.columns}
    for name, value in typed.items():
        if value is None and not nullable.get(name, True):
            continue  # the column default applies
        setattr(row, name, to_column(kind, name, value))
    if kind == "meeting" and typed.get("status") == MeetingStatus.FINALIZED:
        row.finalized_at = datetime.now(UTC)
    _derive(session, kind, row, who)
    session.add(row)
    _flush(session, kind, typed)
    stored = record_values(kind, row)
    audit(
        session, who, kind, new_id, "create",
        {k: (None, v) for k, v in stored.items() if v not in (None, "", (), False)},
    )  # fmt: skip
    _refresh(session, kind, {**stored, "id": new_id})
    if kind == "decision":
        _mark_discussed(session, who, str(typed["discussion_id"]))
    return new_id


def _mark_discussed(session: Session, who: str, discussion_id: str) -> None:
    """A case with a recorded decision has been discussed: a pending agenda item says so
    (audited like any change); a deferred one keeps what the chair chose."""
    discussion = get_row(session, "discussion", discussion_id)
    if discussion.status == DiscussionStatus.PENDING:
        update_in(session, who, "discussion", discussion_id,
                  {"status": DiscussionStatus.DISCUSSED}, None)  # fmt: skip


def update_in(
    session: Session,
    who: str,
    kind: str,
    entity_id: str,
    changes: Mapping[str, object],
    expected_version: int | None,
) -> int:
    """Apply ``changes`` to a record inside ``session``; returns its new version."""
    info = kind_info(kind)
    if kind == "addendum":
        raise ValidationError(
            [FieldError("text", "Addendum: an addendum is not changed; add another one instead")]
        )
    row = get_row(session, kind, entity_id)
    if expected_version is not None and row.version != expected_version:
        raise StaleError()
    raw = dict(changes)
    if raw.pop("id", entity_id) != entity_id:
        raise ValidationError([FieldError("id", "id: a record's id cannot be changed")])
    raw.pop("version", None)
    typed = typed_values(kind, raw)
    before = record_values(kind, row)
    merged = {**before, **typed}
    validate(kind, merged)
    if info.meeting_scoped:
        what = f"This {info.noun}"
        check_open(session, meeting_of(session, kind, {**before, "id": entity_id}), what)
        check_open(session, meeting_of(session, kind, {**merged, "id": entity_id}), what)
    diff = {k: (before[k], merged[k]) for k in typed if before.get(k) != merged[k]}
    if not diff:
        return int(row.version)
    check_refs(session, kind, {k: merged[k] for k in diff})
    if kind == "meeting" and "status" in diff:
        _check_status_step(entity_id, before["status"], merged["status"])
    _unique_checks(session, kind, merged, entity_id)
    affected = affected_patients(session, kind, {**before, "id": entity_id})
    for name in diff:
        setattr(row, name, to_column(kind, name, merged[name]))
    if kind == "meeting" and "status" in diff and merged["status"] == MeetingStatus.FINALIZED:
        row.finalized_at = datetime.now(UTC)
    _derive(session, kind, row, who)
    _flush(session, kind, merged)
    after = record_values(kind, row)
    audit(session, who, kind, entity_id, "update", {k: (before[k], after[k]) for k in diff})
    if kind == "tumor" and {"primary_site", "histology"} & diff.keys():
        _regrade(session, who, entity_id)
    if diff.keys() & LIST_FIELDS.get(kind, set()) or kind == "tumor":
        affected |= affected_patients(session, kind, {**after, "id": entity_id})
        session.flush()
        refresh_patient_lists(session.connection(), affected)
    return int(row.version)


def _check_status_step(meeting_id: str, old: object, new: object) -> None:
    assert isinstance(old, MeetingStatus) and isinstance(new, MeetingStatus)
    if old == MeetingStatus.FINALIZED:
        raise FinalizedError(meeting_id, "This meeting")
    if new not in STATUS_STEPS[old]:
        raise ValidationError(
            [FieldError("status", f"Status: a meeting cannot go from {old.label} to {new.label}")]
        )


def _next_position(session: Session, meeting_id: str) -> int:
    last = session.execute(
        select(func.max(m.CaseDiscussionRow.position)).where(
            m.CaseDiscussionRow.meeting_id == meeting_id
        )
    ).scalar_one_or_none()
    return 0 if last is None else int(last) + 1


def _regrade(session: Session, who: str, tumor_id: str) -> None:
    """Re-derive the WHO grade of a tumor's specimens after its site or histology changed."""
    for path in session.scalars(select(m.PathologyRow).where(m.PathologyRow.tumor_id == tumor_id)):
        old: Grade = path.grade
        _derive(session, "pathology", path, who)
        if path.grade != old:
            audit(session, who, "pathology", path.id, "update", {"grade": (old, path.grade)})
    session.flush()


def _refresh(session: Session, kind: str, values: dict[str, object]) -> None:
    if kind in LIST_FIELDS:
        session.flush()
        refresh_patient_lists(session.connection(), affected_patients(session, kind, values))


# --- public --------------------------------------------------------------------------------


def create(store: Store, kind: str, values: Mapping[str, object]) -> str:
    """Validate and store a new record of ``kind``; returns its id (``values`` may carry one)."""
    with store.unit_of_work() as session:
        return create_in(session, store.user, kind, values)


def update(
    store: Store,
    kind: str,
    entity_id: str,
    changes: Mapping[str, object],
    *,
    expected_version: int,
) -> int:
    """Change fields of a record read at ``expected_version``; returns the new version.

    ConflictError (nothing written) when someone changed the record since it was read.
    """
    try:
        with store.unit_of_work() as session:
            return update_in(session, store.user, kind, entity_id, changes, expected_version)
    except (StaleError, StaleDataError):
        raise conflict(store, kind, entity_id) from None
