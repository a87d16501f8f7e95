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
from netboard.ui.operations import CreateCommand, RecordCommand, Target

if TYPE_CHECKING:
    from netboard.db.store import Store


class AddToAgendaCommand(CreateCommand):
    """Append a patient to a meeting's agenda; undo removes the item (redo restores the same id)."""

    def __init__(
        self, meeting_id: str, patient_id: str, values: dict[str, Any], *, text: str
    ) -> None:
        super().__init__(Target("discussion", None, patient_id, meeting_id), values, text=text)

    @property
    def discussion_id(self) -> str | None:
        return self.entity_id

    def _create(self, store: Store) -> str:
        assert self.meeting_id is not None and self.patient_id is not None
        return db_ops.add_to_agenda(store, self.meeting_id, self.patient_id, **self.values)


class MoveAgendaCommand(RecordCommand):
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
        super().__init__(text, Target("discussion", discussion_id, patient_id, meeting_id))
        self.discussion_id = discussion_id
        self.old_position = old_position
        self.new_position = new_position

    def apply(self, store: Store) -> Iterable[Change]:
        db_ops.move_agenda_item(store, self.discussion_id, self.new_position)
        return [self._change("update")]

    def revert(self, store: Store) -> Iterable[Change]:
        db_ops.move_agenda_item(store, self.discussion_id, self.old_position)
        return [self._change("update")]


class CourseFromDecisionCommand(CreateCommand):
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
        super().__init__(Target("therapy", None, patient_id), {}, text=text)
        self.decision_id = decision_id
        self.option_id = option_id
        self.start_date = start_date
        self.decision_meeting_id = meeting_id

    @property
    def course_id(self) -> str | None:
        return self.entity_id

    def _create(self, store: Store) -> str:
        return db_ops.course_from_decision(
            store, self.decision_id, self.option_id, self.start_date
        )

    def _changes(self, action: str) -> list[Change]:
        decision = Change(
            "decision", self.decision_id, "update", self.patient_id, self.decision_meeting_id
        )
        return [*super()._changes(action), decision]
