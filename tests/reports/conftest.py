"""Report fixtures: a synthetic meeting and its PDFs, built once per session (they take seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_checks import GENERATED, TODAY

from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.reports.meeting_summary import build_meeting_summary

CASES = 6


@pytest.fixture(scope="session")
def meeting() -> tuple[MeetingSnapshot, dict[str, CaseSnapshot]]:
    from tests.factories import sample_meeting

    return sample_meeting(CASES, TODAY)


@pytest.fixture(scope="session")
def summary_pdf(
    tmp_path_factory: pytest.TempPathFactory,
    meeting: tuple[MeetingSnapshot, dict[str, CaseSnapshot]],
) -> Path:
    snapshot, cases = meeting
    out = tmp_path_factory.mktemp("summary") / "summary.pdf"
    return build_meeting_summary(snapshot, cases, out, generated_at=GENERATED)


@pytest.fixture(scope="session")
def deidentified_pdf(
    tmp_path_factory: pytest.TempPathFactory,
    meeting: tuple[MeetingSnapshot, dict[str, CaseSnapshot]],
) -> Path:
    snapshot, cases = meeting
    out = tmp_path_factory.mktemp("deid") / "summary-deidentified.pdf"
    return build_meeting_summary(snapshot, cases, out, deidentified=True, generated_at=GENERATED)
