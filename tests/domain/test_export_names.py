"""The file names offered for exported PDFs (domain.export_names), without Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from netboard.domain.export_names import (
    case_sheet_name,
    handout_name,
    meeting_papers_names,
    safe_name,
    summary_name,
)
from netboard.domain.snapshot import Decision, Meeting, MeetingSnapshot
from netboard.domain.vocab import Agreement
from tests.factories.board import agenda_item, history_case, person

# 10:00 UTC is 1 Dec 2026 in every time zone from UTC-10 to UTC+13
MEETING = Meeting("m-1", datetime(2026, 12, 1, 10, tzinfo=UTC), "Synthetic board")


def test_names_carry_the_meeting_day_and_a_safe_mrn() -> None:
    assert safe_name("ZZ 40/17") == "ZZ-40-17" and safe_name("//") == "export"
    assert summary_name(MEETING) == "meeting-summary-2026-12-01.pdf"
    assert summary_name(MEETING, deidentified=True) == (
        "meeting-summary-2026-12-01-deidentified.pdf")
    assert summary_name(None) == "meeting-summary.pdf"
    assert handout_name("DEMO 000107") == "care-plan-DEMO-000107.pdf"
    assert handout_name("ZZ-1", MEETING) == "care-plan-ZZ-1-2026-12-01.pdf"
    assert case_sheet_name("ZZ/1") == "case-sheet-ZZ-1.pdf"


def test_a_meetings_papers_are_its_summary_and_a_handout_per_decided_case() -> None:
    case, current = history_case()
    decided = replace(current, decision=Decision("d", current.id, "PRRT", Agreement.CONSENSUS))
    other = replace(case, patient=person("Brindlecombe", "Odo", "ZZ 2"))
    agenda = (agenda_item(case, decided), agenda_item(other, current))
    summary, handouts = meeting_papers_names(MeetingSnapshot(MEETING, agenda=agenda))
    assert summary == "meeting-summary-2026-12-01.pdf"
    assert handouts == {case.patient.id: f"care-plan-{case.patient.mrn}-2026-12-01.pdf"}
