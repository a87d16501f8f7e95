"""Is a case ready for the board? The considerations engine's readiness check, per agenda item.

Missing Ki-67, missing or stale imaging, no SSTR imaging, no question for the board: gaps found
before the meeting are fixed before the meeting (42 % of patients are discussed more than once,
often for missing information — tumor-board-practice.md). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from netboard.domain.snapshot import CaseSnapshot, Meeting

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog
    from netboard.domain.considerations import CaseAssessment


@dataclass(frozen=True, slots=True)
class ReadinessIssue:
    """One gap in the case record, as the agenda shows it."""

    text: str
    blocking: bool
    source: str = ""
    unverified: bool = False


NO_QUESTION = ReadinessIssue(
    "No question for the board recorded", blocking=True, source="NHS Streamlining MDT meetings"
)


def readiness(
    case: CaseSnapshot, today: date, catalog: Catalog | None, question: str
) -> tuple[ReadinessIssue, ...]:
    """The readiness gaps of ``case`` for a discussion asking ``question`` (empty: all is ready)."""
    from netboard.domain.considerations import considerations

    return issues_of(considerations(case, today, catalog, question=question), question)


def issues_of(assessment: CaseAssessment, question: str) -> tuple[ReadinessIssue, ...]:
    """The readiness gaps an assessment of the case found (for a discussion asking ``question``)."""
    issues = [
        ReadinessIssue(s.text, s.blocking, s.source, s.unverified) for s in assessment.readiness
    ]
    if not question.strip() and not any("question" in i.text.lower() for i in issues):
        issues.append(NO_QUESTION)
    return tuple(issues)


def summary(issues: tuple[ReadinessIssue, ...]) -> str:
    """'Ready' or '2 gaps: Ki-67 missing; no SSTR imaging' for a table cell."""
    if not issues:
        return "Ready"
    noun = "gap" if len(issues) == 1 else "gaps"
    return f"{len(issues)} {noun}: " + "; ".join(i.text for i in issues)


def tooltip(issues: tuple[ReadinessIssue, ...]) -> str:
    """Every gap as its own item with its source (unverified facts stay flagged), as rich text
    so Qt wraps it into a readable box instead of one line across the screen."""
    if not issues:
        return "Nothing missing for the board."
    items = []
    for issue in issues:
        line = escape(issue.text)
        if issue.source:
            line += f" <i>({escape(issue.source)})</i>"
        if issue.unverified:
            line += " [unverified]"
        items.append(f"<li>{line}</li>")
    return f"<qt><ul style='margin-left:12px; -qt-list-indent:0'>{''.join(items)}</ul></qt>"


def as_of(meeting: Meeting) -> date:
    """The day a case is judged for: the meeting's own (local) day, not the day it is looked at
    (imaging three months old today is older still when the board meets next week)."""
    return meeting.starts_at.astimezone().date()
