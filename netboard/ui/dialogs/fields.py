"""Form fields that read, check and show their own value, with the message next to the field.

A field's ``read()`` returns the value or raises ``FieldValueError`` with a sentence that says
what is wrong and what would be right. Optional dates and numbers can be empty (unknown);
numbers are typed as text so an out-of-range value can be explained instead of clamped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.date_text import DateTextError
from netboard.domain.vocab import Vocab
from netboard.ui.date_edit import DateEdit


class FieldValueError(ValueError):
    """What is wrong with one field's value, in words for the user."""


class Field(QWidget):
    """A labelled input with an error line under it."""

    changed = Signal()

    def __init__(self, name: str, label: str, editor: QWidget, *, hint: str = "") -> None:
        super().__init__()
        self.name = name
        self.label = label
        self.editor = editor
        editor.setObjectName(f"field_{name}")
        self.error = QLabel()
        self.error.setObjectName(f"error_{name}")
        self.error.setProperty("role", "fieldError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self.error.setStyleSheet("color:#b00020")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setStyleSheet("color:#5f6b76")
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)
        layout.addWidget(self.error)

    def read(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_value(self, value: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.editor.setStyleSheet("border: 2px solid #b00020;" if message else "")


class TextField(Field):
    def __init__(
        self,
        name: str,
        label: str,
        *,
        required: bool = False,
        max_length: int = 200,
        placeholder: str = "",
        hint: str = "",
    ) -> None:
        self.line = QLineEdit()
        self.line.setMaxLength(max_length)
        self.line.setPlaceholderText(placeholder)
        super().__init__(name, label, self.line, hint=hint)
        self.required = required
        self.line.textChanged.connect(self.changed)

    def read(self) -> str:
        text = self.line.text().strip()
        if self.required and not text:
            raise FieldValueError(f"{self.label} is required.")
        return text

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else str(value))


class NoteField(Field):
    def __init__(self, name: str, label: str, *, placeholder: str = "") -> None:
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(placeholder)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(70)
        super().__init__(name, label, self.text)
        self.text.textChanged.connect(self.changed)

    def read(self) -> str:
        return self.text.toPlainText().strip()

    def set_value(self, value: Any) -> None:
        self.text.setPlainText("" if value is None else str(value))


class NumberField(Field):
    """A number typed as text: empty means unknown unless ``required``."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
        required: bool = False,
        unit: str = "",
        range_text: str = "",
        hint: str = "",
    ) -> None:
        self.line = QLineEdit()
        self.line.setPlaceholderText(
            ("required" if required else "unknown") + (f" ({unit})" if unit else "")
        )
        self.line.setMaximumWidth(180)
        super().__init__(name, label, self.line, hint=hint)
        self.minimum, self.maximum = minimum, maximum
        self.integer, self.required, self.unit = integer, required, unit
        self.range_text = range_text
        self.line.textChanged.connect(self.changed)

    def read(self) -> float | int | None:
        text = self.line.text().strip().replace(",", ".").removesuffix("%").strip()
        if self.unit:
            text = text.removesuffix(self.unit).strip()
        if not text:
            if self.required:
                raise FieldValueError(f"{self.label} is required.")
            return None
        try:
            number = float(text)
        except ValueError:
            raise FieldValueError(
                f"{self.label}: \u201c{self.line.text()}\u201d is not a number."
            ) from None
        if self.integer:
            if number != int(number):
                raise FieldValueError(f"{self.label} is a whole number.")
            number = int(number)
        low_bad = self.minimum is not None and number < self.minimum
        high_bad = self.maximum is not None and number > self.maximum
        if low_bad or high_bad:
            raise FieldValueError(self.range_text or self._default_range())
        return number

    def _default_range(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        if self.minimum is not None and self.maximum is not None:
            return f"{self.label} is between {_num(self.minimum)} and {_num(self.maximum)}{unit}."
        if self.minimum is not None:
            return f"{self.label} cannot be less than {_num(self.minimum)}{unit}."
        return f"{self.label} cannot be more than {_num(self.maximum or 0)}{unit}."

    def set_value(self, value: Any) -> None:
        self.line.setText("" if value is None else _num(float(value)))


def _num(value: float) -> str:
    return f"{value:g}"


class DateField(Field):
    """A typed date with a calendar (``ui.date_edit``); optional dates get a check box
    ('unknown', 'ongoing'). A text that is not a date is said so on leaving the box."""

    def __init__(
        self,
        name: str,
        label: str,
        *,
        default: date | None,
        optional_text: str = "",
        hint: str = "",
        first_guess: date | None = None,
    ) -> None:
        self.first_guess = first_guess
        """Where the box starts when 'unknown' is unchecked and no date was given (a birth
        date must not silently become today)."""
        self._shown_value = default is not None
        self.date_edit = DateEdit()
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date_edit)
        self.none_box: QCheckBox | None = None
        if optional_text:
            self.none_box = QCheckBox(optional_text)
            row.addWidget(self.none_box)
        row.addStretch(1)
        super().__init__(name, label, box, hint=hint)
        self.date_edit.setObjectName(f"date_{name}")
        self.date_edit.line.setAccessibleName(label)
        self.date_edit.dateChanged.connect(self.changed)
        self.date_edit.problem_changed.connect(self._typed_problem)
        if self.none_box is not None:
            self.none_box.toggled.connect(lambda on: self.date_edit.setEnabled(not on))
            self.none_box.toggled.connect(self._known_now)
            self.none_box.toggled.connect(self.changed)
        self.set_value(default)

    def _typed_problem(self, problem: str) -> None:
        self.set_error(f"{self.label}: {problem}." if problem else "")

    def set_error(self, message: str) -> None:
        """The message under the field and a red frame on the text box only (a style sheet on
        the whole row would reach the calendar that opens from it)."""
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.date_edit.line.setStyleSheet("border: 2px solid #b00020;" if message else "")

    def _known_now(self, unknown: bool) -> None:
        """'unknown' unchecked: start from the first guess (not today), the text selected,
        ready for typing."""
        if unknown or self._shown_value:
            return
        self._shown_value = True
        if self.first_guess is not None:
            self.date_edit.set_date(self.first_guess)
        self.date_edit.setFocus()
        self.date_edit.line.selectAll()

    def read(self) -> date | None:
        if self.none_box is not None and self.none_box.isChecked():
            return None
        try:
            return self.date_edit.value()
        except DateTextError as exc:
            raise FieldValueError(f"{self.label}: {exc}.") from None

    def set_value(self, value: Any) -> None:
        if value is None:
            if self.none_box is not None:
                self.none_box.setChecked(True)
            self.date_edit.set_date(date.today())
            return
        self._shown_value = True
        if self.none_box is not None:
            self.none_box.setChecked(False)
        self.date_edit.set_date(value)


class ChoiceField(Field):
    """A combo of choices (vocabulary labels shown), optionally with an empty first entry.

    Values are kept in Python (a QVariant would turn a StrEnum member into a plain str);
    ``value_of`` maps a member to the value stored (e.g. a tumor to its id).
    """

    def __init__(
        self,
        name: str,
        label: str,
        members: Iterable[Any],
        *,
        empty: str | None = None,
        text_of: Callable[[Any], str] | None = None,
        value_of: Callable[[Any], Any] | None = None,
        hint: str = "",
    ) -> None:
        self.combo = QComboBox()
        super().__init__(name, label, self.combo, hint=hint)
        self.values: list[Any] = []
        if empty is not None:
            self.combo.addItem(empty)
            self.values.append(None)
        for member in members:
            if text_of is not None:
                text = text_of(member)
            else:
                text = member.label if isinstance(member, Vocab) else str(member)
            self.combo.addItem(text)
            self.values.append(value_of(member) if value_of is not None else member)
        self.combo.currentIndexChanged.connect(self.changed)

    def read(self) -> Any:
        index = self.combo.currentIndex()
        return self.values[index] if 0 <= index < len(self.values) else None

    def set_value(self, value: Any) -> None:
        index = self.values.index(value) if value in self.values else 0
        self.combo.setCurrentIndex(index)

    def index_of(self, value: Any) -> int:
        return self.values.index(value) if value in self.values else -1


class BoolField(Field):
    def __init__(self, name: str, label: str) -> None:
        self.check = QCheckBox(label)
        super().__init__(name, label, self.check)
        self.check.toggled.connect(self.changed)

    def read(self) -> bool:
        return self.check.isChecked()

    def set_value(self, value: Any) -> None:
        self.check.setChecked(bool(value))


class SitesField(TextField):
    """Comma-separated metastatic sites, read as a tuple of names."""

    def read(self) -> tuple[str, ...]:  # type: ignore[override]
        text = super().read()
        return tuple(part.strip() for part in text.split(",") if part.strip())

    def set_value(self, value: Any) -> None:
        self.line.setText(", ".join(value or ()))
