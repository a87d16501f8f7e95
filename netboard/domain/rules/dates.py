"""Calendar arithmetic the rules share (month steps, month spans)."""

from __future__ import annotations

import calendar
from datetime import date

from netboard.domain.wording import fmt_date as day

__all__ = ["add_months", "day", "months_between", "whole_months"]
"""``day``: a date as every screen and paper shows it, '02 Apr 2026' (``wording.fmt_date``)."""


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (negative: earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def whole_months(earlier: date, later: date) -> int:
    """Calendar months from ``earlier`` to ``later`` (the largest n with earlier + n <= later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while months > 0 and add_months(earlier, months) > later:
        months -= 1
    return max(months, 0)


def months_between(earlier: date, later: date) -> float:
    """Whole and partial months between two dates (30.44-day months), for texts."""
    return (later - earlier).days / 30.44

