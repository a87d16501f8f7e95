"""Compare-and-set per field: the write behind live typing.

A clinician types the decision while the board talks; each debounced save changes one or two
text fields of one record. ``set_fields`` writes them only where each field still holds the value
the writer last saw: one UPDATE (which also refuses a finalized meeting and returns the new
version and whose record it is), the audit chain's tail, one audit INSERT. Someone else's change
of *another* field of the record is no conflict; a change of the same field is, and the
``FieldConflictError`` names it without reading the meeting again.

Fields that derive others or move a record in the patient list (references, list columns, a
meeting's status) go through ``update`` inside the same unit of work instead, with the same
per-field check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Table, and_, select, update
from sqlalchemy.orm import Session

from netboard.db import models as m
from netboard.db.errors import ConflictError, FieldConflictError
from netboard.db.operations_changes import LIST_FIELDS, amend_last, tracked
from netboard.db.operations_kinds import (
    REF_KIND,
    audit,
    check_open,
    conflict,
    get_row,
    kind_info,
    meeting_of,
    record_values,
)
from netboard.db.operations_write import typed_values, update_in
from netboard.db.store import Store
from netboard.domain.changes import NO_CHANGE, ChangeSet
from netboard.domain.validation import CROSS_FIELDS, label, validate_fields
from netboard.domain.vocab import MeetingStatus

FAST_KINDS = frozenset({"decision", "discussion", "option", "action", "attendance"})
"""Kinds whose plain fields are written by one compare-and-set UPDATE."""

_DISCUSSION = m.CaseDiscussionRow.__table__
_MEETING = m.MeetingRow.__table__


@dataclass(frozen=True)
class _Write:
    """One compare-and-set: the fields' new values (``typed``) and those the writer saw."""

    kind: str
    entity_id: str
    typed: Mapping[str, object]
    seen: Mapping[str, object]


def set_fields(
    store: Store,
    kind: str,
    entity_id: str,
    changes: Mapping[str, object],
    *,
    expected: Mapping[str, object],
) -> ChangeSet:
    """Write ``changes`` where each field still holds its ``expected`` value; returns what
    changed (``NO_CHANGE`` when nothing differs).

    FieldConflictError (nothing written) names the first field someone else changed;
    FinalizedError, NotFoundError and ValidationError as for ``update``.
    """
    typed = typed_values(kind, changes)
    seen = typed_values(kind, {k: expected[k] for k in typed if k in expected})
    missing = sorted(set(typed) - set(seen))
    if missing:
        raise ValueError(f"set_fields: no expected value for {', '.join(missing)}")
    if all(seen[k] == typed[k] for k in typed):
        return NO_CHANGE
    try:
        write = _Write(kind, entity_id, typed, seen)
        with tracked() as log:
            with store.unit_of_work() as session:
                if _fast(kind, typed):
                    validate_fields(kind, typed)
                    _compare_and_set(session, store.user, write)
                else:
                    _checked_update(session, store.user, write)
            return log.result
    except FieldConflictError as exc:
        raise _named(store, exc) from None


def _fast(kind: str, typed: Mapping[str, object]) -> bool:
    if kind not in FAST_KINDS:
        return False
    slow = LIST_FIELDS.get(kind, frozenset()) | CROSS_FIELDS.get(kind, frozenset())
    return not any(name in REF_KIND or name in slow or name == "id" for name in typed)


def _open_meeting_clause(kind: str, table: Table) -> Any:
    """The record's meeting is not finalized (a condition of the UPDATE)."""
    open_meetings = select(_MEETING.c.id).where(_MEETING.c.status != MeetingStatus.FINALIZED)
    if "meeting_id" in table.c:
        return table.c.meeting_id.in_(open_meetings)
    open_discussions = select(_DISCUSSION.c.id).where(_DISCUSSION.c.meeting_id.in_(open_meetings))
    return table.c.discussion_id.in_(open_discussions)


def _owner_columns(table: Table) -> tuple[Any, Any]:
    """(patient id, meeting id) of the updated row, as RETURNING expressions."""
    if "discussion_id" not in table.c:
        patient = table.c.patient_id if "patient_id" in table.c else None
        return patient, table.c.meeting_id
    of_discussion = _DISCUSSION.c.id == table.c.discussion_id
    return (
        select(_DISCUSSION.c.patient_id).where(of_discussion).scalar_subquery(),
        select(_DISCUSSION.c.meeting_id).where(of_discussion).scalar_subquery(),
    )


def _compare_and_set(session: Session, who: str, write: _Write) -> None:
    kind, typed, seen = write.kind, write.typed, write.seen
    table: Table = kind_info(kind).row.__table__
    patient, meeting = _owner_columns(table)
    returning = [table.c.version, meeting] + ([patient] if patient is not None else [])
    statement = (
        update(table)
        .where(
            and_(
                table.c.id == write.entity_id,
                _open_meeting_clause(kind, table),
                *(table.c[name].is_not_distinct_from(seen[name]) for name in typed),
            )
        )
        .values({**typed, "version": table.c.version + 1, "updated_at": m.utcnow()})
        .returning(*returning)
    )
    row = session.execute(statement).first()
    if row is None:
        _refused(session, write)
    diff = {k: (seen[k], typed[k]) for k in typed if seen[k] != typed[k]}
    audit(session, who, kind, write.entity_id, "update", diff)
    patient_id = row[2] if len(row) > 2 else None
    amend_last(session, version=int(row[0]), patient=patient_id, meeting=row[1])


def _refused(session: Session, write: _Write) -> NoReturn:
    """Why the compare-and-set wrote nothing: gone, finalized, or which field differs."""
    kind, entity_id = write.kind, write.entity_id
    session.expire_all()
    row = get_row(session, kind, entity_id)  # NotFoundError
    stored = record_values(kind, row)
    meeting_id = meeting_of(session, kind, {**stored, "id": entity_id})
    check_open(session, meeting_id, f"This {kind_info(kind).noun}")
    _check_fields(write, stored)
    raise ConflictError(kind, entity_id, None, None)  # pragma: no cover - changed and back


def _check_fields(write: _Write, stored: Mapping[str, object]) -> None:
    """FieldConflictError for the first field whose stored value is not the one seen."""
    for name in write.typed:
        if stored.get(name) != write.seen[name]:
            raise FieldConflictError(
                write.kind, write.entity_id, name, label(write.kind, name), stored.get(name),
                None, None,
            )  # fmt: skip


def _checked_update(session: Session, who: str, write: _Write) -> None:
    """The general update, refused per field like the compare-and-set."""
    row = get_row(session, write.kind, write.entity_id)
    _check_fields(write, record_values(write.kind, row))
    update_in(session, who, write.kind, write.entity_id, write.typed, None)


def _named(store: Store, error: FieldConflictError) -> FieldConflictError:
    """The same conflict with who changed the record last and when (from the audit log)."""
    general = conflict(store, error.entity, error.entity_id)
    return FieldConflictError(
        error.entity, error.entity_id, error.field, error.label, error.current,
        general.who, general.when,
    )  # fmt: skip

