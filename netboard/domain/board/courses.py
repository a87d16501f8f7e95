"""Which therapy course came from a board's recommendation (one answer for every screen).

Concordance (did the recommendation become a course?) and revisit (what became of an earlier
option?) ask the same question and read this answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from netboard.domain.snapshot import TherapyCourse


@dataclass(frozen=True, slots=True)
class CourseFollowed:
    """The course a recommended option led to."""

    course: TherapyCourse
    linked: bool
    """Linked to the board's decision (recorded as coming from it)."""
    continued: bool
    """Already running on the day of the board, which kept it going."""


def course_from(
    decision_id: str | None,
    option_id: str,
    courses: Iterable[TherapyCourse],
    day: date | None,
) -> CourseFollowed | None:
    """The course of ``option_id`` that followed a board on ``day`` whose decision is
    ``decision_id``: a course linked to that decision first; else the earliest course of the
    option started on or after the board and linked to no other decision; else the latest one
    running on the board day (continued). None when no course fits."""
    same = sorted((c for c in courses if c.option_id == option_id), key=lambda c: c.start_date)
    for course in same:
        if decision_id is not None and course.decision_id == decision_id:
            return CourseFollowed(course, linked=True, continued=False)
    if day is None:
        return None
    for course in same:
        if course.start_date >= day and course.decision_id is None:
            return CourseFollowed(course, linked=False, continued=False)
    running = [c for c in same if c.start_date <= day and (c.end_date is None or c.end_date >= day)]
    return CourseFollowed(running[-1], linked=False, continued=True) if running else None
