"""Case preparation sheets: overview, timeline, readiness, considerations with sources and marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_checks import GENERATED, TODAY, all_text, image_xobjects, page_texts, render_all

from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import considerations
from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.reports.case_sheet import DETAILED_OPTIONS, build_case_sheets

Meeting = tuple[MeetingSnapshot, dict[str, CaseSnapshot]]


@pytest.fixture(scope="module")
def sheets(
    tmp_path_factory: pytest.TempPathFactory, meeting: Meeting
) -> tuple[Path, list[CaseSnapshot]]:
    _snapshot, cases = meeting
    chosen = list(cases.values())[:3]
    out = tmp_path_factory.mktemp("sheets") / "prep.pdf"
    return build_case_sheets(chosen, out, today=TODAY, generated_at=GENERATED), chosen


def test_one_or_two_pages_per_case(sheets: tuple[Path, list[CaseSnapshot]]) -> None:
    path, cases = sheets
    pages = page_texts(path)
    starts = [
        i
        for i, page in enumerate(pages)
        for c in cases
        if c.patient.display_name in page and f"MRN {c.patient.mrn}" in page
    ]
    assert len(starts) == len(cases)
    lengths = [b - a for a, b in zip(starts, [*starts[1:], len(pages)], strict=True)]
    assert all(1 <= n <= 2 for n in lengths), lengths
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page


def test_overview_timeline_readiness_and_considerations_with_sources(
    sheets: tuple[Path, list[CaseSnapshot]],
) -> None:
    path, cases = sheets
    text = all_text(path)
    for expected in (
        "Question for the board",
        "Diagnosis",
        "Grade and Ki-67",
        "Readiness check",
        "Considerations for the leading options",
        "Source:",
        "Other catalog options",
        "Imaging",
        "Somatostatin analogs",
    ):
        assert expected in text, expected
    catalog = load_catalog()
    for case in cases:
        assessment = considerations(case, TODAY, catalog)
        leading = [o for o in assessment.options if o.signals][:DETAILED_OPTIONS]
        for option in leading:
            assert f"{option.rank}. {option.option.name}" in text
            for signal in option.signals:
                assert " ".join(signal.source.split()) in text
        for signal in assessment.readiness:
            assert " ".join(signal.text.split()) in text


def test_unverified_facts_are_visibly_marked(sheets: tuple[Path, list[CaseSnapshot]]) -> None:
    path, cases = sheets
    text = all_text(path)
    catalog = load_catalog()
    flagged = [
        o
        for c in cases
        for o in considerations(c, TODAY, catalog).options
        if o.signals and o.unverified
    ]
    assert flagged, "the sample cases are expected to touch an unverified fact"
    assert "[unverified]" in text


def test_vector_and_renders(sheets: tuple[Path, list[CaseSnapshot]], tmp_path: Path) -> None:
    assert image_xobjects(sheets[0]) == 0
    assert len(render_all(sheets[0], tmp_path)) == len(page_texts(sheets[0]))


def test_precomputed_assessments_are_used(tmp_path: Path, meeting: Meeting) -> None:
    _snapshot, cases = meeting
    case = next(iter(cases.values()))
    assessment = considerations(case, TODAY, load_catalog(), question="A question only here?")
    out = build_case_sheets(
        [case], tmp_path / "one.pdf", today=TODAY, assessments={case.patient.id: assessment}
    )
    assert "A question only here?" in all_text(out)


def test_case_text_as_of_a_day(meeting: Meeting) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from netboard.domain.wording import course_line
    from netboard.reports.case_text import case_as_of, summary_rows

    _snapshot, cases = meeting
    case = list(cases.values())[1]
    day = case.therapies[1].start_date + timedelta(days=30)  # lanreotide running
    known = case_as_of(case, day)
    assert all(c.start_date <= day for c in known.therapies)
    running = next(c for c in known.therapies if c.id == case.therapies[1].id)
    assert running.end_date is None and running.reason_ended is None
    assert all(s.date <= day for s in known.imaging) and all(x.date <= day for x in known.labs)
    planned = replace(case.therapies[1], start_date=day + timedelta(days=9), end_date=None)
    assert "planned from" in course_line(planned, day)
    kept = case_as_of(replace(case, therapies=(planned,)), day, keep_planned=True)
    assert kept.therapies == (planned,)
    rows = dict(summary_rows(known, day))
    assert "ongoing" in rows["Therapy so far"]
