"""Undoable meeting operations that are more than one create/update/delete.

Each is a ``UiOperations`` command: ``apply`` runs once before the command reaches the undo stack
(so its errors reach the caller) and again on redo; ``revert`` undoes it. Both return the changes
to announce. Status changes and addenda are deliberately not here: finalizing is not undone, and an
addendum is append-only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from netboard.db import operations as db_ops
from netboard.ui.change_bus import Change
from netboard.ui.operations import OperationCommand

if TYPE_CHECKING:
    from netboard.db.store import Store


class AddToAgendaCommand(OperationCommand):
    """Append a patient to a meeting's agenda; undo removes the item (redo restores the same id)."""

    def __init__(
        self, meeting_id: str, patient_id: str, values: dict[str, Any], *, text: str
    ) -> None:
        super().__init__(text)
        self.meeting_id = meeting_id
        self.patient_id = patient_id
        self.values = dict(values)
        self.discussion_id: str | None = None
        self._deleted: Any = None

    def _change(self, action: str) -> Change:
        assert self.discussion_id is not None
        return Change("discussion", self.discussion_id, action, self.patient_id, self.meeting_id)

    def apply(self, store: Store) -> Iterable[Change]:
        if self._deleted is not None:
            db_ops.restore(store, self._deleted)
            self._deleted = None
        else:
            self.discussion_id = db_ops.add_to_agenda(
                store, self.meeting_id, self.patient_id, **self.values
            )
        return [self._change("create")]

    def revert(self, store: Store) -> Iterable[Change]:
        assert self.discussion_id is not None
        self._deleted = db_ops.delete(
            store, "discussion", self.discussion_id, expected_version=None
        )
        return [self._change("delete")]


class MoveAgendaCommand(OperationCommand):
    """Move an agenda item to another position; undo moves it back."""

    def __init__(
        self,
        discussion_id: str,
        old_position: int,
        new_position: int,
        *,
        patient_id: str,
        meeting_id: str,
        text: str,
    ) -> None:
        super().__init__(text)
        self.discussion_id = discussion_id
        self.old_position = old_position
        self.new_position = new_position
        self.patient_id = patient_id
        self.meeting_id = meeting_id

    def _change(self) -> Change:
        return Change("discussion", self.discussion_id, "update", self.patient_id, self.meeting_id)

    def apply(self, store: Store) -> Iterable[Change]:
        db_ops.move_agenda_item(store, self.discussion_id, self.new_position)
        return [self._change()]

    def revert(self, store: Store) -> Iterable[Change]:
        db_ops.move_agenda_item(store, self.discussion_id, self.old_position)
        return [self._change()]


class CourseFromDecisionCommand(OperationCommand):
    """Turn the board's recommended option into a planned therapy course linked to the decision."""

    def __init__(
        self,
        decision_id: str,
        option_id: str,
        start_date: date,
        *,
        patient_id: str,
        meeting_id: str,
        text: str,
    ) -> None:
        super().__init__(text)
        self.decision_id = decision_id
        self.option_id = option_id
        self.start_date = start_date
        self.patient_id = patient_id
        self.meeting_id = meeting_id
        self.course_id: str | None = None
        self._deleted: Any = None

    def _changes(self, action: str) -> list[Change]:
        assert self.course_id is not None
        return [
            Change("therapy", self.course_id, action, self.patient_id, None),
            Change("decision", self.decision_id, "update", self.patient_id, self.meeting_id),
        ]

    def apply(self, store: Store) -> Iterable[Change]:
        if self._deleted is not None:
            db_ops.restore(store, self._deleted)
            self._deleted = None
        else:
            self.course_id = db_ops.course_from_decision(
                store, self.decision_id, self.option_id, self.start_date
            )
        return self._changes("create")

    def revert(self, store: Store) -> Iterable[Change]:
        assert self.course_id is not None
        self._deleted = db_ops.delete(store, "therapy", self.course_id, expected_version=None)
        return self._changes("delete")
