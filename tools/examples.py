"""Regenerate the example PDFs in docs/examples from synthetic demo data.

``python -m tools.examples [FOLDER]`` writes a small demo database into a temporary
folder (the user's data is never touched), picks a finalized meeting with a handful of cases and
prints: the meeting summary, its de-identified variant, one patient's plan handout and that
patient's case preparation sheet. Output is reproducible: same generator, same bytes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
PATIENTS = 60
SEED = 1
WANTED_CASES = 5


def generate(folder: Path = EXAMPLES, *, patients: int = PATIENTS, seed: int = SEED) -> list[Path]:
    """Write the four example PDFs into ``folder``; return their paths."""
    from netboard.config import sqlite_url
    from netboard.db import queries
    from netboard.db.store import Store
    from netboard.demo import DEMO_TODAY, write_demo
    from netboard.domain.vocab import MeetingStatus
    from netboard.domain.wording import local_day
    from netboard.reports.case_sheet import build_case_sheets
    from netboard.reports.handout import build_handout
    from netboard.reports.meeting_summary import build_meeting_summary

    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        store = Store.open(sqlite_url(Path(scratch) / "examples.sqlite"), user="examples")
        try:
            write_demo(store, patients, seed, DEMO_TODAY)
            finalized = [
                queries.get_meeting(store, m.id)
                for m in queries.list_meetings(store)
                if m.status == MeetingStatus.FINALIZED
            ]
            meeting = min(
                (m for m in finalized if len(m.agenda) >= 3),
                key=lambda m: (abs(len(m.agenda) - WANTED_CASES), -m.meeting.starts_at.timestamp()),
            )
            cases = {i.patient.id: queries.get_case(store, i.patient.id) for i in meeting.agenda}
        finally:
            store.close()
    day = local_day(meeting.meeting.starts_at)
    stamp = datetime.combine(day, time(18, 30))
    first = next(
        i
        for i in sorted(meeting.agenda, key=lambda i: i.discussion.position)
        if i.discussion.decision is not None
    )
    case = cases[first.patient.id]
    written = [
        build_meeting_summary(
            meeting, cases, folder / "meeting-summary.pdf", generated_at=stamp, reproducible=True
        ),
        build_meeting_summary(
            meeting,
            cases,
            folder / "meeting-summary-deidentified.pdf",
            deidentified=True,
            generated_at=stamp,
            reproducible=True,
        ),
        build_handout(
            case,
            folder / "patient-handout.pdf",
            meeting_id=meeting.meeting.id,
            generated_at=stamp,
            reproducible=True,
        ),
        build_case_sheets(
            [case], folder / "case-sheet.pdf", today=day, generated_at=stamp, reproducible=True
        ),
    ]
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.examples", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=EXAMPLES,
        help="where to write (default: docs/examples)",
    )
    args = parser.parse_args(argv)
    for path in generate(args.folder):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
