"""Dialogs of the offline-bundle check-in: the per-field conflict chooser and the import report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netboard.interchange.merge import RECORD, FieldDiff, MergePlan, RecordConflict, Side

W = TypeVar("W", bound=QWidget)
BUNDLE, BOARD = "Bundle (offline work)", "Board (this database)"


def show_message(
    parent: QWidget, title: str, text: str, *, warning: bool = False, name: str = ""
) -> QMessageBox:
    """A window-modal, non-blocking message (tests find it by ``name``)."""
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name or "interchangeMessage")
    box.open()
    return box


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def value_text(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if value is True or value is False:
        return "yes" if value else "no"
    return str(value)


class ConflictDialog(QDialog):
    """Each record changed on both sides, field by field: base, bundle, board; the user clicks
    the value to keep. Import stays disabled until every contested field has a choice."""

    choices_changed = Signal()

    def __init__(self, plan: MergePlan, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bundleConflictDialog")
        self.setWindowTitle("Offline work: changed on both sides")
        self.plan = plan
        self._choices: dict[str, dict[str, Side]] = {c.key: {} for c in plan.conflicts}
        intro = QLabel(
            f"{len(plan.conflicts)} record(s) in {source} were changed offline and here since "
            "they were taken offline. For each field changed on both sides, click the value to "
            "keep. Fields changed on one side only take that change (shown greyed). Nothing is "
            "written until you press Import."
        )
        intro.setWordWrap(True)
        split = self._build_split()
        row = self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self._groups: list[QButtonGroup] = []
        self.records.currentRowChanged.connect(self._show)
        self.records.setCurrentRow(0)
        self._update()

    def _build_split(self) -> QSplitter:
        """The contested records on the left, the chosen record's fields on the right."""
        self.records = _named(QListWidget(), "conflictRecords")
        for conflict in self.plan.conflicts:
            self.records.addItem(QListWidgetItem(conflict.title))
        self.header = _named(QLabel(), "conflictHeader")
        self.header.setWordWrap(True)
        self.table = _named(QTableWidget(0, 4), "conflictFields")
        self.table.setHorizontalHeaderLabels(["Field", "As taken offline", BUNDLE, BOARD])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.table)
        split = QSplitter()
        split.addWidget(self.records)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([360, 900])
        self.records.setWordWrap(True)
        self.records.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return split

    def _build_buttons(self) -> QHBoxLayout:
        """Bundle for all, board for all, how many are left, Import and Cancel."""
        self.remaining = _named(QLabel(), "conflictRemaining")
        self.all_bundle = _named(QPushButton("Use the bundle for all"), "allBundle")
        self.all_board = _named(QPushButton("Keep the board for all"), "allBoard")
        self.all_bundle.clicked.connect(lambda: self.choose_all("theirs"))
        self.all_board.clicked.connect(lambda: self.choose_all("ours"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.all_bundle)
        row.addWidget(self.all_board)
        row.addWidget(self.remaining)
        row.addStretch(1)
        row.addWidget(self.buttons)
        return row

    # -- choices ---------------------------------------------------------------------------

    def choices(self) -> dict[str, dict[str, Side]]:
        return {key: dict(picked) for key, picked in self._choices.items()}

    def undecided(self) -> int:
        return sum(
            1 for c in self.plan.conflicts for name in c.choices if name not in self._choices[c.key]
        )

    def choose(self, key: str, field: str, side: Side) -> None:
        self._choices[key][field] = side
        self._update()

    def _toggled(self, on: bool, key: str, field: str, side: Side) -> None:
        if on:
            self.choose(key, field, side)

    def choose_all(self, side: Side) -> None:
        for conflict in self.plan.conflicts:
            for name in conflict.choices:
                self._choices[conflict.key][name] = side
        self._show(self.records.currentRow())
        self._update()

    def _update(self) -> None:
        left = self.undecided()
        self.import_button.setEnabled(left == 0)
        still = "" if left == 0 else f"{left} field(s) still need a choice"
        self.import_button.setToolTip(still)
        self.remaining.setText(still or "Every conflict has a choice.")
        for row, conflict in enumerate(self.plan.conflicts):
            done = all(n in self._choices[conflict.key] for n in conflict.choices)
            item = self.records.item(row)
            item.setText(("\u2713 " if done else "\u2022 ") + conflict.title)
        self.choices_changed.emit()

    # -- one record ------------------------------------------------------------------------

    def _show(self, row: int) -> None:
        if row < 0 or row >= len(self.plan.conflicts):
            return
        conflict = self.plan.conflicts[row]
        self.header.setText(_header(conflict))
        rows = _rows(conflict)
        self.table.setRowCount(len(rows))
        self._groups = []
        for i, (name, label, base, theirs, ours, fixed) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(label))
            self.table.setItem(i, 1, QTableWidgetItem(base))
            group = QButtonGroup(self.table)
            for column, side, text in ((2, "theirs", theirs), (3, "ours", ours)):
                button = QRadioButton(text)
                button.setObjectName(f"pick_{side}_{name}")
                picked = fixed or self._choices[conflict.key].get(name)
                button.setChecked(picked == side)
                button.setEnabled(fixed is None)
                button.toggled.connect(
                    lambda on, k=conflict.key, n=name, s=side: self._toggled(on, k, n, s)
                )
                group.addButton(button)
                self.table.setCellWidget(i, column, button)
            self._groups.append(group)
        self.table.resizeRowsToContents()


def _header(conflict: RecordConflict) -> str:
    if conflict.deleted_by == "theirs":
        return f"<b>{conflict.title}</b><br>Deleted offline, but changed here since. Keep it?"
    if conflict.deleted_by == "ours":
        return f"<b>{conflict.title}</b><br>Deleted here, but changed offline. Bring it back?"
    return f"<b>{conflict.title}</b><br>Changed in the bundle and here."


Row = tuple[str, str, str, str, str, "Side | None"]


def _rows(conflict: RecordConflict) -> list[Row]:
    if conflict.deleted_by is not None:
        gone, kept = "(deleted)", "keep the record with these values"
        theirs = gone if conflict.deleted_by == "theirs" else "bring it back"
        ours = gone if conflict.deleted_by == "ours" else kept
        rows: list[Row] = [(RECORD, "The record", "(existed)", theirs, ours, None)]
        return rows + [_field_row(d, fixed_any=True) for d in conflict.fields]
    return [_field_row(d) for d in conflict.fields]


def _field_row(d: FieldDiff, fixed_any: bool = False) -> Row:
    fixed = d.changed_by if (fixed_any or not d.contested) else None
    return (d.field, d.label, value_text(d.base), value_text(d.theirs), value_text(d.ours), fixed)


class ImportReportDialog(QDialog):
    """What an import will do (preview, with Import/Cancel) or did (Close), line by line."""

    def __init__(
        self,
        title: str,
        summary: str,
        lines: Sequence[str],
        *,
        preview: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bundleImportReport")
        self.setWindowTitle(title)
        self.summary = _named(QLabel(summary), "reportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.text = _named(QPlainTextEdit(), "reportText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setPlainText("\n".join(lines) if lines else "Nothing changed in the bundle.")
        if preview:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
            ok = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
            ok.setObjectName("importButton")
            self.buttons.accepted.connect(self.accept)
            self.buttons.rejected.connect(self.reject)
        else:
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
