"""A meeting's defaults (start, title, an action's due date, a decision's next review and stage
discussed), its attendance check (core disciplines present or not) and what is still undecided."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from netboard.domain.snapshot import Attendance, CaseSnapshot, Meeting, MeetingSnapshot
from netboard.domain.vocab import CORE_DISCIPLINES, Discipline, DiscussionStatus, MeetingStatus
from netboard.domain.wording import local_day, tnm_text

DEFAULT_TITLE = "NET tumor board"
DEFAULT_HOUR = 16
CORE_SOURCE = "Commission on Cancer, 2020 standards, 2.5 (core attendance)"
DEFAULT_DUE_DAYS = 14
"""A new action item is due two weeks after the meeting unless the board types a date."""


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


def undecided(snapshot: MeetingSnapshot) -> list[int]:
    """Agenda numbers (1-based) of cases still to discuss or without a recommendation (a
    deferred case is decided: it comes back to a later board)."""
    found = []
    for number, item in enumerate(snapshot.agenda, start=1):
        disc = item.discussion
        if disc.status == DiscussionStatus.DEFERRED:
            continue
        if disc.status == DiscussionStatus.PENDING or disc.decision is None:
            found.append(number)
    return found


def default_due(meeting: Meeting | None, today: date) -> date:
    """Two weeks after the meeting's day (or after today, without a meeting)."""
    start = local_day(meeting.starts_at) if meeting is not None else today
    return start + timedelta(days=DEFAULT_DUE_DAYS)


def review_date(meeting: Meeting, weeks: int | None) -> date | None:
    """The meeting's day plus the follow-up interval (None without one)."""
    if not weeks:
        return None
    return local_day(meeting.starts_at) + timedelta(weeks=weeks)


def stage_on_record(case: CaseSnapshot | None) -> str:
    """The latest staging as the decision's 'stage discussed' takes it: 'stage IV, T2 N1 M1'."""
    staging = case.latest_staging if case is not None else None
    if staging is None:
        return ""
    group = f"stage {staging.stage_group}" if staging.stage_group else ""
    return ", ".join(p for p in (group, tnm_text(staging)) if p)
