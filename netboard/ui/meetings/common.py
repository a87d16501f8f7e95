"""Small widgets and helpers the meeting screens share: headings, notes, error text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from netboard.db.errors import DbError
from netboard.domain.validation import ValidationError

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

STORE_ERRORS: tuple[type[Exception], ...] = (DbError, ValidationError)
"""What a read or a change from the window is expected to meet: a conflict, a finalized meeting,
a deleted record, an entry in use, a busy, full, read-only or failing database (``DbError``), or
a refused value (``ValidationError``). The panels catch these and say what to do; anything else
is a bug, and the crash hook (``netboard.ui.crash``) logs and reports it."""

NOTE_STYLES = {
    "info": "background:#eef4fb; border:1px solid #9bb7d4; color:#1d3557;",
    "warning": "background:#fff6e0; border:1px solid #d9a400; color:#5c4100;",
    "error": "background:#fdecea; border:1px solid #c0392b; color:#7b1d13;",
    "ok": "background:#eaf6ec; border:1px solid #4c9a5a; color:#1e4d27;",
}


def set_read_only(editor: QLineEdit | QPlainTextEdit, read_only: bool) -> None:
    """Make a text field read-only and let it look so (the style sheet's [readOnly="true"]
    rule is applied again; Qt does not re-style on that change by itself)."""
    if editor.isReadOnly() != read_only:
        editor.setReadOnly(read_only)
        style = editor.style()
        style.unpolish(editor)
        style.polish(editor)
        editor.update()


def heading(text: str, parent: QWidget | None = None, *, size: int = 0) -> QLabel:
    """A bold section heading (``size`` in points; 0 keeps the font's size)."""
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    if size:
        font.setPointSize(size)
    label.setFont(font)
    return label


class Note(QLabel):
    """A coloured, word-wrapped message line (info, warning, error, ok); hidden while empty."""

    def __init__(self, parent: QWidget | None = None, kind: str = "info") -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.kind = kind
        self.show_text("", kind)

    def show_text(self, text: str, kind: str | None = None) -> None:
        if kind is not None:
            self.kind = kind
        shown = (text, self.kind)
        if shown == getattr(self, "_shown", None):
            return  # unchanged: a style sheet set again re-polishes the label for nothing
        self._shown = shown
        self.setText(text)
        self.setStyleSheet(f"QLabel {{ {NOTE_STYLES[self.kind]} padding:6px; border-radius:4px; }}")
        self.setVisible(bool(text))


def describe_error(exc: Exception) -> str:
    """What went wrong and what to do, for errors the store raises on a change."""
    from netboard.db.errors import (
        ConflictError,
        FieldConflictError,
        FinalizedError,
        NotFoundError,
    )
    from netboard.ui.dialogs.messages import FINALIZED_TEXT

    if isinstance(exc, ValidationError):
        lines = [f"{e.field.replace('_', ' ').capitalize()}: {e.message}" for e in exc.errors]
        return "Not saved. " + "; ".join(lines)
    if isinstance(exc, FinalizedError):
        return FINALIZED_TEXT
    if isinstance(exc, ConflictError):  # the field when the database named it
        who = getattr(exc, "who", "") or "someone else"
        what = exc.label if isinstance(exc, FieldConflictError) else "this record"
        return (
            f"Not saved: {who} changed {what} meanwhile, and nothing of theirs was "
            "overwritten. Your text stays on screen: copy what you need, then open the case "
            "again to see their version."
        )
    if isinstance(exc, NotFoundError):
        return "Not saved: this record was deleted meanwhile (perhaps by undo or another user)."
    return f"Not saved: {exc}"


def elide_middle(text: str, limit: int) -> str:
    """Shorten long text for a table cell, keeping the start and the end."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[-(limit - half - 1) :]


def clear_cell_widgets(table: QTableWidget) -> None:
    """Empty ``table`` and take its cell widgets off the screen at once.

    Qt deletes replaced cell widgets later (deleteLater); until the event loop runs they would
    still be drawn at their old place, over the new rows.
    """
    for row in range(table.rowCount()):
        for col in range(table.columnCount()):
            widget = table.cellWidget(row, col)
            if widget is not None:
                widget.hide()
    table.setRowCount(0)


def row_table(
    headers: list[str], stretch: int, *, editable: bool = False, parent: QWidget | None = None
) -> QTableWidget:
    """A table of rows picked whole, without row numbers: every column as wide as its contents
    but ``stretch``, which takes the rest; its cells are not edited in place unless ``editable``."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    for col in range(len(headers)):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class MeetingPart(QWidget):
    """A part of the meeting screens: reads and writes through ``context``, says what it did on
    ``message`` (a status line for the window), and is read-only while its meeting is finalized."""

    message = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.read_only = False
