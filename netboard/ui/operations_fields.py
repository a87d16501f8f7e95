"""The undoable step behind live typing: a compare-and-set of a few fields of one record."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from netboard.db import operations as db_ops
from netboard.domain.changes import NO_CHANGE, ChangeSet
from netboard.ui.change_bus import Change
from netboard.ui.operations import OperationCommand

if TYPE_CHECKING:
    from netboard.db.store import Store


class FieldsCommand(OperationCommand):
    """Set fields where they still hold what the editor saw; undo sets them back the same way.

    Consecutive saves with the same ``merge_key`` on the same record merge into one undo step
    (a burst of typing in one field is one step, not one per save).
    """

    def __init__(
        self,
        kind: str,
        entity_id: str,
        changes: Mapping[str, Any],
        before: Mapping[str, Any],
        *,
        text: str,
        patient_id: str | None,
        meeting_id: str | None,
        merge_key: str | None,
    ) -> None:
        super().__init__(text)
        self.kind = kind
        self.entity_id = entity_id
        self.changes = dict(changes)
        self.before = {key: before.get(key) for key in changes}
        self.patient_id = patient_id
        self.meeting_id = meeting_id
        self.merge_key = merge_key
        self.last: ChangeSet = NO_CHANGE

    def _write(
        self, store: Store, values: dict[str, Any], seen: dict[str, Any]
    ) -> Iterable[Change]:
        self.last = db_ops.set_fields(store, self.kind, self.entity_id, values, expected=seen)
        if self.last.empty:
            return []
        return [Change(self.kind, self.entity_id, "update", self.patient_id, self.meeting_id,
                       self.last)]  # fmt: skip

    def apply(self, store: Store) -> Iterable[Change]:
        return self._write(store, self.changes, self.before)

    def revert(self, store: Store) -> Iterable[Change]:
        return self._write(store, self.before, self.changes)

    def id(self) -> int:
        if self.merge_key is None:
            return -1
        return zlib.crc32(f"fields:{self.kind}:{self.merge_key}".encode()) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not (
            isinstance(other, FieldsCommand)
            and other.merge_key == self.merge_key
            and other.kind == self.kind
            and other.entity_id == self.entity_id
        ):
            return False
        for key, value in other.before.items():
            self.before.setdefault(key, value)
        self.changes.update(other.changes)
        return True
