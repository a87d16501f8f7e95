"""A meeting's date and time as a chair types them: "4/12 14:00", "Fri 04 Dec 2026, 14:00",
"2026-12-04 14:00", "tomorrow 8am", "14:30" or "4 Dec".

The date is read as every date field reads it (``domain.date_text``: day first, "03 Dec 2026",
ISO, "today"), with the same "is not a date" sentence, and three additions a meeting needs:
"tomorrow"; a day and month without a year ("4/12", "4 Dec") name that day in the year that puts
it nearest to today (a meeting is within weeks of today, before or after); and a weekday in front
("Fri 04 Dec 2026", as the box shows it) must be that date's weekday. A time at the end ("14:00",
"14.00" after a date, "14h", "2 pm", "2:30pm") sets the time; a part not typed keeps what the box
showed (typing "14:30" moves the meeting to 14:30 the same day; typing "4/12" keeps its hour).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from netboard.domain.date_text import HOW_TO_TYPE, DateTextError, parse_date_text
from netboard.domain.wording import fmt_date

HOW_TO_TYPE_TIME = "type the time as 14:00 (or 2 pm)"
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(
    r"(?:^|\s)(?:at\s+)?(?P<hour>\d{1,2})(?:(?P<sep>[:.h])(?P<minute>\d{2}))?\s*(?P<half>am|pm|h)?$"
)
_ISO_T = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})t(?=\d)")


def parse_date_time_text(text: str, *, today: date, shown: datetime) -> datetime:
    """The moment ``text`` names (naive, local wall clock), taking from ``shown`` (the moment
    the box showed) whatever part the text leaves out; ``DateTextError`` saying why otherwise."""
    cleaned = " ".join(_ISO_T.sub(r"\1 ", text.strip().lower()).replace(",", " ").split())
    if not cleaned:
        raise DateTextError(f"no date typed; {HOW_TO_TYPE}")
    date_part, at = _split_time(text, cleaned)
    weekday, date_part = _split_weekday(date_part)
    day = _day(date_part, text, today) if date_part else shown.date()
    if weekday is not None and day.weekday() != weekday:
        raise DateTextError(
            f"\u201c{text.strip()}\u201d is not a date: {fmt_date(day)} is a "
            f"{_WEEKDAY_NAMES[day.weekday()].capitalize()}"
        )
    return datetime.combine(day, at if at is not None else shown.time().replace(second=0))


def _split_time(text: str, cleaned: str) -> tuple[str, time | None]:
    """The date part and the time typed at the end (None: no time typed)."""
    match = _TIME.search(cleaned)
    if match is None:
        return cleaned, None
    head = cleaned[: match.start()].strip()
    sep, half = match["sep"], match["half"]
    marked = sep in (":", "h") or half is not None or (sep == "." and bool(head))
    if not marked:
        return cleaned, None  # a bare number or '4.12' is (part of) a date
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if half in ("am", "pm"):
        if not 1 <= hour <= 12:
            raise DateTextError(
                f"\u201c{text.strip()}\u201d is not a time: {hour} {half}; {HOW_TO_TYPE_TIME}"
            )
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise DateTextError(
            f"\u201c{text.strip()}\u201d is not a time: a day has hours 0 to 23 and "
            f"minutes 0 to 59; {HOW_TO_TYPE_TIME}"
        )
    return head, time(hour, minute)


def _split_weekday(date_part: str) -> tuple[int | None, str]:
    """A weekday name in front ('fri', 'friday', 'fri.') and the rest."""
    first, _, rest = date_part.partition(" ")
    word = first.rstrip(".")
    if len(word) >= 3 and not word.isdigit():
        found = [n for n, name in enumerate(_WEEKDAY_NAMES) if name.startswith(word)]
        if len(found) == 1:
            return found[0], rest.strip()
    return None, date_part


def _day(date_part: str, text: str, today: date) -> date:
    """The date part as every date field reads it, else without a year; the reason names the
    whole text typed."""
    if date_part == "tomorrow":
        return today + timedelta(days=1)
    try:
        return parse_date_text(date_part, today=today)
    except DateTextError as exc:
        why = _quoting(exc, date_part, text)
        if re.search(r"\d{3,}", date_part):
            raise why from None  # a year was typed: the date field's own reason stands
    found: list[date] = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            found.append(parse_date_text(f"{date_part} {year}", today=today))
        except DateTextError as exc:
            if year == today.year and "is not a month" not in str(why):
                why = _quoting(exc, f"{date_part} {year}", text)
    if not found:
        raise why
    # '4/12', '4 Dec': that day in the year nearest today (the later one on a tie)
    return min(found, key=lambda d: (abs((d - today).days), -d.toordinal()))


def _quoting(error: DateTextError, read: str, text: str) -> DateTextError:
    """The same reason, quoting what the user typed instead of the part that was read."""
    return DateTextError(str(error).replace(f"\u201c{read}\u201d", f"\u201c{text.strip()}\u201d"))
