"""Case snapshots for the patients on an agenda, read once and dropped when they change.

Each case is the one the open meeting shows (``domain.meeting_records``): once the meeting is
finalized, as it stood on the meeting's day, the same records its summary prints.
"""

from __future__ import annotations

from netboard.domain.meeting_records import case_for_meeting, records_day
from netboard.domain.snapshot import CaseSnapshot, Meeting
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext


class CaseCache:
    """``get(patient_id)`` reads through ``queries.get_case``; ``changed`` forgets touched cases."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self.meeting: Meeting | None = None
        self._cases: dict[str, CaseSnapshot] = {}

    def set_meeting(self, meeting: Meeting | None) -> None:
        """The meeting the cases are shown for (finalizing it changes which records show)."""
        before = records_day(self.meeting) if self.meeting is not None else None
        after = records_day(meeting) if meeting is not None else None
        if meeting is None or self.meeting is None or meeting.id != self.meeting.id or (
            before != after
        ):
            self._cases.clear()
        self.meeting = meeting

    def get(self, patient_id: str) -> CaseSnapshot:
        found = self._cases.get(patient_id)
        if found is None:
            from netboard.db import queries

            found = queries.get_case(self.context.store, patient_id)
            if self.meeting is not None:
                found = case_for_meeting(found, self.meeting)
            self._cases[patient_id] = found
        return found

    def changed(self, change: Change) -> None:
        if change.action == "reload":
            self._cases.clear()
            return
        for patient_id in list(self._cases):
            if change.touches_patient(patient_id):
                del self._cases[patient_id]

    def clear(self) -> None:
        self._cases.clear()
