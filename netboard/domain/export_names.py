"""The file names the window offers for the PDFs it exports (no Qt): one rule for a meeting
summary, a patient's plan handout and a case sheet, whether exported one by one or as a meeting's
papers. A name holds the meeting's local day (YYYY-MM-DD, so files sort by date) and the MRN with
anything but letters, digits, '-' and '_' made a '-'."""

from __future__ import annotations

from netboard.domain.snapshot import Meeting, MeetingSnapshot
from netboard.domain.wording import local_day


def safe_name(text: str) -> str:
    """``text`` fit for a file name: 'ZZ 40/17' -> 'ZZ-40-17' ('export' when nothing is left)."""
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text).strip("-") or "export"


def _day(meeting: Meeting | None) -> str:
    return f"-{local_day(meeting.starts_at).isoformat()}" if meeting is not None else ""


def summary_name(meeting: Meeting | None, *, deidentified: bool = False) -> str:
    """'meeting-summary-2026-12-01.pdf' ('-deidentified' before '.pdf' for that version)."""
    return f"meeting-summary{_day(meeting)}{'-deidentified' if deidentified else ''}.pdf"


def handout_name(mrn: str, meeting: Meeting | None = None) -> str:
    """'care-plan-DEMO-000107.pdf', with the meeting's day when it is one of its papers."""
    return f"care-plan-{safe_name(mrn)}{_day(meeting)}.pdf"


def case_sheet_name(mrn: str) -> str:
    return f"case-sheet-{safe_name(mrn)}.pdf"


def meeting_papers_names(meeting: MeetingSnapshot) -> tuple[str, dict[str, str]]:
    """The summary's file name and each decided case's handout file name (by patient id)."""
    handouts = {
        item.patient.id: handout_name(item.patient.mrn, meeting.meeting)
        for item in meeting.agenda
        if item.discussion.decision is not None
    }
    return summary_name(meeting.meeting), handouts
