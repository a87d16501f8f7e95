"""Board history: every earlier discussion of this case, newest first, with the options weighed
(stance and rationale), what was decided, actions and addenda; courses that came from a decision
link back to it (and the decision links to them). The HTML is ``domain.board.history_html``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from netboard.domain.board.history_html import discussion_anchor, history_html
from netboard.domain.snapshot import (
    CaseSnapshot,
)

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog

class BoardHistoryView(QTextBrowser):
    """Rich text of the case's discussions; ``course:<id>`` links select a therapy course."""

    course_link_activated = Signal(str)
    meeting_link_activated = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("boardHistory")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._follow)

    def set_case(self, case: CaseSnapshot) -> None:
        self.setHtml(history_html(case, self.catalog))

    def show_discussion_of_decision(self, case: CaseSnapshot, decision_id: str) -> bool:
        for discussion in case.discussions:
            if discussion.decision is not None and discussion.decision.id == decision_id:
                self.scrollToAnchor(discussion_anchor(discussion.id))
                return True
        return False

    def _follow(self, url: QUrl) -> None:
        text = url.toString()
        kind, _, ident = text.partition(":")
        if kind == "course":
            self.course_link_activated.emit(ident)
        elif kind == "meeting":
            self.meeting_link_activated.emit(ident)
