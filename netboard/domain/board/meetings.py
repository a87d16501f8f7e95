"""A meeting's defaults and its attendance check (core disciplines present or not)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from netboard.domain.snapshot import Attendance
from netboard.domain.vocab import CORE_DISCIPLINES, Discipline, MeetingStatus

DEFAULT_TITLE = "NET tumor board"
DEFAULT_HOUR = 16
CORE_SOURCE = "Commission on Cancer, 2020 standards, 2.5 (core attendance)"


def default_start(now: datetime) -> datetime:
    """The next weekday (after today) at 16:00 local time, as an aware datetime."""
    local = now.astimezone()
    day = local.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(DEFAULT_HOUR, 0)).astimezone()


def new_meeting_values(now: datetime, chair: str) -> dict[str, object]:
    """What a new meeting starts with: next weekday 16:00, the usual title, chaired by the user."""
    return {
        "starts_at": default_start(now),
        "title": DEFAULT_TITLE,
        "chair": chair,
        "location": "",
        "status": MeetingStatus.PLANNED,
    }


def missing_core(attendance: Iterable[Attendance]) -> tuple[Discipline, ...]:
    """Core disciplines (vocab.CORE_DISCIPLINES) nobody present covers, in their listed order."""
    present = {a.discipline for a in attendance}
    return tuple(d for d in CORE_DISCIPLINES if d not in present)


def coverage_note(missing: tuple[Discipline, ...]) -> str:
    """The sentence shown under the attendance list (explains and cites, never instructs)."""
    if not missing:
        return "All core disciplines are present."
    names = ", ".join(d.label for d in missing)
    return (
        f"Core discipline{'s' if len(missing) > 1 else ''} not present: {names}. "
        f"These are on the core attendance list ({CORE_SOURCE}); the record shows their absence."
    )
