"""The considerations for a case, as a readable list: per option, what speaks for and against,
each with its source, and an 'unverified' mark where the engine flags one (the HTML is
``domain.board.considerations_html``; this view shows it and switches the details on and off).

This is decision support: the text explains and cites; the ranking orders the list, it does not
choose. The heading says so.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QTextBrowser, QWidget

from netboard.domain.board.considerations_html import assessment_html
from netboard.domain.considerations import CaseAssessment


class ConsiderationsView(QTextBrowser):
    """A read-only rich-text view of the engine's assessment of the open case."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("considerations")
        self.setOpenLinks(False)
        self.assessment: CaseAssessment | None = None

        self.details = False
        """Show rule ids, strengths and trial criteria (context menu: 'Show details')."""

    def set_assessment(self, assessment: CaseAssessment) -> None:
        self.assessment = assessment
        self.setHtml(assessment_html(assessment, details=self.details))

    def set_details(self, on: bool) -> None:
        self.details = on
        if self.assessment is not None:
            position = self.verticalScrollBar().value()
            self.setHtml(assessment_html(self.assessment, details=on))
            self.verticalScrollBar().setValue(position)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt name)
        menu = self.createStandardContextMenu()
        menu.addSeparator()
        action = menu.addAction("Show details (rule ids, strength, trial criteria)")
        action.setCheckable(True)
        action.setChecked(self.details)
        action.toggled.connect(self.set_details)
        menu.exec(event.globalPos())

    def show_error(self, message: str) -> None:
        self.assessment = None
        self.setHtml(f"<p style='color:#b00020'>{escape(message)}</p>")
