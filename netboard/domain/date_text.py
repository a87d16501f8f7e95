"""Dates as a clinician types them: "3/4/2024", "03 Mar 2024", "2024-03-03", "3.4.24".

Numbers are read day first (3/4/2024 is 3 April 2024), as on a European form; when the first
number cannot be a month but the second can (12/25/2024) the date can only be month first and is
read so. Two-digit years fall in the century that puts them at most ten years ahead of
``today``. A text that is not a date raises ``DateTextError`` with a sentence that says why and
how to type it instead; the caller adds the field's name.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

HOW_TO_TYPE = "type it as 3/4/2024 (day/month/year), 3 Apr 2024 or 2024-04-03"

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})")
_COMPACT = re.compile(r"(\d{2})(\d{2})(\d{4})")
_WORD = re.compile(r"[a-z]+|\d+")


class DateTextError(ValueError):
    """Why a typed text is not a date, in words for the user."""


def parse_date_text(text: str, *, today: date) -> date:
    """The date ``text`` names, or ``DateTextError`` saying why it names none."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if not cleaned:
        raise DateTextError(f"no date typed; {HOW_TO_TYPE}")
    if cleaned in ("today", "t"):
        return today
    if match := _ISO.fullmatch(cleaned):
        year, month, day = (int(g) for g in match.groups())
        return _checked(text, year, month, day)
    if match := _NUMERIC.fullmatch(cleaned) or _COMPACT.fullmatch(cleaned):
        first, second, year_text = match.groups()
        day, month = int(first), int(second)
        if day <= 12 < month:
            day, month = month, day  # 12/25/2024 can only be month first
        return _checked(text, _year(year_text, today), month, day)
    return _with_month_name(text, cleaned, today)


def _with_month_name(text: str, cleaned: str, today: date) -> date:
    """'3 Mar 2024', 'March 3 2024', '3-mar-24', '3rd March 2024'."""
    words = _WORD.findall(cleaned)
    names = [w for w in words if not w.isdigit() and w not in ("st", "nd", "rd", "th")]
    numbers = [w for w in words if w.isdigit()]
    if len(names) != 1 or len(numbers) != 2:
        raise DateTextError(f"\u201c{text.strip()}\u201d is not a date; {HOW_TO_TYPE}")
    month = _month_number(names[0])
    if month is None:
        raise DateTextError(
            f"\u201c{text.strip()}\u201d is not a date: \u201c{names[0]}\u201d is not a month;"
            f" {HOW_TO_TYPE}"
        )
    day_text, year_text = numbers
    if len(day_text) > 2:
        day_text, year_text = year_text, day_text  # '2024 Mar 3'
    return _checked(text, _year(year_text, today, text), month, int(day_text))


def _month_number(word: str) -> int | None:
    if len(word) < 3:
        return None
    found = {number for name, number in _MONTHS.items() if name.startswith(word)}
    if word == "sept":
        found = {9}
    return found.pop() if len(found) == 1 else None


def _year(text: str, today: date, typed: str = "") -> int:
    if len(text) == 4:
        return int(text)
    if len(text) != 2:
        raise DateTextError(
            f"\u201c{typed.strip()}\u201d is not a date: a year has 4 digits (or 2);"
            f" {HOW_TO_TYPE}"
        )
    year = 2000 + int(text)
    return year if year <= today.year + 10 else year - 100


def _checked(text: str, year: int, month: int, day: int) -> date:
    shown = text.strip()
    if not 1 <= month <= 12:
        raise DateTextError(f"\u201c{shown}\u201d is not a date: there is no month {month}")
    if not 1 <= year <= 9999:
        raise DateTextError(f"\u201c{shown}\u201d is not a date: the year {year} is out of range")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = calendar.month_name[month]
        raise DateTextError(
            f"\u201c{shown}\u201d is not a date: {name} {year} has {days} days"
        )
    return date(year, month, day)
