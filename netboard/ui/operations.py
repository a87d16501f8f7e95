"""Every change of data from the window: run it, make it undoable, announce what changed.

A form calls ``context.operations.create/update/delete`` (or ``run`` with its own command).
The first execution happens *before* the command reaches the QUndoStack, so validation and
conflict errors reach the caller as ordinary exceptions (``ValidationError``, ``ConflictError``,
``FinalizedError``) and nothing is pushed. Undo and redo later replay through ``db.operations``;
if a replay fails (someone else changed the record meanwhile) the ``failed`` signal carries the
error and the undo history is cleared, because it no longer describes the database.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from netboard.db.errors import DbError
from netboard.domain.changes import NO_CHANGE, ChangeSet
from netboard.domain.validation import ValidationError
from netboard.ui.change_bus import Change, ChangeBus

if TYPE_CHECKING:
    from netboard.db.store import Store

def _db() -> ModuleType:
    """``netboard.db.operations``, imported on the first write (not while the window starts)."""
    from netboard.db import operations

    return operations


REPLAY_ERRORS = (DbError, ValidationError)
"""Errors an undo or redo can meet when the database moved on underneath it."""


@dataclass(frozen=True, slots=True)
class OperationFailed:
    """An undo or redo that could not be applied: what was being done and why not."""

    text: str
    error: Exception
    undoing: bool


class OperationCommand(QUndoCommand):
    """An undoable change. Subclasses implement ``apply`` and ``revert``.

    Each returns the ``Change`` announcements for what it did. ``apply`` runs once before the
    command is pushed (so its errors reach the caller); the stack's first ``redo`` is skipped.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._skip_redo = False
        self._runner: UiOperations | None = None

    def apply(self, store: Store) -> Iterable[Change]:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self, store: Store) -> Iterable[Change]:  # pragma: no cover - abstract
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        if self._runner is not None:
            self._runner._replay(self, self.apply, undoing=False)

    def undo(self) -> None:
        if self._runner is not None:
            self._runner._replay(self, self.revert, undoing=True)


@dataclass(frozen=True, slots=True)
class Target:
    """The record a command writes, and the patient and meeting whose data it touches (what its
    announcements name). ``entity_id`` is None for a record still to be created."""

    kind: str
    entity_id: str | None = None
    patient_id: str | None = None
    meeting_id: str | None = None


class RecordCommand(OperationCommand):
    """A command on one record; its announcements name the record, patient and meeting."""

    def __init__(self, text: str, target: Target) -> None:
        super().__init__(text)
        self.kind = target.kind
        self.entity_id = target.entity_id
        self.patient_id = target.patient_id
        self.meeting_id = target.meeting_id

    def _change(self, action: str, changes: ChangeSet | None = None) -> Change:
        assert self.entity_id is not None
        return Change(self.kind, self.entity_id, action, self.patient_id, self.meeting_id, changes)


class CreateCommand(RecordCommand):
    """Create a record; undo deletes it (keeping what ``restore`` needs), redo restores it.

    Subclasses that create through another db call override ``_create`` (and ``_changes`` when
    the creation touches more than the new record)."""

    def __init__(self, target: Target, values: Mapping[str, Any], *, text: str) -> None:
        super().__init__(text, target)
        self.values = dict(values)
        self._deleted: Any = None

    def _create(self, store: Store) -> str:
        return str(_db().create(store, self.kind, self.values))

    def _changes(self, action: str) -> list[Change]:
        # a new patient or meeting is itself the patient or meeting its change touches
        assert self.entity_id is not None
        patient_id = self.entity_id if self.kind == "patient" else self.patient_id
        meeting_id = self.entity_id if self.kind == "meeting" else self.meeting_id
        return [Change(self.kind, self.entity_id, action, patient_id, meeting_id)]

    def apply(self, store: Store) -> Iterable[Change]:
        if self._deleted is not None:
            _db().restore(store, self._deleted)
            self._deleted = None
        else:
            self.entity_id = self._create(store)
        return self._changes("create")

    def revert(self, store: Store) -> Iterable[Change]:
        assert self.entity_id is not None
        self._deleted = _db().delete(store, self.kind, self.entity_id, expected_version=None)
        return self._changes("delete")


