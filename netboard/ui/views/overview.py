"""The case overview card: diagnosis, grade and Ki-67 with its history, stage, functional imaging,
ECOG, current therapy and how long it has run, and the next review date (each line's HTML is
``domain.board.overview_html``; the card lays them out)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from netboard.domain.board.overview_html import overview_html
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.wording import DASH

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog

FIELDS = (
    ("diagnosis", "Diagnosis"),
    ("grade", "Grade / Ki-67"),
    ("earlier", "Earlier pathology"),
    ("stage", "Stage"),
    ("sstr", "SSTR PET"),
    ("fdg", "FDG PET"),
    ("mibg", "MIBG"),
    ("ecog", "ECOG"),
    ("therapy", "Current therapy"),
    ("review", "Next review"),
)


class OverviewCard(QFrame):
    """The facts a board reads first, one labelled line each (rich text, wraps)."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("overviewCard")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        for row, (key, title) in enumerate(FIELDS):
            name = QLabel(title)
            name.setProperty("role", "fieldName")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel(DASH)
            value.setObjectName(f"overview_{key}")
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.values[key] = value

    def text(self, key: str) -> str:
        """The plain text of one field (what tests and screen readers read)."""
        from PySide6.QtGui import QTextDocumentFragment

        return QTextDocumentFragment.fromHtml(self.values[key].text()).toPlainText()

    def set_case(self, case: CaseSnapshot, today: date) -> None:
        for key, html in overview_html(case, today, self.catalog).items():
            self.values[key].setText(html)
