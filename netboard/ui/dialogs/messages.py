"""Messages that explain a failed save or undo and say what to do next (never a traceback).

Dialogs here are opened with ``open()`` (window-modal, non-blocking) and carry object names, so
tests can find them with ``findChild`` and press a button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from netboard.db.errors import ConflictError, FinalizedError, NotFoundError
from netboard.domain.wording import fmt_date, local

if TYPE_CHECKING:
    from netboard.db.store import Store
    from netboard.ui.operations import OperationFailed

FINALIZED_TEXT = (
    "This meeting is finalized, so its record cannot be changed. "
    "Add an addendum to record a correction."
)
"""What a change of a finalized meeting's record meets, in a form or on the meeting screen."""

ENTITY_LABELS = {
    "patient": "patient details",
    "tumor": "tumor record",
    "pathology": "pathology result",
    "staging": "staging assessment",
    "imaging": "imaging study",
    "lab": "lab result",
    "performance": "ECOG entry",
    "therapy": "therapy course",
    "toxicity": "toxicity",
    "meeting": "meeting",
    "discussion": "agenda item",
    "option": "option",
    "decision": "decision",
    "action": "action item",
}


def describe_entity(kind: str) -> str:
    return ENTITY_LABELS.get(kind, kind.replace("_", " "))


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return f"{fmt_date(value)} at {local(value):%H:%M}"
    return str(value) if value else "a moment ago"


def conflict_text(error: ConflictError, changed: Sequence[str] = ()) -> str:
    """'Dr Ames changed this therapy course on 03 Mar 2025 at 14:02 ...' in plain words,
    with the fields they changed ('Given name: Alpha \u2192 Alfa') when known."""
    who = getattr(error, "who", "") or "another user"
    when = _when(getattr(error, "when", None))
    what = describe_entity(str(getattr(error, "entity", "record")))
    fields = "".join(f"\n  \u2022 {line}" for line in changed)
    listed = f"\n\nThey changed:{fields}" if fields else ""
    return (
        f"{who} changed this {what} on {when}, after you opened it.{listed}\n\n"
        "Your changes were not saved, so nothing of theirs was overwritten. Reload to see "
        "their version, then make your change again."
    )


def changed_fields(store: Store, kind: str, entity_id: str) -> list[str]:
    """'Label: before \u2192 after' for each field of the latest audit entry of a record."""
    from netboard.db import queries
    from netboard.domain.validation import label

    entries = queries.audit_log(store, entity_id=entity_id, limit=1)
    if not entries:
        return []
    return [
        f"{label(kind, name)}: {_plain(before)} \u2192 {_plain(after)}"
        for name, (before, after) in entries[0].changes.items()
        if name not in ("version", "updated_at")
    ]


def _plain(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    return str(value)


def show_conflict(
    parent: QWidget,
    error: ConflictError,
    on_reload: Callable[[], None],
    changed: Sequence[str] = (),
) -> QMessageBox:
    """A non-blocking dialog naming who changed the record, with Reload and Keep editing."""
    box = QMessageBox(parent)
    box.setObjectName("conflictDialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed by someone else")
    box.setText(
        f"<b>{describe_entity(str(error.entity)).capitalize()} was changed "
        f"by {error.who or 'another user'}</b>"
    )
    box.setInformativeText(conflict_text(error, changed))
    reload_button = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
    reload_button.setObjectName("reloadButton")
    keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
    keep.setObjectName("keepEditingButton")
    box.setDefaultButton(reload_button)

    def finished() -> None:
        if box.clickedButton() is reload_button:
            on_reload()

    box.finished.connect(finished)
    box.open()
    return box


def show_error(parent: QWidget, title: str, text: str, *, name: str = "errorDialog") -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.open()
    return box


def explain(error: Exception) -> str:
    """A sentence for errors a save can meet that the form itself cannot show next to a field."""
    if isinstance(error, FinalizedError):
        return FINALIZED_TEXT
    if isinstance(error, NotFoundError):
        return (
            f"This {describe_entity(str(error.entity))} no longer exists: someone deleted "
            "it. The view was reloaded."
        )
    if isinstance(error, ConflictError):
        return conflict_text(error)
    return str(error)


def show_replay_failure(parent: QWidget, failure: OperationFailed) -> QMessageBox:
    """An undo or redo met a changed database: say so and that the history was cleared."""
    verb = "undo" if failure.undoing else "redo"
    return show_error(
        parent,
        f"Could not {verb}",
        f"Could not {verb} \u201c{failure.text}\u201d.\n\n{explain(failure.error)}\n\n"
        "The undo history was cleared because it no longer matches the database.",
        name="replayFailedDialog",
    )