class EditCommand(RecordCommand):
    """Change some fields of a record; undo writes ``before`` back.

    Consecutive edits of the same class with the same ``merge_key`` on the same record merge
    into one undo step (typing in a notes field is one step, not one per keystroke)."""

    MERGE_PREFIX = ""
    """Keeps the merge ids of different edit classes apart."""

    def __init__(
        self, text: str, target: Target, changes: Mapping[str, Any], before: dict[str, Any],
        merge_key: str | None,
    ) -> None:
        super().__init__(text, target)
        self.changes = dict(changes)
        self.before = before
        self.merge_key = merge_key

    def id(self) -> int:
        if self.merge_key is None:
            return -1
        return zlib.crc32(f"{self.MERGE_PREFIX}{self.kind}:{self.merge_key}".encode()) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not (
            isinstance(other, EditCommand)
            and type(other) is type(self)
            and other.merge_key == self.merge_key
            and other.kind == self.kind
            and other.entity_id == self.entity_id
        ):
            return False
        for key, value in other.before.items():
            self.before.setdefault(key, value)
        self.changes.update(other.changes)
        self._merged(other)
        return True

    def _merged(self, other: EditCommand) -> None:
        """What else a merge takes from the newer command (e.g. its version)."""


class UpdateCommand(EditCommand):
    """An update with an expected version (``db.operations.update``); without ``before``, the
    earlier values are read from the audit entry the update wrote."""

    def __init__(
        self, target: Target, changes: Mapping[str, Any], before: Mapping[str, Any], *,
        expected_version: int, text: str, merge_key: str | None,
    ) -> None:
        known = {key: before[key] for key in changes if key in before}
        super().__init__(text, target, changes, known, merge_key)
        self._read_before = not before
        self.version = expected_version

    def _update(self, store: Store, values: dict[str, Any]) -> list[Change]:
        assert self.entity_id is not None
        self.version = _db().update(
            store, self.kind, self.entity_id, values, expected_version=self.version
        )
        return [self._change("update")]

    def apply(self, store: Store) -> Iterable[Change]:
        changes = self._update(store, self.changes)
        if self._read_before:
            assert self.entity_id is not None
            self.before = _before_from_audit(store, self.entity_id, self.changes)
            self._read_before = False
        return changes

    def revert(self, store: Store) -> Iterable[Change]:
        return self._update(store, self.before)

    def _merged(self, other: EditCommand) -> None:
        assert isinstance(other, UpdateCommand)
        self.version = other.version


class FieldsCommand(EditCommand):
    """Set fields where they still hold what the editor saw; undo sets them back the same way.

    Consecutive saves with the same ``merge_key`` on the same record merge into one undo step
    (a burst of typing in one field is one step, not one per save).
    """

    MERGE_PREFIX = "fields:"

    def __init__(
        self, target: Target, changes: Mapping[str, Any], before: Mapping[str, Any], *,
        text: str, merge_key: str | None,
    ) -> None:
        seen = {key: before.get(key) for key in changes}
        super().__init__(text, target, changes, seen, merge_key)
        self.last: ChangeSet = NO_CHANGE

    def _write(
        self, store: Store, values: dict[str, Any], seen: dict[str, Any]
    ) -> Iterable[Change]:
        assert self.entity_id is not None
        self.last = _db().set_fields(store, self.kind, self.entity_id, values, expected=seen)
        return [] if self.last.empty else [self._change("update", self.last)]

    def apply(self, store: Store) -> Iterable[Change]:
        return self._write(store, self.changes, self.before)

    def revert(self, store: Store) -> Iterable[Change]:
        return self._write(store, self.before, self.changes)


class ActionDoneCommand(RecordCommand):
    """Tick an action item done or open again (also on a finalized meeting); undo flips it back."""

    def __init__(
        self, target: Target, done: bool, *, expected_version: int | None, text: str
    ) -> None:
        super().__init__(text, target)
        self.done = done
        self.version = expected_version

    def _set(self, store: Store, done: bool) -> Iterable[Change]:
        assert self.entity_id is not None
        self.version = _db().set_action_done(
            store, self.entity_id, done, expected_version=self.version
        )
        return [self._change("update")]

    def apply(self, store: Store) -> Iterable[Change]:
        return self._set(store, self.done)

    def revert(self, store: Store) -> Iterable[Change]:
        return self._set(store, not self.done)


class DeleteCommand(RecordCommand):
    """Delete a record (children too); undo restores it with the same ids."""

    def __init__(self, target: Target, *, expected_version: int | None, text: str) -> None:
        super().__init__(text, target)
        self.expected_version = expected_version
        self._deleted: Any = None

    def apply(self, store: Store) -> Iterable[Change]:
        assert self.entity_id is not None
        self._deleted = _db().delete(
            store, self.kind, self.entity_id, expected_version=self.expected_version
        )
        self.expected_version = None  # a redo after undo deletes what restore brought back
        return [self._change("delete")]

    def revert(self, store: Store) -> Iterable[Change]:
        _db().restore(store, self._deleted)
        return [self._change("create")]


