"""The meeting summary PDF, read back: content, Unicode names, paging, vector charts, privacy."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from report_checks import GENERATED, all_text, image_xobjects, page_texts, render_all

from netboard.domain.snapshot import CaseSnapshot, MeetingSnapshot
from netboard.domain.vocab import MeetingStatus
from netboard.reports.meeting_summary import build_meeting_summary

UNICODE_NAMES = ("Żółć", "Łukasz", "Dvořák", "Zdeňka", "Øyelund", "Sølvi", "Ἀλέξανδρος", "Наталья")

Meeting = tuple[MeetingSnapshot, dict[str, CaseSnapshot]]


def test_header_attendance_and_accreditation(summary_pdf: Path, meeting: Meeting) -> None:
    first = page_texts(summary_pdf)[0]
    for text in (
        "Neuroendocrine Tumor Program",
        "Tumor board meeting summary",
        "Neuroendocrine tumor board (synthetic)",
        "Dr. Chair Example",
        "Attendance by discipline",
        "Medical oncology",
        "Dr. Attendee 1",
        "Nurse navigator",
        "Cases presented",
        "6 of 6 on the agenda",
        "Prospective cases",
        "Core disciplines present",
        "Core disciplines absent",
        "Radiation oncology",
        "Trial eligibility discussed",
    ):
        assert text in first, text
    snapshot, _ = meeting
    prospective = sum(1 for i in snapshot.agenda if i.discussion.timing.value == "prospective")
    assert f"{prospective} of 6 ({round(100 * prospective / 6)} %)" in first


def test_every_case_with_question_options_decision_actions(
    summary_pdf: Path, meeting: Meeting
) -> None:
    text = all_text(summary_pdf)
    snapshot, _ = meeting
    for n, item in enumerate(snapshot.agenda, start=1):
        assert f"Case {n} of 6: {item.patient.display_name}" in text
        assert f"MRN {item.patient.mrn}" in text
    for expected in (
        "Question for the board",
        "Progression on the current line",
        "Options weighed",
        "Everolimus",
        "Recommended",
        "Later",
        "Not now",
        "PRRT retreatment",
        "Recommendation",
        "Everolimus 10 mg daily; continue octreotide; re-image in 12 weeks.",
        "Consensus of the board.",
        "Dissent recorded: One member favoured PRRT retreatment now.",
        "Actions",
        "Book CT chest/abdomen/pelvis",
        "Radiology desk",
        "Next review: 12 Feb 2026 (follow-up in 12 weeks)",
        "Diagnosis",
        "Grade and Ki-67",
        "SSTR status",
        "Therapy so far",
        "Addendum by Dr. Chair Example on",
    ):
        assert expected in text, expected
    # the chart is text-bearing vector art: its labels are in the text layer
    assert "Somatostatin analogs" in text and "Meeting" in text


def test_unicode_names_come_back_from_the_text_layer(summary_pdf: Path) -> None:
    text = all_text(summary_pdf)
    for name in UNICODE_NAMES:
        assert name in text, name


def test_page_x_of_y_on_every_page(summary_pdf: Path) -> None:
    pages = page_texts(summary_pdf)
    assert len(pages) >= 7  # header page + one or more per case
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page
        assert "Confidential" in page
        assert "Generated 21 Nov 2025 9:05" in page


def test_each_case_starts_a_new_page(summary_pdf: Path) -> None:
    starts = [i for i, p in enumerate(page_texts(summary_pdf)) if re.search(r"Case \d of 6:", p)]
    assert len(starts) == 6 and len(set(starts)) == 6


def test_charts_are_vector(summary_pdf: Path, deidentified_pdf: Path) -> None:
    assert image_xobjects(summary_pdf) == 0
    assert image_xobjects(deidentified_pdf) == 0


def test_deidentified_has_no_name_mrn_or_birth_date(
    deidentified_pdf: Path, meeting: Meeting
) -> None:
    text = all_text(deidentified_pdf)
    snapshot, _ = meeting
    for n, item in enumerate(snapshot.agenda, start=1):
        p = item.patient
        assert p.birth_date is not None
        for secret in (
            p.family_name,
            p.given_name,
            p.mrn,
            p.birth_date.isoformat(),
            p.birth_date.strftime("%d %b %Y"),
            p.birth_date.strftime("%d %b %Y").lstrip("0"),
            p.birth_date.strftime("%d.%m.%Y"),
            p.birth_date.strftime("%d %B %Y"),
        ):
            assert secret not in text, secret
        assert f"Case {n} of 6: {p.initials}" in text
    # names quoted in notes and addenda are replaced by the case number
    assert "Internal note: case 1 asked about travel." in text
    assert "Pathology review for case 1 confirmed the grade." in text
    assert "de-identified" in text


def test_draft_meetings_are_marked(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, cases = meeting
    draft = replace(
        snapshot,
        meeting=replace(snapshot.meeting, status=MeetingStatus.IN_SESSION),
        agenda=snapshot.agenda[:1],
    )
    out = build_meeting_summary(draft, cases, tmp_path / "draft.pdf", generated_at=GENERATED)
    assert "Draft: this meeting is not finalized" in all_text(out)


def test_missing_case_record_is_said_not_crashed(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, _ = meeting
    one = replace(snapshot, agenda=snapshot.agenda[:1])
    out = build_meeting_summary(one, {}, tmp_path / "nocase.pdf", generated_at=GENERATED)
    assert "The case record was not available" in all_text(out)


def test_progress_reaches_the_total(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, cases = meeting
    calls: list[tuple[int, int]] = []
    build_meeting_summary(
        replace(snapshot, agenda=snapshot.agenda[:2]),
        cases,
        tmp_path / "p.pdf",
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_builds_in_worker_threads_at_the_same_time(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, cases = meeting
    small = replace(snapshot, agenda=snapshot.agenda[:2])
    errors: list[BaseException] = []

    def build(name: str, deidentified: bool) -> None:
        try:
            build_meeting_summary(small, cases, tmp_path / name, deidentified=deidentified)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=build, args=(f"t{k}.pdf", k % 2 == 1)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors
    for k in range(3):
        text = all_text(tmp_path / f"t{k}.pdf")
        assert ("Łukasz" in text) == (k % 2 == 0)


def test_unwritable_target_fails_before_writing(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, cases = meeting
    with pytest.raises(ValueError, match="does not exist"):
        build_meeting_summary(snapshot, cases, tmp_path / "missing" / "x.pdf")
    with pytest.raises(ValueError, match="cannot be replaced"):
        build_meeting_summary(snapshot, cases, tmp_path)  # a folder, not a file
    assert list(tmp_path.glob("*.pdf")) == []


def test_every_page_renders(summary_pdf: Path, tmp_path: Path) -> None:
    images = render_all(summary_pdf, tmp_path)
    assert len(images) == len(page_texts(summary_pdf))
    assert all(p.stat().st_size > 1000 for p in images)


def test_reproducible_builds_give_the_same_bytes(tmp_path: Path, meeting: Meeting) -> None:
    snapshot, cases = meeting
    one = replace(snapshot, agenda=snapshot.agenda[:1])
    first = build_meeting_summary(
        one, cases, tmp_path / "a.pdf", generated_at=GENERATED, reproducible=True
    )
    second = build_meeting_summary(
        one, cases, tmp_path / "b.pdf", generated_at=GENERATED, reproducible=True
    )
    assert first.read_bytes() == second.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b.pdf"]  # no temp left
