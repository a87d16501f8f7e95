"""Reports from the database: thin wrappers that read snapshots and call the pure builders.

These are what the window and the command line call (docs/CONTRACTS.md). Each reads through
``netboard.db.queries`` only, so no ORM object reaches the report code; each checks the output
folder is writable before reading anything, and notes the export in the audit log afterwards
(``db.operations.record_export``: which document, whose data, which file, by whom).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netboard.domain.wording import local_day
from netboard.reports.document import DEFAULT_PROGRAM, Progress, ensure_writable

if TYPE_CHECKING:
    from netboard.db.store import Store


def meeting_summary(
    store: Store,
    meeting_id: str,
    path: Path,
    *,
    deidentified: bool = False,
    program_name: str = DEFAULT_PROGRAM,
    generated_at: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """The summary of one meeting (NotFoundError if the meeting does not exist)."""
    from netboard.db import queries
    from netboard.reports.meeting_summary import build_meeting_summary

    out = ensure_writable(path)
    snapshot = queries.get_meeting(store, meeting_id)
    cases = {item.patient.id: queries.get_case(store, item.patient.id) for item in snapshot.agenda}
    written = build_meeting_summary(
        snapshot,
        cases,
        out,
        deidentified=deidentified,
        generated_at=generated_at,
        program_name=program_name,
        progress=progress,
    )
    kind = "de-identified meeting summary" if deidentified else "meeting summary"
    _record(store, cases, f"{kind} {snapshot.meeting.starts_at:%Y-%m-%d}", written)
    return written


def _record(store: Store, patient_ids: Iterable[str], document: str, path: Path) -> None:
    """Note the export in the audit log (who exported whose data, which document and file)."""
    from netboard.db.operations import record_export

    record_export(store, patient_ids, document, path)


def patient_handout(
    store: Store,
    patient_id: str,
    path: Path,
    *,
    meeting_id: str | None = None,
    program_name: str = DEFAULT_PROGRAM,
    generated_at: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """The plan handout after ``meeting_id`` (default: the latest decision for the patient).

    NotFoundError if the patient is missing; ValueError when there is no decision to print.
    """
    from netboard.db import queries
    from netboard.reports.handout import build_handout

    out = ensure_writable(path)
    case = queries.get_case(store, patient_id)
    written = build_handout(
        case,
        out,
        meeting_id=meeting_id,
        generated_at=generated_at,
        program_name=program_name,
        progress=progress,
    )
    _record(store, [patient_id], "patient plan handout", written)
    return written


def case_sheet(
    store: Store,
    patient_id: str,
    path: Path,
    *,
    today: date | None = None,
    program_name: str = DEFAULT_PROGRAM,
    generated_at: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """The preparation sheet for one patient."""
    return case_sheets(
        store,
        [patient_id],
        path,
        today=today,
        program_name=program_name,
        generated_at=generated_at,
        progress=progress,
    )


def case_sheets(
    store: Store,
    patient_ids: Sequence[str],
    path: Path,
    *,
    today: date | None = None,
    program_name: str = DEFAULT_PROGRAM,
    generated_at: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """Preparation sheets for several patients in one PDF (e.g. a meeting's agenda, in order)."""
    from netboard.db import queries
    from netboard.reports.case_sheet import build_case_sheets

    out = ensure_writable(path)
    cases = [queries.get_case(store, pid) for pid in patient_ids]
    written = build_case_sheets(
        cases,
        out,
        today=today or date.today(),
        generated_at=generated_at,
        program_name=program_name,
        progress=progress,
    )
    _record(store, patient_ids, "case preparation sheet", written)
    return written


def agenda_case_sheets(
    store: Store,
    meeting_id: str,
    path: Path,
    *,
    program_name: str = DEFAULT_PROGRAM,
    generated_at: datetime | None = None,
    progress: Progress | None = None,
) -> Path:
    """Preparation sheets for every case on a meeting's agenda, assessed as of the meeting day."""
    from netboard.db import queries

    snapshot = queries.get_meeting(store, meeting_id)
    ids = [item.patient.id for item in sorted(snapshot.agenda, key=lambda i: i.discussion.position)]
    return case_sheets(
        store,
        ids,
        path,
        today=local_day(snapshot.meeting.starts_at),
        program_name=program_name,
        generated_at=generated_at,
        progress=progress,
    )
