"""The record form: fields in a column, each message next to its field, save through operations.

Saving reads every field, checks the whole record with ``domain.validation.validate`` (the same
rules the database applies), and only then calls ``ui.operations`` (create, or update with just
the changed fields and their earlier values for undo). A bad value shows its message and saves
nothing; a conflict with another editor opens a dialog naming who changed the record, with Reload.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from netboard.db.errors import ConflictError, DbError, NotFoundError
from netboard.domain import validation
from netboard.domain.validation import FieldError, ValidationError
from netboard.ui.change_bus import Change
from netboard.ui.dialogs.fields import Field, FieldValueError
from netboard.ui.dialogs.form_body import FRAME_ROOM, default_size, form_body, split_columns
from netboard.ui.dialogs.messages import changed_fields, explain, show_conflict

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

Loader = Callable[[], Any]
"""Reads the record again from the store (after a conflict); None when it is gone."""


class RecordForm(QDialog):
    """A form for one record of ``kind``: new when ``record`` is None, else an edit."""

    saved = Signal(str)
    """The id of the record that was created or updated."""

    def __init__(
        self,
        context: AppContext,
        kind: str,
        fields: Sequence[Field],
        *,
        record: Any,
        fixed: Mapping[str, Any],
        title: str,
        describe: Callable[[Mapping[str, Any]], str],
        patient_id: str | None,
        reload_record: Loader | None = None,
        parent: QWidget | None = None,
        columns: Sequence[Sequence[Field]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{kind}Form")
        self.setWindowTitle(title)
        self.context = context
        self.kind = kind
        self.fields = {f.name: f for f in fields}
        self.record = record
        self.fixed = dict(fixed)
        self.describe = describe
        self.patient_id = patient_id
        self.reload_record = reload_record
        self.extra_checks: list[Callable[[dict[str, Any]], list[FieldError]]] = []
        self.saved_id: str | None = None
        self.conflict_box: QMessageBox | None = None

        screen = self.screen() or (parent.screen() if parent is not None else None)
        room = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
        body = self._build(columns or split_columns(fields, room.height() - FRAME_ROOM))
        if record is not None:
            self.show_record(record)
        self.resize(default_size(body, room))  # all of it where the screen has room; never off it

    def _build(self, columns: Sequence[Sequence[Field]]) -> QScrollArea:
        """The error banner, the fields (``form_body``: one column or two), Save and Cancel."""
        self.banner = QLabel()
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.banner.setStyleSheet(
            "background:#fdecea;color:#7a0010;padding:6px;border:1px solid #f5c2c7;"
        )
        for field in self.fields.values():
            field.changed.connect(lambda f=field: f.set_error(""))
        body = form_body(columns)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        layout.addWidget(self.buttons)
        return body

    # -- values ---------------------------------------------------------------------------------

    def show_record(self, record: Any) -> None:
        self.record = record
        for name, field in self.fields.items():
            if hasattr(record, name):
                field.set_value(getattr(record, name))

    def errors(self) -> dict[str, str]:
        """Messages shown now, by field name ('' for the banner)."""
        found = {name: f.error.text() for name, f in self.fields.items() if f.error.text()}
        if self.banner.isVisible():
            found[""] = self.banner.text()
        return found

    def _read(self) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name, field in self.fields.items():
            if name.startswith("_"):
                continue  # display-only (e.g. the derived grade)
            try:
                values[name] = field.read()
            except FieldValueError as exc:
                problems[name] = str(exc)
        return values, problems

    def _full_record(self, values: Mapping[str, Any]) -> dict[str, Any]:
        specs = validation.fields(self.kind)
        full: dict[str, Any] = {}
        if self.record is not None:
            for name in specs:
                if hasattr(self.record, name):
                    full[name] = getattr(self.record, name)
        full.update(self.fixed)
        full.update(values)
        return {k: v for k, v in full.items() if k in specs and not specs[k].derived}

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> bool:
        """Check and save; on any problem show it, keep the form open and save nothing."""
        self._clear_errors()
        values, problems = self._read()
        if problems:
            self._show_errors(problems)
            return False
        full = self._full_record(values)
        found: list[FieldError] = []
        try:
            validation.validate(self.kind, full, today=self.context.today())
        except ValidationError as exc:
            found.extend(exc.errors)
        for check in self.extra_checks:
            found.extend(check(full))
        if found:
            self._show_field_errors(found)
            return False
        try:
            self.saved_id = self._submit(full)
        except ValidationError as exc:
            self._show_field_errors(exc.errors)
            return False
        except ConflictError as exc:
            changed = changed_fields(self.context.store, self.kind, exc.entity_id)
            self.conflict_box = show_conflict(self, exc, self.reload_from_store, changed)
            return False
        except NotFoundError as exc:
            self._show_banner(explain(exc))
            self.context.bus.announce(Change(self.kind, exc.entity_id, "reload", self.patient_id))
            return False
        except DbError as exc:
            self._show_banner(explain(exc))
            return False
        self.saved.emit(self.saved_id)
        self.accept()
        return True

    def _submit(self, full: dict[str, Any]) -> str:
        ops = self.context.operations
        if self.record is None:
            text = f"Add {self.describe(full)}"
            return ops.create(self.kind, full, text=text, patient_id=self.patient_id)
        changes = {
            name: value
            for name, value in full.items()
            if not hasattr(self.record, name) or getattr(self.record, name) != value
        }
        if not changes:
            return str(self.record.id)
        before = {
            name: getattr(self.record, name) for name in changes if hasattr(self.record, name)
        }
        ops.update(
            self.kind,
            self.record.id,
            changes,
            expected_version=self.record.version,
            text=f"Edit {self.describe(full)}",
            patient_id=self.patient_id,
            before=before,
        )
        return str(self.record.id)

    def reload_from_store(self) -> None:
        """After a conflict: show the other editor's version, announce that it changed."""
        if self.record is not None:
            self.context.bus.announce(Change(self.kind, self.record.id, "reload", self.patient_id))
        fresh = self.reload_record() if self.reload_record is not None else None
        if fresh is None:
            self._show_banner("This record no longer exists; it was deleted by someone else.")
            self.save_button.setEnabled(False)
            return
        self.show_record(fresh)
        self._show_banner(
            "Reloaded: the form now shows the saved version. Make your change again, then save."
        )

    # -- messages -------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for field in self.fields.values():
            field.set_error("")
        self.banner.setVisible(False)
        self.banner.setText("")

    def _show_errors(self, problems: Mapping[str, str]) -> None:
        leftover = []
        for name, message in problems.items():
            field = self.fields.get(name)
            if field is not None:
                field.set_error(message)
            else:
                leftover.append(message)
        if leftover:
            self._show_banner("\n".join(leftover))
        first = next((self.fields[n] for n in self.fields if n in problems), None)
        if first is not None:
            first.editor.setFocus()

    def _show_field_errors(self, errors: Sequence[FieldError]) -> None:
        problems: dict[str, str] = {}
        for error in errors:
            problems[error.field] = (
                f"{problems[error.field]}\n{error.message}"
                if error.field in problems
                else error.message
            )
        self._show_errors(problems)

    def _show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(True)

