"""The options for the case under discussion: the engine's considerations and the board's stance.

Each option shows what speaks for and against it (with sources; unverified facts flagged). The
team marks it recommended / alternative / later / not now and gives a rationale. Clicking the
stance that is already set clears it. Everything is saved at once (rationale as it is typed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netboard.domain.snapshot import CaseDiscussion, OptionConsidered
from netboard.domain.vocab import Stance
from netboard.ui.context import AppContext
from netboard.ui.meetings.autosave import AutoSaver
from netboard.ui.meetings.common import Note, describe_error, heading
from netboard.ui.meetings.presentation_layout import visible_options
from netboard.ui.meetings.signals_text import signal_counts, signals_html

STANCE_COLOURS = {
    Stance.RECOMMENDED: "#1b6e3a",
    Stance.ALTERNATIVE: "#0b5cad",
    Stance.LATER: "#8a5300",
    Stance.NOT_NOW: "#6b6b6b",
}
DEFAULT_SHOWN = 8
"""Options shown before 'Show all': every option with a stance plus the engine's top ranks."""


@dataclass(frozen=True, slots=True)
class OptionEntry:
    """One card: a catalog option, its engine assessment (if any) and the board's record of it."""

    key: str
    option_id: str
    name: str
    group_text: str
    rank: int | None
    signals: tuple[Any, ...]
    considered: OptionConsidered | None


def build_entries(
    assessment: Any, discussion: CaseDiscussion, name: Callable[[str], str], catalog: Any
) -> list[OptionEntry]:
    """Cards in engine rank order; considered options the engine did not list come last."""
    considered = list(discussion.options)
    entries: list[OptionEntry] = []
    used: set[str] = set()
    ranked = list(assessment.options) if assessment is not None else []
    for assessed in ranked:
        option = assessed.option
        match = next((o for o in considered if o.option_id == option.id and o.id not in used), None)
        if match is not None:
            used.add(match.id)
        group = f"{option.group.label} · {option.modality.label}"
        entries.append(
            OptionEntry(
                option.id,
                option.id,
                option.name,
                group,
                assessed.rank,
                tuple(assessed.signals),
                match,
            )
        )
    for opt in considered:
        if opt.id in used:
            continue
        found = catalog.find(opt.option_id) if catalog is not None else None
        group = f"{found.group.label} · {found.modality.label}" if found is not None else ""
        entries.append(
            OptionEntry(opt.id, opt.option_id, name(opt.option_id), group, None, (), opt)
        )
    return entries


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
        self.title = QLabel()
        self.title.setWordWrap(True)
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
        self.buttons: dict[Stance, QPushButton] = {}
        row = QHBoxLayout()
        for stance in Stance:
            button = QPushButton(stance.label)
            button.setCheckable(True)
            button.setObjectName(f"stance_{stance.value}")
            button.setToolTip(f"Mark as {stance.label.lower()} (click again to clear)")
            button.clicked.connect(
                lambda _c=False, s=stance: self.stance_clicked.emit(self.entry.key, s)
            )
            self.buttons[stance] = button
            row.addWidget(button)
        row.addStretch(1)
        self.rationale = QLineEdit()
        self.rationale.setObjectName("rationale")
        self.rationale.setPlaceholderText("Rationale (why this stance, in a sentence)")
        self.saver = AutoSaver(context, "option", self)
        self.rationale.textEdited.connect(lambda text: self.saver.stage("rationale", text))
        self.saver.watch_focus(self.rationale)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        mid = QHBoxLayout()
        mid.addWidget(self.counts, 1)
        mid.addWidget(self.expand)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(mid)
        layout.addWidget(self.signals)
        layout.addLayout(row)
        layout.addWidget(self.rationale)
        layout.addWidget(self.history)

    def update_entry(
        self, entry: OptionEntry, *, read_only: bool, patient_id: str, meeting_id: str
    ) -> None:
        self.entry = entry
        rank = f"{entry.rank}. " if entry.rank is not None else ""
        self.title.setText(f"<b>{rank}{escape(entry.name)}</b>")
        self.title.setToolTip(entry.group_text)
        self.counts.setText(
            signal_counts(entry.signals)
            if entry.rank is not None
            else "Added by the board (no engine assessment)"
        )
        self.signals.setText(signals_html(entry.signals))
        self.expand.setVisible(bool(entry.signals))
        opt = entry.considered
        for stance, button in self.buttons.items():
            checked = opt is not None and opt.stance == stance
            button.setChecked(checked)
            colour = STANCE_COLOURS[stance]
            button.setStyleSheet(
                f"QPushButton:checked {{ background:{colour}; color:white; font-weight:bold; }}"
            )
            button.setEnabled(not read_only)
        self.rationale.setVisible(opt is not None)
        self.rationale.setReadOnly(read_only)
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


class OptionsPanel(QWidget):
    """Cards for the options of one discussion, plus 'add another catalog option'."""

    message = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.discussion: CaseDiscussion | None = None
        self.read_only = False
        self.cards: dict[str, OptionCard] = {}
        self._windows: list[QWidget] = []
        self.entries: list[OptionEntry] = []
        self.show_all = QCheckBox("Show all options")
        self.show_all.setObjectName("showAllOptions")
        self.show_all.toggled.connect(lambda _on: self._layout_cards())
        self.intro = QLabel(
            "Decision support: ranked by the signals below, each with its source. "
            "The board decides."
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
        self.container = QWidget()
        self.card_layout = QVBoxLayout(self.container)
        self.card_layout.setContentsMargins(0, 0, 0, 0)
        self.card_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.container)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll
        head = QHBoxLayout()
        head.addWidget(heading("Options"))
        head.addStretch(1)
        head.addWidget(self.show_all)
        other = QHBoxLayout()
        other.addWidget(QLabel("Other option:"))
        other.addWidget(self.other, 1)
        other.addWidget(self.add_other)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.intro)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        layout.addLayout(other)
        for option in context.catalog.options:
            self.other.addItem(option.name, option.id)

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
        if changed_case:
            for card in self.cards.values():
                card.saver.flush()
                _dispose(card)
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
            [e.key for e in self.entries],
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
                _dispose(self.cards.pop(key))
        while self.card_layout.count() > 1:
            self.card_layout.takeAt(0)
        for i, entry in enumerate(visible):
            card = self.cards.get(entry.key)
            if card is None:
                card = OptionCard(self.context, entry, self.container)
                card.stance_clicked.connect(self.set_stance)
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
            self.card_layout.insertWidget(i, card)
        hidden = len(self.entries) - len(visible)
        self.show_all.setText(f"Show all options ({hidden} more)" if hidden else "Show all options")

    def entry(self, key: str) -> OptionEntry:
        return next(e for e in self.entries if e.key == key)

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
        except Exception as exc:
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
        except Exception as exc:
            self.error.show_text(describe_error(exc))

    def flush(self) -> None:
        for card in self.cards.values():
            card.saver.flush()

    def watch_window(self, window: QWidget) -> None:
        if window not in self._windows:
            self._windows.append(window)
        for card in self.cards.values():
            card.saver.watch_window(window)


def _dispose(card: OptionCard) -> None:
    """Take a card off the screen now (deleteLater alone leaves it drawn until the loop runs)."""
    card.hide()
    card.setParent(None)
    card.deleteLater()
