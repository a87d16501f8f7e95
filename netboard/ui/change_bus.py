"""What changed, announced once: views refresh only what a Change names.

Every write from the window goes through ``ui.operations``; after the database has committed, the
operation announces a ``Change`` on the bus. Views listen and reload just the patient or meeting
they show, instead of rebuilding everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from netboard.domain.changes import ChangeSet

ACTIONS = ("create", "update", "delete", "reload")


@dataclass(frozen=True, slots=True)
class Change:
    """One committed change: the entity kind, its id, what happened and whose data it touches."""

    kind: str
    entity_id: str
    action: str
    """'create', 'update', 'delete' or 'reload' (everything may have changed: reread)."""
    patient_id: str | None = None
    meeting_id: str | None = None
    changes: ChangeSet | None = field(default=None, compare=False)
    """What the database says the write changed (None: not known, e.g. a reload); extra
    information, not part of which change this is (equality ignores it)."""

    @property
    def clinical(self) -> bool:
        """A record of a patient's file may have changed (True when not known)."""
        return self.changes is None or self.changes.clinical

    @property
    def lists(self) -> bool:
        """The patient list's columns may have changed (True when not known)."""
        return self.changes is None or self.changes.lists

    def touches_patient(self, patient_id: str | None) -> bool:
        """True when a view showing ``patient_id`` needs to reread (reload touches everything)."""
        if self.action == "reload":
            return True
        if patient_id is None:
            return False
        return (
            self.patient_id == patient_id
            or (self.kind == "patient" and self.entity_id == patient_id)
            or (self.changes is not None and self.changes.touches_patient(patient_id))
        )

    def touches_meeting(self, meeting_id: str | None) -> bool:
        """True when a view showing ``meeting_id`` needs to reread."""
        if self.action == "reload":
            return True
        if meeting_id is None:
            return False
        return (
            self.meeting_id == meeting_id
            or (self.kind == "meeting" and self.entity_id == meeting_id)
            or (self.changes is not None and self.changes.touches_meeting(meeting_id))
        )


RELOAD_ALL = Change(kind="database", entity_id="", action="reload")
"""Announced after another database was opened or a conflict asked for a reload."""


class ChangeBus(QObject):
    """Carries ``Change`` announcements from operations to every view that cares."""

    changed = Signal(object)

    def announce(self, change: Change) -> None:
        if change.action not in ACTIONS:
            raise ValueError(f"unknown change action {change.action!r}")
        self.changed.emit(change)
