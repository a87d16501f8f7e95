"""What one committed write changed: the change set every database write reports.

A write (``db.operations``) knows exactly which records it touched; it says so in a ``ChangeSet``
so that whoever shows those records refreshes only what changed (the open meeting patches one
decision's text in place instead of reading the whole meeting again; the considerations run again
only when a clinical record changed). Pure data: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

CLINICAL_KINDS = frozenset(
    {"patient", "tumor", "pathology", "staging", "imaging", "lab", "performance", "therapy",
     "toxicity"}
)  # fmt: skip
"""Records of the patient's file: a change to one can change what the considerations say."""

MEETING_KINDS = frozenset(
    {"meeting", "attendance", "discussion", "option", "decision", "action", "addendum"}
)
"""Records of a meeting's record (the agenda, what the board discussed and decided)."""

ACTIONS = frozenset({"create", "update", "delete", "restore", "status", "bulk"})
"""What can happen to a record in a change set (the audit log's actions that change data)."""

_EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Touched:
    """One record a write changed."""

    kind: str
    entity_id: str
    action: str
    """'create', 'update', 'delete', 'restore', 'status' (an action item ticked) or 'bulk'."""
    version: int | None = None
    """The record's version after the write (None when it is gone or was not read)."""
    values: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    """For an update: the new value of each changed field (snapshot field names, typed)."""

    @property
    def fields(self) -> frozenset[str]:
        return frozenset(self.values)

    @property
    def clinical(self) -> bool:
        return self.kind in CLINICAL_KINDS


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """Everything one committed write changed."""

    records: tuple[Touched, ...] = ()
    patients: frozenset[str] = frozenset()
    """Patients whose file or meeting record was touched."""
    meetings: frozenset[str] = frozenset()
    """Meetings whose record was touched."""
    lists: bool = False
    """The patient list's columns (site, grade, Ki-67, next review, name...) may have changed."""

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.entity_id for r in self.records)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(r.kind for r in self.records)

    @property
    def clinical(self) -> bool:
        """A record of a patient's file changed (the considerations may say something else)."""
        return any(r.clinical for r in self.records)

    @property
    def empty(self) -> bool:
        return not self.records

    def version_of(self, entity_id: str) -> int | None:
        """The newest version of ``entity_id`` this change set knows (None: not touched)."""
        found = None
        for record in self.records:
            if record.entity_id == entity_id and record.version is not None:
                found = record.version
        return found

    def touches_patient(self, patient_id: str | None) -> bool:
        return patient_id is not None and patient_id in self.patients

    def touches_meeting(self, meeting_id: str | None) -> bool:
        return meeting_id is not None and meeting_id in self.meetings

    def only_field_updates(self) -> bool:
        """Every record was updated in place with known new values (nothing added or removed)."""
        return bool(self.records) and all(
            r.action in ("update", "status") and r.values for r in self.records
        )

    def __or__(self, other: ChangeSet) -> ChangeSet:
        return merge((self, other))


def merge(sets: Iterable[ChangeSet]) -> ChangeSet:
    """One change set for several writes (in order)."""
    records: list[Touched] = []
    patients: set[str] = set()
    meetings: set[str] = set()
    lists = False
    for one in sets:
        records.extend(one.records)
        patients |= one.patients
        meetings |= one.meetings
        lists = lists or one.lists
    return ChangeSet(tuple(records), frozenset(patients), frozenset(meetings), lists)


NO_CHANGE = ChangeSet()
