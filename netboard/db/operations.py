"""Writes: each validates (domain.validation), changes, records an audit entry and commits — one
unit of work per call. Errors: ValidationError, NotFoundError, ConflictError, FinalizedError,
InUseError
(``FieldConflictError``, a ConflictError naming the field, from ``set_fields``).

What a write changed: ``set_fields`` returns a ``domain.changes.ChangeSet``; every other write
reports its change set to the ``tracked()`` block around it (``with tracked() as log: ...;
log.result``) — the window's operations announce those.

Record kinds: patient, tumor, pathology, staging, imaging, lab, performance, therapy, toxicity,
meeting, attendance, discussion, option, decision, action, addendum. Values use snapshot field
names (enumerations as members or their values; dates as ``date``).
"""

from __future__ import annotations

from netboard.db.operations_audit import record_bulk_load, record_export, record_print
from netboard.db.operations_changes import tracked
from netboard.db.operations_delete import Deleted, delete, restore
from netboard.db.operations_fields import set_fields
from netboard.db.operations_kinds import KINDS
from netboard.db.operations_lists import refresh_patient_lists
from netboard.db.operations_meetings import (
    add_addendum,
    add_to_agenda,
    course_from_decision,
    move_agenda_item,
    set_action_done,
    set_meeting_status,
)
from netboard.db.operations_write import STATUS_STEPS, create, update

__all__ = [
    "KINDS",
    "STATUS_STEPS",
    "Deleted",
    "add_addendum",
    "add_to_agenda",
    "course_from_decision",
    "create",
    "delete",
    "move_agenda_item",
    "record_bulk_load",
    "record_export",
    "record_print",
    "refresh_patient_lists",
    "restore",
    "set_action_done",
    "set_fields",
    "set_meeting_status",
    "tracked",
    "update",
]
