"""Concordance: did each board recommendation become a therapy course? (no Qt)

A recommendation is followed when a course of the recommended option came from it
(``courses.course_from``: linked to its decision, else started after the board and linked to no
other decision, else running at the board and continued); a course that starts in the future is
'planned'. The view reports what happened and never judges it: a different choice may have good
reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial

from netboard.domain.board.courses import CourseFollowed, course_from
from netboard.domain.snapshot import CaseDiscussion, Meeting, Patient, TherapyCourse
from netboard.domain.vocab import Stance
from netboard.domain.wording import fmt_date, local_day

STARTED = "Started"
PLANNED = "Planned"
OTHER = "Other therapy started"
NOT_STARTED = "Not started"
NO_OPTION = "No option marked recommended"
WATCHFUL = "Surveillance: no course expected"

Decided = tuple[Meeting, Patient, CaseDiscussion, tuple[TherapyCourse, ...]]


@dataclass(frozen=True, slots=True)
class ConcordanceRow:
    meeting: Meeting
    patient: Patient
    discussion_id: str
    option_id: str | None
    option_name: str
    recommendation: str
    status: str
    detail: str
    course: TherapyCourse | None = None
    days_to_start: int | None = None


def _followed(
    followed: CourseFollowed, day: date, today: date
) -> tuple[str, str, int]:
    """(status, what happened, days from the board to the start) of a course that followed."""
    course = followed.course
    days = (course.start_date - day).days
    status = PLANNED if course.start_date > today else STARTED
    link = "linked to this decision" if followed.linked else "not linked to the decision"
    since = fmt_date(course.start_date)
    if followed.continued:
        return status, f"{course.agent} running since {since} (continued; {link})", days
    verb = "starts" if status == PLANNED else "started"
    when = f"{days} days after" if days >= 0 else f"{-days} days before"
    return status, f"{course.agent} {verb} {since} ({when} the board; {link})", days


def _option_row(
    entry: Decided,
    option_id: str,
    today: date,
    name: Callable[[str], str],
    no_course_expected: Callable[[str], bool],
) -> ConcordanceRow:
    """What became of one recommended option of one decision."""
    meeting, patient, disc, courses = entry
    day = local_day(meeting.starts_at)
    decision_id = disc.decision.id if disc.decision else None
    row = partial(ConcordanceRow, meeting, patient, disc.id, option_id, name(option_id),
                  disc.decision.recommendation if disc.decision else "")  # fmt: skip
    followed = course_from(decision_id, option_id, courses, day)
    if followed is not None:
        status, detail, days = _followed(followed, day, today)
        return row(status, detail, followed.course, days)
    if no_course_expected(option_id):
        return row(WATCHFUL, "Followed by imaging and review, not a course")
    others = [c for c in courses if c.start_date >= day and c.option_id != option_id]
    if others:
        first = min(others, key=lambda c: c.start_date)
        return row(OTHER, f"{first.agent} started {fmt_date(first.start_date)} instead", first)
    return row(NOT_STARTED, "No therapy course recorded since the board")


def concordance(
    decided: Iterable[Decided],
    today: date,
    name: Callable[[str], str],
    no_course_expected: Callable[[str], bool] = lambda _option_id: False,
) -> list[ConcordanceRow]:
    """One row per recommended option of every decision (newest meeting first).

    ``no_course_expected`` names options (surveillance) that need not become a therapy course.
    """
    found: list[ConcordanceRow] = []
    for entry in decided:
        meeting, patient, disc, _courses = entry
        recommended = [o.option_id for o in disc.options if o.stance == Stance.RECOMMENDED]
        if not recommended:
            text = disc.decision.recommendation if disc.decision else ""
            found.append(ConcordanceRow(meeting, patient, disc.id, None, "—", text, NO_OPTION,
                                        "The decision names no option as recommended"))  # fmt: skip
        found.extend(_option_row(entry, o, today, name, no_course_expected) for o in recommended)
    found.sort(key=lambda r: r.meeting.starts_at, reverse=True)
    return found


def concordance_summary(rows: list[ConcordanceRow]) -> str:
    """'7 of 9 recommended options became a therapy course (78 %); 1 planned.'"""
    counted = [r for r in rows if r.status not in (NO_OPTION, WATCHFUL)]
    if not counted:
        return "No recommendation names an option yet."
    started = sum(1 for r in counted if r.status == STARTED)
    planned = sum(1 for r in counted if r.status == PLANNED)
    share = round(100 * started / len(counted))
    text = (
        f"{started} of {len(counted)} recommended options became a started therapy course "
        f"({share} %)"
    )
    if planned:
        text += f"; {planned} planned"
    return text + "."
