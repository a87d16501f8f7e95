"""One option on the discussion panel: its considerations, the board's stance and rationale."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board.option_entries import STANCE_COLOURS, OptionEntry
from netboard.domain.board.signals_text import signal_counts, signals_html
from netboard.domain.vocab import Stance
from netboard.ui.context import AppContext
from netboard.ui.meetings.autosave import AutoSaver
from netboard.ui.meetings.common import set_read_only


class OptionCard(QFrame):
    """One option: name, signal counts (expandable), stance buttons, rationale, history."""

    stance_clicked = Signal(str, object)
    """(card key, Stance)"""

    def __init__(
        self, context: AppContext, entry: OptionEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.entry = entry
        self.setObjectName(f"optionCard_{entry.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._build_texts()
        self._build_stances()
        self.rationale = QLineEdit()
        self.rationale.setObjectName("rationale")
        self.rationale.setPlaceholderText("Rationale (why this stance, in a sentence)")
        self.saver = AutoSaver(context, "option", self)
        self.rationale.textEdited.connect(lambda text: self.saver.stage("rationale", text))
        self.saver.watch_focus(self.rationale)
        self._lay_out()

    def _build_texts(self) -> None:
        """Title, rank reason, counts, the Considerations fold and the board history line."""
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setObjectName("rankReason")
        self.reason.setStyleSheet("color:#5f6b76; font-style:italic;")
        self.counts = QLabel()
        self.expand = QToolButton()
        self.expand.setText("Considerations")
        self.expand.setCheckable(True)
        self.expand.setArrowType(Qt.ArrowType.RightArrow)
        self.expand.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.expand.toggled.connect(self._toggle)
        self.signals = QLabel()
        self.signals.setWordWrap(True)
        self.signals.setTextFormat(Qt.TextFormat.RichText)
        self.signals.setVisible(False)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setStyleSheet("color:#3b5a7a;")

    def _build_stances(self) -> None:
        """One checkable button per stance; a click says which card and which stance."""
        self.buttons: dict[Stance, QPushButton] = {}
        row = self._stance_row = QHBoxLayout()
        for stance in Stance:
            button = QPushButton(stance.label)
            button.setCheckable(True)
            button.setObjectName(f"stance_{stance.value}")
            button.setMinimumWidth(0)
            button.setToolTip(f"Mark as {stance.label.lower()} (click again to clear)")
            button.clicked.connect(
                lambda _c=False, s=stance: self.stance_clicked.emit(self.entry.key, s)
            )
            self.buttons[stance] = button
            row.addWidget(button)
        row.addStretch(1)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        mid = QHBoxLayout()
        mid.addWidget(self.counts, 1)
        mid.addWidget(self.expand)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.reason)
        layout.addLayout(mid)
        layout.addWidget(self.signals)
        layout.addLayout(self._stance_row)
        layout.addWidget(self.rationale)
        layout.addWidget(self.history)

    def update_entry(
        self, entry: OptionEntry, *, read_only: bool, patient_id: str, meeting_id: str
    ) -> None:
        self.entry = entry
        rank = f"{entry.rank}. " if entry.rank is not None else ""
        colour = "" if entry.applicable else " style='color:#6b6b6b'"
        self.title.setText(f"<b{colour}>{rank}{escape(entry.name)}</b>")
        self.title.setToolTip(entry.group_text)
        self.reason.setText(entry.reason)
        self.reason.setVisible(bool(entry.reason))
        rule_ids = ", ".join(dict.fromkeys(getattr(s, "rule_id", "") for s in entry.signals))
        self.signals.setToolTip(f"Rules: {rule_ids}" if rule_ids else "")
        self.expand.setToolTip(f"Rules: {rule_ids}" if rule_ids else "")
        self.counts.setText(
            signal_counts(entry.signals)
            if entry.rank is not None
            else "Added by the board (no engine assessment)"
        )
        self.counts.setVisible((entry.applicable and bool(entry.signals)) or entry.rank is None)
        self.signals.setText(signals_html(entry.signals))
        self.expand.setVisible(bool(entry.signals))
        opt = entry.considered
        for stance, button in self.buttons.items():
            checked = opt is not None and opt.stance == stance
            button.setChecked(checked)
            colour = STANCE_COLOURS[stance]
            button.setStyleSheet(
                "QPushButton { padding:3px 7px; min-width:0px; }"
                f"QPushButton:checked {{ background:{colour}; color:white; }}"
            )
            button.setEnabled(not read_only)
        self.rationale.setVisible(opt is not None)
        set_read_only(self.rationale, read_only)
        if opt is None:
            self.saver.set_target(None, 0, {}, patient_id=patient_id, meeting_id=meeting_id)
            self.history.setVisible(False)
            self.setStyleSheet("")
            return
        values = {"rationale": opt.rationale}
        if self.saver.entity_id != opt.id:
            self.saver.set_target(
                opt.id,
                opt.version,
                values,
                patient_id=patient_id,
                meeting_id=meeting_id,
                label="option rationale",
            )
        else:
            self.saver.refresh(opt.id, opt.version, values)
        if not self.saver.has_pending("rationale") and self.rationale.text() != opt.rationale:
            self.rationale.setText(opt.rationale)
        self.history.setText(opt.details)
        self.history.setVisible(bool(opt.details))
        colour = STANCE_COLOURS[opt.stance]
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ border:2px solid {colour}; border-radius:5px; }}"
        )

    def _toggle(self, shown: bool) -> None:
        self.signals.setVisible(shown)
        self.expand.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)


def dispose_card(card: OptionCard) -> None:
    """Take a card off the screen now (deleteLater alone leaves it drawn until the loop runs)."""
    card.hide()
    card.setParent(None)
    card.deleteLater()