def _before_from_audit(store: Store, entity_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The earlier values of ``changes``, as the audit entry of the update just made has them."""
    from netboard.db import queries

    entries = queries.audit_log(store, entity_id=entity_id, limit=1)
    if not entries:
        return {}
    recorded = entries[0].changes
    return {key: recorded[key][0] for key in changes if key in recorded}


class UiOperations(QObject):
    """Runs changes against the store through the undo stack and announces them on the bus."""

    failed = Signal(object)
    """An undo or redo could not be applied (OperationFailed); the undo history was cleared."""

    def __init__(self, store: Store, undo_stack: QUndoStack, bus: ChangeBus) -> None:
        super().__init__()
        self.store = store
        self.undo_stack = undo_stack
        self.bus = bus

    # -- the contract -------------------------------------------------------------------------

    def create(
        self,
        kind: str,
        values: Mapping[str, Any],
        *,
        text: str,
        patient_id: str | None = None,
        meeting_id: str | None = None,
    ) -> str:
        """Create a record and return its id; on bad values raise ValidationError, push nothing."""
        command = CreateCommand(Target(kind, None, patient_id, meeting_id), values, text=text)
        self.run(command)
        assert command.entity_id is not None
        return command.entity_id

    def update(
        self,
        kind: str,
        entity_id: str,
        changes: Mapping[str, Any],
        *,
        expected_version: int,
        text: str,
        patient_id: str | None = None,
        meeting_id: str | None = None,
        merge_key: str | None = None,
        before: Mapping[str, Any] | None = None,
    ) -> int:
        """Change fields of a record; returns its new version.

        ``before`` holds the current values of the changed fields (what undo writes back); forms
        have them from the snapshot they edit. Without it they are read from the audit entry the
        update wrote.
        """
        target = Target(kind, entity_id, patient_id, meeting_id)
        command = UpdateCommand(
            target, changes, before or {},
            expected_version=expected_version, text=text, merge_key=merge_key,
        )  # fmt: skip
        self.run(command)
        return command.version

    def set_fields(
        self,
        kind: str,
        entity_id: str,
        changes: Mapping[str, Any],
        *,
        before: Mapping[str, Any],
        text: str,
        patient_id: str | None = None,
        meeting_id: str | None = None,
        merge_key: str | None = None,
    ) -> ChangeSet:
        """Live typing: write ``changes`` where each field still holds its ``before`` value
        (``db.operations.set_fields``); undo writes ``before`` back the same way. A
        FieldConflictError names the field someone else changed; nothing is pushed then."""
        target = Target(kind, entity_id, patient_id, meeting_id)
        command = FieldsCommand(target, changes, before, text=text, merge_key=merge_key)
        self.run(command)
        return command.last

    def set_action_done(
        self,
        action_id: str,
        done: bool,
        *,
        expected_version: int | None,
        text: str,
        patient_id: str | None = None,
        meeting_id: str | None = None,
    ) -> None:
        """Tick an action item done (or open again): a follow-up status, allowed after the
        meeting was finalized; undoable."""
        target = Target("action", action_id, patient_id, meeting_id)
        self.run(ActionDoneCommand(target, done, expected_version=expected_version, text=text))

    def delete(
        self,
        kind: str,
        entity_id: str,
        *,
        expected_version: int | None,
        text: str,
        patient_id: str | None = None,
        meeting_id: str | None = None,
    ) -> None:
        """Delete a record and its children; undo brings all of it back."""
        target = Target(kind, entity_id, patient_id, meeting_id)
        self.run(DeleteCommand(target, expected_version=expected_version, text=text))

    def run(self, command: QUndoCommand) -> None:
        """Push ``command``. An OperationCommand is applied first; its errors reach the caller."""
        if isinstance(command, OperationCommand):
            command._runner = self
            changes = self._tracked(command.apply)
            command._skip_redo = True
            self.undo_stack.push(command)
            self._announce(changes)
        else:
            self.undo_stack.push(command)

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Group several operations into one undo step (e.g. a patient and their first tumor)."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    # -- internals ------------------------------------------------------------------------------

    def _tracked(self, step: Any) -> list[Change]:
        """Run ``step(store)``; its announcements carry what the database says changed."""
        with _db().tracked() as log:
            changes = list(step(self.store))
        found = log.result
        return [replace(c, changes=found) if c.changes is None else c for c in changes]

    def _announce(self, changes: Iterable[Change]) -> None:
        for change in changes:
            self.bus.announce(change)

    def _replay(self, command: OperationCommand, step: Any, *, undoing: bool) -> None:
        try:
            changes = self._tracked(step)
        except REPLAY_ERRORS as exc:
            self.failed.emit(OperationFailed(command.text(), exc, undoing))
            # The stack no longer matches the database; clearing inside undo() would delete the
            # running command, so clear once control is back in the event loop.
            QTimer.singleShot(0, self.undo_stack.clear)
            return
        self._announce(changes)
