"""The options for the case under discussion: the engine's considerations and the board's stance.

Each option shows what speaks for and against it (with sources; unverified facts flagged). The
team marks it recommended / alternative / later / not now and gives a rationale. Clicking the
stance that is already set clears it. Everything is saved at once (rationale as it is typed).
"""

from __future__ import annotations

from html import escape
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.board.option_entries import OptionEntry, build_entries
from netboard.domain.board.presentation_layout import visible_options
from netboard.domain.snapshot import CaseDiscussion
from netboard.domain.vocab import Stance
from netboard.ui.context import AppContext
from netboard.ui.meetings.common import STORE_ERRORS, MeetingPart, Note, describe_error, heading
from netboard.ui.meetings.option_card import OptionCard, dispose_card

DEFAULT_SHOWN = 8
"""Options shown before 'Show all': every option with a stance plus the engine's top ranks."""


class OptionsPanel(MeetingPart):
    """Cards for the options of one discussion, plus 'add another catalog option'."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.discussion: CaseDiscussion | None = None
        self.cards: dict[str, OptionCard] = {}
        self._windows: list[QWidget] = []
        self.entries: list[OptionEntry] = []
        self._build_controls()
        self._build_shared()
        self._build_cards()
        self._lay_out()
        for option in context.catalog.options:
            self.other.addItem(option.name, option.id)

    def _build_controls(self) -> None:
        """Show all options, the intro line, Other option + Add, and the error line."""
        self.show_all = QCheckBox("Show all options")
        self.show_all.setObjectName("showAllOptions")
        self.show_all.toggled.connect(lambda _on: self._layout_cards())
        self.intro = QLabel(
            "Fit first, by strength of evidence; each reason cites its source. The board decides."
        )
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet("color:#5f6b76;")
        self.other = QComboBox()
        self.other.setObjectName("otherOption")
        self.other.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.other.setMinimumContentsLength(14)
        self.add_other = QPushButton("Add")
        self.add_other.setToolTip("Put another catalog option on the table (as an alternative)")
        self.add_other.clicked.connect(self._add_other)
        self.error = Note(self, "error")

    def _build_shared(self) -> None:
        """The reasons said alike for several options (folded), and the not-applicable heading."""
        self.shared = QLabel()
        self.shared.setObjectName("sharedReasons")
        self.shared.setWordWrap(True)
        self.shared.setTextFormat(Qt.TextFormat.RichText)
        self.shared.setVisible(False)
        self.shared_toggle = QToolButton()
        self.shared_toggle.setObjectName("sharedReasonsToggle")
        self.shared_toggle.setCheckable(True)
        self.shared_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.shared_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.shared_toggle.setVisible(False)
        self.shared_toggle.toggled.connect(self._toggle_shared)
        self.folded_heading = QLabel()
        self.folded_heading.setObjectName("notApplicableHeading")
        self.folded_heading.setWordWrap(True)
        self.folded_heading.setStyleSheet("color:#44505c; font-weight:bold; margin-top:6px;")

    def _build_cards(self) -> None:
        self.container = QWidget()
        self.card_layout = QVBoxLayout(self.container)
        self.card_layout.setContentsMargins(0, 0, 0, 0)
        self.card_layout.addStretch(1)
        scroll = self.scroll_area = QScrollArea()
        scroll.setWidgetResizable(True)
        # the cards wrap to the column's width: never a sideways scroll that cuts option names
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.container)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(heading("Options"))
        head.addStretch(1)
        head.addWidget(self.shared_toggle)
        head.addWidget(self.show_all)
        other = QHBoxLayout()
        other.addWidget(QLabel("Other option:"))
        other.addWidget(self.other, 1)
        other.addWidget(self.add_other)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.intro)
        layout.addWidget(self.shared)
        layout.addWidget(self.error)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(other)

    def name(self, option_id: str) -> str:
        found = self.context.catalog.find(option_id)
        return found.name if found is not None else option_id

    def set_discussion(
        self, discussion: CaseDiscussion, assessment: Any, *, read_only: bool
    ) -> None:
        changed_case = self.discussion is None or self.discussion.id != discussion.id
        self.discussion = discussion
        self.read_only = read_only
        self.entries = build_entries(assessment, discussion, self.name, self.context.catalog)
        self._show_shared(assessment)
        if changed_case:
            for card in self.cards.values():
                card.saver.flush()
                dispose_card(card)
            self.cards.clear()
            self.show_all.setChecked(False)
        self.other.setEnabled(not read_only)
        self.add_other.setEnabled(not read_only)
        self._layout_cards()

    def visible_entries(self) -> list[OptionEntry]:
        """Every option with a stance plus the engine's top ranks (all with 'Show all')."""
        if self.show_all.isChecked():
            return list(self.entries)
        keys = visible_options(
            [e.key for e in self.entries if e.considered is not None],
            [e.key for e in self.entries if e.applicable],
            DEFAULT_SHOWN,
        )
        wanted = set(keys)
        return [e for e in self.entries if e.key in wanted]

    def _layout_cards(self) -> None:
        if self.discussion is None:
            return
        visible = self.visible_entries()
        keys = {e.key for e in visible}
        for key in list(self.cards):
            if key not in keys:
                self.cards[key].saver.flush()
                dispose_card(self.cards.pop(key))
        while self.card_layout.count() > 1:
            self.card_layout.takeAt(0)
        self.folded_heading.setVisible(False)
        position = 0
        for entry in visible:
            card = self.cards.get(entry.key)
            if card is None:
                card = OptionCard(self.context, entry, self.container)
                card.stance_clicked.connect(self._stance_clicked)
                card.saver.failed.connect(lambda text: self.error.show_text(text))
                for window in self._windows:
                    card.saver.watch_window(window)
                self.cards[entry.key] = card
            card.update_entry(
                entry,
                read_only=self.read_only,
                patient_id=self.discussion.patient_id,
                meeting_id=self.discussion.meeting_id,
            )
            if not entry.applicable and not self.folded_heading.isVisibleTo(self):
                folded = sum(1 for e in visible if not e.applicable)
                self.folded_heading.setText(
                    f"Not applicable now ({folded}) \u2014 still choosable; one reason each"
                )
                self.card_layout.insertWidget(position, self.folded_heading)
                self.folded_heading.setVisible(True)
                position += 1
            self.card_layout.insertWidget(position, card)
            position += 1
        hidden = len(self.entries) - len(visible)
        self.show_all.setText(f"Show all options ({hidden} more)" if hidden else "Show all options")
        self._tab_through_cards([self.cards[e.key] for e in visible])

    def _tab_through_cards(self, cards: list[QWidget]) -> None:
        """Tab goes from 'Show all options' through the cards as shown, then to 'Other option':
        cards made later would otherwise come last in the window, after the decision."""
        order: list[QWidget] = [self.show_all]
        for card in cards:
            order += focus_leaves(card)
        order += [self.other, self.add_other]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _show_shared(self, assessment: Any) -> None:
        """Reasons said alike for several options: once, above the cards."""
        shared = tuple(getattr(assessment, "shared", ()) or ())
        self.shared_toggle.setVisible(bool(shared))
        if not shared:
            self.shared.setVisible(False)
            return
        self.shared_toggle.setText(f"Shared reasons ({len(shared)})")
        self.shared_toggle.setToolTip("Reasons said alike for several options, shown once")
        lines = []
        for signal in shared:
            names = [a.option.label for a in assessment.options if signal in a.signals]
            lines.append(
                f"<li>{escape(signal.text)} <span style='color:#5f6b76'>(for "
                f"{escape(', '.join(names))})</span></li>"
            )
        self.shared.setText(f"<ul style='margin:0 0 0 -24px'>{''.join(lines)}</ul>")
        self.shared.setVisible(self.shared_toggle.isChecked())

    def _toggle_shared(self, shown: bool) -> None:
        self.shared.setVisible(shown)
        self.shared_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )

    def entry(self, key: str) -> OptionEntry:
        return next(e for e in self.entries if e.key == key)

    def _stance_clicked(self, key: str, stance: Stance) -> None:
        """A stance clicked on a card: set it, then bring its rationale box into view with the
        cursor in it (it opens under the buttons, often below the visible part of the column)."""
        if self.set_stance(key, stance):
            QTimer.singleShot(0, lambda: self.reveal_rationale(key))

    def reveal_rationale(self, key: str) -> None:
        card = self.cards.get(key)
        if card is None or not card.rationale.isVisible():
            return
        for layout in (card.layout(), self.card_layout):
            if layout is not None:
                layout.activate()  # place the just-opened box before scrolling to it
        # the whole card if it fits, and in any case the whole rationale box (a line edit asks
        # only for its cursor to be visible, which can leave the box cut at the bottom)
        self.scroll_area.ensureWidgetVisible(card, 0, 0)
        bottom = card.rationale.mapTo(self.container, QPoint(0, card.rationale.height()))
        self.scroll_area.ensureVisible(0, bottom.y(), 0, 4)
        self.scroll_area.horizontalScrollBar().setValue(0)
        card.rationale.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_stance(self, key: str, stance: Stance) -> bool:
        """Give an option a stance (create it), change it, or clear it when clicked again."""
        if self.discussion is None or self.read_only:
            return False
        entry = self.entry(key)
        disc = self.discussion
        opt = entry.considered
        ops = self.context.operations
        where = {"patient_id": disc.patient_id, "meeting_id": disc.meeting_id}
        try:
            if opt is None:
                ops.create(
                    "option",
                    {
                        "discussion_id": disc.id,
                        "option_id": entry.option_id,
                        "stance": stance,
                        "details": "",
                        "rationale": "",
                    },
                    text=f"{stance.label}: {entry.name}",
                    **where,
                )
            elif opt.stance == stance:
                self.cards[key].saver.discard()
                ops.delete(
                    "option",
                    opt.id,
                    expected_version=opt.version,
                    text=f"Clear stance on {entry.name}",
                    **where,
                )
            else:
                ops.update(
                    "option",
                    opt.id,
                    {"stance": stance},
                    expected_version=opt.version,
                    text=f"{stance.label}: {entry.name}",
                    before={"stance": opt.stance},
                    **where,
                )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))
            if key in self.cards:
                self.cards[key].update_entry(entry, read_only=self.read_only, **where)
            return False
        self.error.show_text("")
        return True

    def _add_other(self) -> None:
        if self.discussion is None or self.read_only:
            return
        option_id = self.other.currentData()
        disc = self.discussion
        try:
            self.context.operations.create(
                "option",
                {
                    "discussion_id": disc.id,
                    "option_id": option_id,
                    "stance": Stance.ALTERNATIVE,
                    "details": "",
                    "rationale": "",
                },
                text=f"Add option {self.name(option_id)}",
                patient_id=disc.patient_id,
                meeting_id=disc.meeting_id,
            )
        except STORE_ERRORS as exc:
            self.error.show_text(describe_error(exc))

    def flush(self) -> None:
        for card in self.cards.values():
            card.saver.flush()

    def watch_window(self, window: QWidget) -> None:
        if window not in self._windows:
            self._windows.append(window)
        for card in self.cards.values():
            card.saver.watch_window(window)


def focus_leaves(root: QWidget) -> list[QWidget]:
    """The widgets inside ``root`` that Tab stops at, in their focus-chain order."""
    found: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not None and widget is not root and root.isAncestorOf(widget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        widget = widget.nextInFocusChain()
    return found
