"""How dates, numbers and vocabulary read on screen (one place, so every view agrees)."""

from __future__ import annotations

from datetime import date

from netboard.domain.vocab import Vocab

DASH = "\u2014"


def fmt_date(value: date | None) -> str:
    """'12 Mar 2024' (unambiguous across locales); a dash when unknown."""
    return value.strftime("%d %b %Y") if value is not None else DASH


def fmt_label(value: Vocab | None) -> str:
    return value.label if value is not None else DASH


def fmt_percent(value: float | None) -> str:
    if value is None:
        return DASH
    return f"{value:.0f} %" if value == int(value) else f"{value:.1f} %"


def fmt_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return DASH
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return f"{text} {unit}".strip()


def fmt_duration(start: date, end: date) -> str:
    """'3 months', '2 years 4 months', '12 days': how long something has run."""
    days = (end - start).days
    if days < 0:
        return "not started yet"
    if days < 45:
        return f"{days} day{'s' if days != 1 else ''}"
    months = round(days / 30.44)
    years, months = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def age_on(birth: date | None, today: date) -> int | None:
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
