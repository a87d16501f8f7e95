"""Case snapshots for the patients on an agenda, read once and dropped when they change."""

from __future__ import annotations

from netboard.domain.snapshot import CaseSnapshot
from netboard.ui.change_bus import Change
from netboard.ui.context import AppContext


class CaseCache:
    """``get(patient_id)`` reads through ``queries.get_case``; ``changed`` forgets touched cases."""

    def __init__(self, context: AppContext) -> None:
        self.context = context
        self._cases: dict[str, CaseSnapshot] = {}

    def get(self, patient_id: str) -> CaseSnapshot:
        found = self._cases.get(patient_id)
        if found is None:
            from netboard.db import queries

            found = queries.get_case(self.context.store, patient_id)
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
