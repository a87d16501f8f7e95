"""A date and time box (a meeting's start) that takes them typed as a chair types them.

"4/12 14:00", "Fri 04 Dec 2026, 14:00", "2026-12-04 14:00", "tomorrow 8am", "14:30" are read by
``domain.date_time_text`` (the date fields' rules, plus a time, "tomorrow" and a day without a
year); on leaving the box the moment is shown back as "Fri 04 Dec 2026, 14:00", and a text that is
no date keeps its text, turns red and says why (``problem_changed``), as ``DateEdit`` does. The
calendar (Alt+Down, F4) and Up/Down / Page Up/Down change the day and keep the time. Moments are
naive local wall-clock datetimes (``moment_changed``); the caller adds the time zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QWidget

from netboard.domain.date_text import DateTextError
from netboard.domain.date_time_text import parse_date_time_text
from netboard.domain.wording import fmt_date, fmt_datetime
from netboard.ui.date_edit import DateEdit, Day

EXAMPLE = "e.g. 4/12 14:00"
TIP = (
    "Type the date and time (4/12 14:00 is 4 December at 14:00; 04 Dec 2026 2 pm; "
    "2026-12-04 14:00; tomorrow 8am; 14:30 keeps the day) or pick the day with Alt+Down. "
    "Up/Down: a day; Page Up/Down: a month."
)


class DateTimeEdit(DateEdit):
    """One moment: a day and a time, typed freely or the day picked from the calendar."""

    moment_changed = Signal(object)
    """The new moment (a naive local ``datetime``) after it was typed, stepped or picked."""

    def __init__(
        self, parent: QWidget | None = None, *, today: Callable[[], Day] = Day.today
    ) -> None:
        super().__init__(parent, today=today)
        self._time = time(0, 0)
        self.line.setPlaceholderText(EXAMPLE)
        self.line.setToolTip(TIP)
        widest = self.line.fontMetrics().horizontalAdvance("Wed 00 Mmm 0000, 00:00")
        self.line.setFixedWidth(widest + 16)
        self.line.setText(fmt_datetime(self.shown(), weekday=True))

    def shown(self) -> datetime:
        """The last moment taken (what the box shows while its text is no date)."""
        return datetime.combine(self._date, self._time)

    def moment(self) -> datetime:
        """The moment typed, or ``DateTextError`` saying why the text is not one."""
        found = parse_date_time_text(self.line.text(), today=self.today(), shown=self.shown())
        if not self._low <= found.date() <= self._high:
            raise DateTextError(
                f"{fmt_date(found)} is outside {fmt_date(self._low)} to {fmt_date(self._high)}"
            )
        return found

    def value(self) -> Day:
        return self.moment().date()

    def set_moment(self, when: datetime) -> None:
        """Show ``when`` (to the minute); ``moment_changed`` when it differs from the last."""
        when = when.replace(second=0, microsecond=0, tzinfo=None)
        changed = when != self.shown()
        day_changed = when.date() != self._date
        self._date, self._time = when.date(), when.time()
        self.line.setText(fmt_datetime(when, weekday=True))
        self._set_problem("")
        if day_changed:
            self.dateChanged.emit(QDate(when.year, when.month, when.day))
        if changed:
            self.moment_changed.emit(when)

    def set_date(self, value: Day) -> None:
        """A day from the calendar or the arrow keys: the time stays."""
        self.set_moment(datetime.combine(value, self._time))

    def _take_typed(self) -> None:
        """Leaving the box: the moment typed, day and time (the base keeps the problem)."""
        self.set_moment(self.moment())
