"""The open meeting and the cases on its agenda, kept current from change sets (no Qt).

The meeting window shows one meeting and, for its agenda, the patients' case snapshots and what
the considerations engine says about them. These objects hold those snapshots and assessments
and, when a write reports its ``ChangeSet``, refresh only what it touched: a decision's text is
written into the snapshot in memory; a clinical record read again and assessed again; anything
they cannot patch is read again through the reader they were given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from netboard.domain.board.patching import patch_discussions, patch_meeting_all, patchable
from netboard.domain.changes import ChangeSet
from netboard.domain.meeting_records import case_for_meeting, records_day
from netboard.domain.snapshot import CaseSnapshot, Meeting, MeetingSnapshot

CaseReader = Callable[[str], CaseSnapshot]
"""Reads a patient's case snapshot (raises the store's NotFoundError when gone)."""
Assessor = Callable[[CaseSnapshot, date, str], Any]
"""Assesses a case for a day and a question (the considerations engine)."""


class OpenMeeting:
    """The open meeting's snapshot."""

    def __init__(self, snapshot: MeetingSnapshot) -> None:
        self.snapshot = snapshot

    @property
    def patient_ids(self) -> frozenset[str]:
        return frozenset(i.discussion.patient_id for i in self.snapshot.agenda)

    def concerns(self, changes: ChangeSet) -> bool:
        """Whether ``changes`` touched this meeting or a patient on its agenda."""
        return changes.touches_meeting(self.snapshot.meeting.id) or bool(
            changes.patients & self.patient_ids
        )

    def apply(self, changes: ChangeSet) -> bool:
        """Write ``changes`` into the snapshot; False when it has to be read again."""
        patched = patch_meeting_all(self.snapshot, changes) if not changes.clinical else None
        if patched is None:
            return False
        self.snapshot = patched
        return True


class OpenCases:
    """Case snapshots of the agenda's patients, read once, and their assessments, computed once
    per day and question until a clinical record of that patient changes."""

    def __init__(self, read: CaseReader, assess: Assessor) -> None:
        self._read = read
        self._assess = assess
        self._cases: dict[str, CaseSnapshot] = {}
        self._assessments: dict[tuple[str, date, str], Any] = {}
        self.reads = 0
        """How many case snapshots were read (for tests and the benchmark)."""
        self.generation = 0
        """Goes up whenever a case or assessment is forgotten (what depends on them is stale)."""

    def get(self, patient_id: str) -> CaseSnapshot:
        found = self._cases.get(patient_id)
        if found is None:
            found = self._read(patient_id)
            self.reads += 1
            self._cases[patient_id] = found
        return found

    def assessment(self, patient_id: str, today: date, question: str) -> Any:
        """The considerations for the case, computed once per (day, question) and record."""
        key = (patient_id, today, question)
        if key not in self._assessments:
            self._assessments[key] = self._assess(self.get(patient_id), today, question)
        return self._assessments[key]

    def apply(self, changes: ChangeSet) -> None:
        """Patch the cases a field update of a meeting record touched; forget the others."""
        for patient_id in changes.patients & self._cases.keys():
            case = self._patched(self._cases[patient_id], changes)
            if case is None:
                self.forget(patient_id)
            else:
                self._cases[patient_id] = case

    @staticmethod
    def _patched(case: CaseSnapshot, changes: ChangeSet) -> CaseSnapshot | None:
        if changes.clinical:
            return None
        discussions = case.discussions
        for touched in changes.records:
            if not patchable(touched) or touched.kind in ("meeting", "attendance"):
                return None
            discussions, _found = patch_discussions(discussions, touched)
        return replace(case, discussions=discussions)

    def cached(self) -> tuple[str, ...]:
        return tuple(self._cases)

    def forget(self, patient_id: str) -> None:
        self.generation += 1
        self._cases.pop(patient_id, None)
        for key in [k for k in self._assessments if k[0] == patient_id]:
            del self._assessments[key]

    def clear(self) -> None:
        self.generation += 1
        self._cases.clear()
        self._assessments.clear()


class MeetingCases(OpenCases):
    """The agenda's cases as the open meeting shows them (``domain.meeting_records``): once the
    meeting is finalized, each as it stood on the meeting's day, the records its summary prints."""

    def __init__(self, read: CaseReader, assess: Assessor) -> None:
        super().__init__(self._read_for_meeting, assess)
        self._read_now = read
        self.meeting: Meeting | None = None

    def _read_for_meeting(self, patient_id: str) -> CaseSnapshot:
        found = self._read_now(patient_id)
        return case_for_meeting(found, self.meeting) if self.meeting is not None else found

    def set_meeting(self, meeting: Meeting | None) -> None:
        """The meeting the cases are shown for; another meeting, or the same one finalized or
        opened again (another records day), forgets every case."""
        before = records_day(self.meeting) if self.meeting is not None else None
        after = records_day(meeting) if meeting is not None else None
        if meeting is None or self.meeting is None or meeting.id != self.meeting.id or (
            before != after
        ):
            self.clear()
        self.meeting = meeting

    def changed(
        self, changes: ChangeSet | None, patient_id: str | None, touches: Callable[[str], bool]
    ) -> None:
        """A committed write: ``changes`` what the database said it changed (None: not known),
        ``patient_id`` the patient the write named, ``touches(patient_id)`` whether it may have
        changed that patient's case. Patches what the change set allows, forgets the rest."""
        if changes is not None:
            self.apply(changes)
        for cached in self.cached():
            if changes is None and touches(cached):
                self.forget(cached)
            elif changes is not None and patient_id == cached and cached not in changes.patients:
                self.forget(cached)  # the database did not say; read it again
