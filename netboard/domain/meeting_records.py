"""Which of a case's records a meeting shows: one rule for its screen and its summary.

Once a meeting is finalized, each case is shown as it stood on the meeting's day: records dated
after that day are left out and a course that ended later shows as ongoing, so a summary printed
months later, and the meeting's screen opened then, both show what the board saw. Until it is
finalized, a meeting shows each case as it is recorded now (a meeting being prepared or held wants
the latest results). ``records_rule`` says this in one sentence, printed on the summary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from netboard.domain.snapshot import CaseSnapshot, Meeting
from netboard.domain.vocab import MeetingStatus
from netboard.domain.wording import local_day


def meeting_day(meeting: Meeting) -> date:
    """The meeting's calendar day where the reader is (``wording.local_day`` of its start)."""
    return local_day(meeting.starts_at)


def records_day(meeting: Meeting) -> date | None:
    """The day a meeting shows its cases as of: its own day once finalized, else None (now)."""
    return meeting_day(meeting) if meeting.status == MeetingStatus.FINALIZED else None


def case_for_meeting(case: CaseSnapshot, meeting: Meeting) -> CaseSnapshot:
    """``case`` as ``meeting`` shows it (see the module's rule)."""
    day = records_day(meeting)
    return case if day is None else case_as_of(case, day)


def records_rule(meeting: Meeting, fmt_day: Callable[[date], str]) -> str:
    """The rule in words, with the meeting's day written by ``fmt_day``."""
    day = fmt_day(meeting_day(meeting))
    if records_day(meeting) is not None:
        return (
            f"Records: each case as it stood on the meeting day, {day}; records dated after "
            "that day are left out (as on the meeting's screen)."
        )
    return (
        f"Records: each case as recorded when this was made, including any records dated "
        f"after the meeting day ({day}). Once the meeting is finalized, its summary and its "
        "screen show each case as it stood on the meeting day."
    )


def case_as_of(case: CaseSnapshot, day: date, *, keep_planned: bool = False) -> CaseSnapshot:
    """The case as the board knew it on ``day``: later records left out, later ends reopened.

    ``keep_planned`` keeps courses that start after ``day`` (a preparation sheet shows the plan).
    """

    def upto(items: tuple, attr: str = "date") -> tuple:  # type: ignore[type-arg]
        return tuple(i for i in items if getattr(i, attr) <= day)

    therapies = tuple(
        c
        if c.end_date is None or c.end_date <= day or c.start_date > day
        else replace(c, end_date=None, reason_ended=None, best_response=None)
        for c in case.therapies
        if c.start_date <= day or keep_planned
    )
    return replace(
        case,
        pathology=upto(case.pathology),
        staging=upto(case.staging),
        imaging=upto(case.imaging),
        labs=upto(case.labs),
        performance=upto(case.performance),
        therapies=therapies,
        discussions=tuple(
            d
            for d in case.discussions
            if d.meeting_date is None or local_day(d.meeting_date) <= day
        ),
    )
