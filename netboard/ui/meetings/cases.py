"""Case snapshots and assessments for the patients on an agenda (``domain.board.OpenCases``),
read through ``queries.get_case`` and kept current from the change sets the bus carries.

Each case is the one the open meeting shows (``domain.meeting_records``): once the meeting is
finalized, as it stood on the meeting's day, the same records its summary prints.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netboard.domain.board.open_meeting import OpenCases
from netboard.domain.meeting_records import case_for_meeting, records_day
from netboard.domain.snapshot import CaseSnapshot, Meeting
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext


class CaseCache:
    """``get(patient_id)`` reads a case once; ``assessment`` runs the considerations once per
    day and question; ``changed`` patches or forgets what a change touched."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.meeting: Meeting | None = None
        self.state = OpenCases(self._read, self._assess)

    def set_meeting(self, meeting: Meeting | None) -> None:
        """The meeting the cases are shown for (finalizing it changes which records show)."""
        before = records_day(self.meeting) if self.meeting is not None else None
        after = records_day(meeting) if meeting is not None else None
        if meeting is None or self.meeting is None or meeting.id != self.meeting.id or (
            before != after
        ):
            self.state.clear()
        self.meeting = meeting

    def _read(self, patient_id: str) -> CaseSnapshot:
        from netboard.db import queries

        found = queries.get_case(self.context.store, patient_id)
        return case_for_meeting(found, self.meeting) if self.meeting is not None else found

    def _assess(self, case: CaseSnapshot, today: date, question: str) -> Any:
        from netboard.domain.considerations import considerations

        return considerations(case, today, self.context.catalog, question=question)

    def get(self, patient_id: str) -> CaseSnapshot:
        return self.state.get(patient_id)

    def assessment(self, patient_id: str, today: date, question: str) -> Any:
        """The considerations for ``patient_id``'s case (raises what reading the case raises)."""
        return self.state.assessment(patient_id, today, question)

    def changed(self, change: Change) -> None:
        if change.action == "reload":
            self.state.clear()
            return
        if change.changes is not None:
            self.state.apply(change.changes)
        for patient_id in self.state.cached():
            if change.changes is None and change.touches_patient(patient_id):
                self.state.forget(patient_id)
            elif change.patient_id == patient_id and change.changes is not None and (
                patient_id not in change.changes.patients
            ):
                self.state.forget(patient_id)  # the database did not say; read it again

    def clear(self) -> None:
        self.state.clear()
