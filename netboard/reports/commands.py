"""``netboard report ...``: print a meeting summary, a patient handout or a case sheet to PDF.

Each sub-command sets ``func(args, store) -> int`` and ``existing=True`` (a report never creates
an empty database from a mistyped path). A missing meeting or patient raises
``NotFoundError`` and an unusable output path ``ValueError``, each with a one-line message for
the command line to print; nothing is read before the output folder is known to be writable.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netboard.reports.document import DEFAULT_PROGRAM, ensure_writable

if TYPE_CHECKING:
    from netboard.db.store import Store
    from netboard.domain.snapshot import Meeting, Patient


def register(subparsers: Any) -> None:
    """Add ``report`` with its sub-commands ``meeting``, ``handout`` and ``case``."""
    report = subparsers.add_parser(
        "report",
        help="print PDF reports (meeting summary, patient handout, case sheet)",
        description="Print PDF reports from the database.",
    )
    kinds = report.add_subparsers(dest="report_kind", metavar="KIND", required=True)

    meeting = kinds.add_parser("meeting", help="meeting summary")
    meeting.add_argument("meeting", help="meeting id, or its date as YYYY-MM-DD")
    _output(meeting)
    meeting.add_argument(
        "--deidentified",
        action="store_true",
        help="patients as initials and case number only (no names, MRNs or birth dates)",
    )
    meeting.set_defaults(func=_meeting, existing=True, read_only="auto")

    handout = kinds.add_parser("handout", help="plan handout for one patient after a meeting")
    handout.add_argument("mrn", help="the patient's MRN")
    handout.add_argument(
        "--meeting", help="meeting id or date (default: the latest decision for the patient)"
    )
    _output(handout)
    handout.set_defaults(func=_handout, existing=True, read_only="auto")

    case = kinds.add_parser("case", help="case preparation sheet for one patient")
    case.add_argument("mrn", help="the patient's MRN")
    _output(case)
    case.set_defaults(func=_case, existing=True, read_only="auto")


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-o", "--output", required=True, type=Path, help="the PDF file to write")
    parser.add_argument("--program", default=DEFAULT_PROGRAM, help="program name for the header")


def _meeting(args: argparse.Namespace, store: Store) -> int:
    from netboard.reports.api import meeting_summary

    out = ensure_writable(args.output)
    meeting_id = _meeting_id(store, args.meeting)
    written = meeting_summary(
        store, meeting_id, out, deidentified=args.deidentified, program_name=args.program
    )
    print(f"Wrote {written}")
    return 0


def _handout(args: argparse.Namespace, store: Store) -> int:
    from netboard.reports.api import patient_handout

    out = ensure_writable(args.output)
    patient_id = _patient_id(store, args.mrn)
    meeting_id = _meeting_id(store, args.meeting) if args.meeting else None
    written = patient_handout(
        store, patient_id, out, meeting_id=meeting_id, program_name=args.program
    )
    print(f"Wrote {written}")
    return 0


def _case(args: argparse.Namespace, store: Store) -> int:
    from netboard.reports.api import case_sheet

    out = ensure_writable(args.output)
    written = case_sheet(store, _patient_id(store, args.mrn), out, program_name=args.program)
    print(f"Wrote {written}")
    return 0


def _meeting_id(store: Store, text: str) -> str:
    from netboard.db import queries

    return _id_of(queries.find_meeting(store, text), "meeting", text)


def _patient_id(store: Store, mrn: str) -> str:
    from netboard.db import queries

    return _id_of(queries.find_patient(store, mrn), "patient with MRN", mrn)


def _id_of(found: Meeting | Patient | None, what: str, text: str) -> str:
    """The id of what was found, else NotFoundError naming what was asked for."""
    from netboard.db.errors import NotFoundError

    if found is None:
        raise NotFoundError(what, text)
    return found.id
