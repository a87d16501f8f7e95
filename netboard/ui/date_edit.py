"""A date box that takes a date typed the way a clinician types it, with a calendar beside it.

The text is free ("3/4/2024", "03 Mar 2024", "2024-03-03": ``domain.date_text`` reads it); on
leaving the box (Tab, Enter, a click elsewhere) a date is shown back as "03 Apr 2024", so how it
was read is visible, and a text that is no date keeps its text, turns red and says why
(``problem_changed``). Keys: Up/Down a day, Page Up/Down a month, Alt+Down or F4 the calendar.
The API follows QDateEdit where the forms use it (``date``, ``setDate``, ``dateChanged``,
``setMinimumDate``, and ``setSpecialValueText``: the minimum date then means "not set", shown as
an empty box with that text greyed in it, and an emptied box reads as the minimum date).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from netboard.domain.date_text import DateTextError, parse_date_text
from netboard.domain.wording import fmt_date

EXAMPLE = "e.g. 3/4/2024"
TIP = ("Type a date (3/4/2024 is 3 April; 3 Apr 2024; 2024-04-03) or pick one with Alt+Down. "
       "Up/Down: a day; Page Up/Down: a month.")
Day = date
"""``date`` under a name the class's ``date()`` method does not hide."""


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _py(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateEdit(QWidget):
    """One date: typed freely or picked from the calendar."""

    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit name the forms connect to
    problem_changed = Signal(str)
    """'' when the text is a date, else why it is not (without the field's name)."""

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], Day] = Day.today
    ) -> None:
        super().__init__(parent)
        self.today = today
        self._date = today()
        self._low, self._high = Day(1900, 1, 1), Day(2100, 12, 31)
        self._problem = ""
        self._special = ""
        self.line = QLineEdit(fmt_date(self._date))
        self.line.setObjectName("dateText")
        self.line.setPlaceholderText(EXAMPLE)
        self.line.setToolTip(TIP)
        # as wide as a date, no wider (it sits in tight rows, e.g. an action's owner and due date)
        self.line.setFixedWidth(self.line.fontMetrics().horizontalAdvance("00 Mmm 0000") + 16)
        self.line.editingFinished.connect(self.commit)
        self.line.installEventFilter(self)
        self.button = QToolButton()
        self.button.setObjectName("calendarButton")
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Pick the date on a calendar (Alt+Down)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setFixedWidth(20)
        self.button.clicked.connect(self.show_calendar)
        self.calendar: QCalendarWidget | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line)
        row.addWidget(self.button)
        self.setFocusProxy(self.line)
        # as wide as its text and calendar button: a wider cell does not pull them apart
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    # -- the QDateEdit-like API -----------------------------------------------------------------

    def date(self) -> QDate:
        """The date the text names now, or the last good one while the text names none."""
        try:
            return _qdate(self.value())
        except DateTextError:
            return _qdate(self._date)

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name
        self.set_date(_py(value))

    def setMinimumDate(self, value: QDate) -> None:  # noqa: N802
        self._low = _py(value)

    def setMaximumDate(self, value: QDate) -> None:  # noqa: N802
        self._high = _py(value)

    def setSpecialValueText(self, text: str) -> None:  # noqa: N802
        """The minimum date means 'not set': an empty box showing ``text``."""
        self._special = text
        self.line.setPlaceholderText(text)
        if self._date == self._low:
            self.line.setText("")

    def setCalendarPopup(self, _on: bool) -> None:  # noqa: N802 - always has one
        pass

    def setDisplayFormat(self, _format: str) -> None:  # noqa: N802 - always "03 Apr 2024"
        pass

    def text(self) -> str:
        return self.line.text()

    # -- values ---------------------------------------------------------------------------------

    def set_date(self, value: Day) -> None:
        changed = value != self._date
        self._date = value
        self.line.setText("" if self._special and value == self._low else fmt_date(value))
        self._set_problem("")
        if changed:
            self.dateChanged.emit(_qdate(value))

    def value(self) -> Day:
        """The date typed, or ``DateTextError`` saying why the text is not one."""
        if self._special and self.line.text().strip() in ("", self._special):
            return self._low  # not set
        found = parse_date_text(self.line.text(), today=self.today())
        if not self._low <= found <= self._high:
            raise DateTextError(
                f"{fmt_date(found)} is outside {fmt_date(self._low)} to {fmt_date(self._high)}"
            )
        return found

    @property
    def problem(self) -> str:
        return self._problem

    def commit(self) -> None:
        """Leaving the box: show the date as read, or say why the text is not a date."""
        try:
            self._take_typed()
        except DateTextError as exc:
            self._set_problem(str(exc))

    def _take_typed(self) -> None:
        """Show the value the text names (``DateTextError`` when it names none)."""
        self.set_date(self.value())

    def _set_problem(self, text: str) -> None:
        if text == self._problem:
            return
        self._problem = text
        self.line.setStyleSheet("border: 2px solid #b00020;" if text else "")
        self.line.setToolTip(f"Not a date: {text}." if text else TIP)
        self.problem_changed.emit(text)

    # -- keys and the calendar ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key, alt = Qt.Key(event.key()), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.commit()  # before focus moves on (also when the window is not the active one)
            return False
        if self.line.isReadOnly():
            return False  # no stepping, no calendar: the date cannot change
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.show_calendar()
            return True
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}
        months = {Qt.Key.Key_PageUp: 1, Qt.Key.Key_PageDown: -1}
        unset = bool(self._special) and _py(self.date()) == self._low
        base = _qdate(self.today()) if unset else self.date()  # 'not set' steps from today
        if key in steps:
            self._step(_py(base) + timedelta(days=0 if unset else steps[key]))
            return True
        if key in months:
            self._step(_py(base if unset else base.addMonths(months[key])))
            return True
        return False

    def _step(self, value: Day) -> None:
        if self._low <= value <= self._high:
            self.set_date(value)
            self.line.selectAll()

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setObjectName("datePopup")
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
        self.calendar.setDateRange(_qdate(self._low), _qdate(self._high))
        self.calendar.setSelectedDate(self.date())
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, value: QDate) -> None:
        if self.calendar is not None:
            self.calendar.hide()
        self.set_date(_py(value))
        self.line.setFocus()
