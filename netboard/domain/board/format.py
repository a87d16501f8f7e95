"""Short, unambiguous text for dates, times and durations on the meeting screens."""

from __future__ import annotations

from datetime import date, datetime


def fmt_date(value: date | datetime | None, empty: str = "—") -> str:
    """'12 Mar 2024': the day spelled so no reader confuses day and month."""
    if value is None:
        return empty
    return f"{value.day} {value.strftime('%b %Y')}"


def fmt_datetime(value: datetime | None, empty: str = "—") -> str:
    """'Mon 12 Mar 2024, 16:00' in local time (meetings are stored in UTC)."""
    if value is None:
        return empty
    local = value.astimezone() if value.tzinfo else value
    return f"{local.strftime('%a')} {fmt_date(local)}, {local.strftime('%H:%M')}"


def fmt_duration(seconds: int) -> str:
    """'04:07' for minutes:seconds, '1:02:03' past an hour."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def age_on(birth: date | None, today: date) -> int | None:
    """Whole years between a birth date and ``today``."""
    if birth is None:
        return None
    years = today.year - birth.year
    if (today.month, today.day) < (birth.month, birth.day):
        years -= 1
    return years
