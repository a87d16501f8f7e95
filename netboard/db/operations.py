"""Writes: each validates (domain.validation), changes, records an audit entry and commits — one
unit of work per call. Errors: ValidationError, NotFoundError, ConflictError, FinalizedError,
InUseError.

Record kinds: patient, tumor, pathology, staging, imaging, lab, performance, therapy, toxicity,
meeting, attendance, discussion, option, decision, action, addendum. Values use snapshot field
names (enumerations as members or their values; dates as ``date``).
"""

from __future__ import annotations

from netboard.db.operations_audit import record_bulk_load, record_export, record_print
from netboard.db.operations_delete import Deleted, delete, restore
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
    "set_meeting_status",
    "update",
]
