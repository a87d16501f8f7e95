"""Change sets: every write notes what it touched, and the caller gets it once the write commits.

Every change of data passes through ``operations_kinds.audit`` (the hash-chained audit log); that
is where a ``Touched`` record is noted in the unit of work. When the unit of work commits, the
notes become one ``domain.changes.ChangeSet``. Writes that return a change set (``set_fields``)
build it directly; for the others, ``tracked()`` collects the change sets of the writes made
inside it (the window's operations use it, so each undoable step announces what it changed).
A write that rolls back reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from netboard.db import models as m
from netboard.domain.changes import ACTIONS, ChangeSet, Touched, merge

LIST_FIELDS: dict[str, frozenset[str]] = {
    "tumor": frozenset({"primary_site", "diagnosis_date", "patient_id"}),
    "pathology": frozenset({"date", "ki67", "mitoses", "differentiation", "necrosis", "tumor_id"}),
    "decision": frozenset({"next_review", "discussion_id"}),
    "discussion": frozenset({"patient_id", "meeting_id", "position"}),
    "meeting": frozenset({"starts_at"}),
}
"""Fields whose change can alter a patient's list columns (site, grade, Ki-67, review, agenda)."""

_NOTES = "netboard_change_notes"

_PARENTS = (("tumor_id", m.TumorRow), ("course_id", m.TherapyCourseRow),
            ("discussion_id", m.CaseDiscussionRow))  # fmt: skip


def amend_last(
    session: Session, *, version: int | None, patient: str | None, meeting: str | None
) -> None:
    """Complete the last note of this unit of work (a write made without loading the row)."""
    notes = session.info.get(_NOTES)
    if not notes:
        return
    touched, old_patient, old_meeting = notes[-1]
    notes[-1] = (
        Touched(touched.kind, touched.entity_id, touched.action, version, touched.values),
        _text(patient) or old_patient,
        _text(meeting) or old_meeting,
    )


class ChangeLog:
    """The change sets of the writes committed inside one ``tracked()`` block."""

    def __init__(self) -> None:
        self.sets: list[ChangeSet] = []

    @property
    def result(self) -> ChangeSet:
        return merge(self.sets)


_active: ContextVar[tuple[ChangeLog, ...]] = ContextVar("netboard_change_logs", default=())


@contextmanager
def tracked() -> Iterator[ChangeLog]:
    """Collect what the writes inside the block changed (in this thread or task only; blocks
    may nest: each collects what was committed inside it)."""
    log = ChangeLog()
    token = _active.set((*_active.get(), log))
    try:
        yield log
    finally:
        _active.reset(token)


def lists_changed(kind: str, action: str, fields: frozenset[str]) -> bool:
    """Whether a write like this can change what the patient list shows."""
    if kind == "patient":
        return True
    if kind not in LIST_FIELDS:
        return False
    return action != "update" or bool(fields & LIST_FIELDS[kind]) or kind == "tumor"


def note(
    session: Session,
    kind: str,
    entity_id: str,
    action: str,
    changes: Mapping[str, tuple[object, object]],
) -> None:
    """Remember, in this unit of work, that ``entity_id`` was changed (called by ``audit``)."""
    if action not in ACTIONS:
        return  # exports and prints are audited but change nothing
    row = _loaded(session, kind, entity_id)
    values = {k: after for k, (_before, after) in changes.items()} if action in (
        "update", "status") else {}  # fmt: skip
    touched = Touched(kind, entity_id, action, _version(row, action), values)
    patient, meeting = owners(session, kind, entity_id, row, changes)
    session.info.setdefault(_NOTES, []).append((touched, patient, meeting))


def owners(
    session: Session,
    kind: str,
    entity_id: str,
    row: Any,
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> tuple[str | None, str | None]:
    """(patient, meeting) a record belongs to, from the loaded row or the audited values."""
    known: dict[str, Any] = {}
    for name, (before, after) in (changes or {}).items():
        known[name] = after if after is not None else before
    if row is not None:
        for name in ("patient_id", "meeting_id", "tumor_id", "course_id", "discussion_id"):
            if hasattr(row, name):
                known[name] = getattr(row, name)
    patient = entity_id if kind == "patient" else known.get("patient_id")
    meeting = entity_id if kind == "meeting" else known.get("meeting_id")
    for name, parent_class in _PARENTS:
        if (patient is None or meeting is None) and known.get(name):
            parent = session.get(parent_class, known[name])
            patient = patient or getattr(parent, "patient_id", None)
            meeting = meeting or getattr(parent, "meeting_id", None)
    return _text(patient), _text(meeting)


def _loaded(session: Session, kind: str, entity_id: str) -> Any:
    """The row if this unit of work has it in memory (no query)."""
    from netboard.db.operations_kinds import kind_info

    try:
        row_class = kind_info(kind).row
    except ValueError:
        return None
    return session.identity_map.get(identity_key(row_class, entity_id))


def _version(row: Any, action: str) -> int | None:
    if row is None or action == "delete":
        return None
    version = getattr(row, "version", None)
    return int(version) if version is not None else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def build(notes: list[tuple[Touched, str | None, str | None]]) -> ChangeSet:
    """One change set from the notes of a unit of work."""
    return ChangeSet(
        records=tuple(t for t, _p, _m in notes),
        patients=frozenset(p for _t, p, _m in notes if p),
        meetings=frozenset(mt for _t, _p, mt in notes if mt),
        lists=any(lists_changed(t.kind, t.action, t.fields) for t, _p, _m in notes),
    )


def report(change_set: ChangeSet) -> None:
    """Hand a committed change set to the ``tracked()`` block around the write, if any."""
    if change_set.empty:
        return
    for log in _active.get():
        log.sets.append(change_set)


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    notes = session.info.pop(_NOTES, None)
    if notes:
        report(build(notes))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, _previous: Any) -> None:
    session.info.pop(_NOTES, None)
