"""The case overview and the board history as a reader sees them (domain.board.overview_html,
history_html), without Qt; expectations written from the synthetic record of
tests/factories/board.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from netboard.domain.board.history_html import discussion_anchor, history_html
from netboard.domain.board.overview_html import overview_html
from netboard.domain.catalog import load_catalog
from netboard.domain.vocab import PatientStatus
from tests.domain.board.html_text import text_of
from tests.factories.board import history_case

TODAY = date(2025, 6, 2)


def test_the_overview_reads_the_latest_of_each_record() -> None:
    case, _current = history_case()
    shown = {k: text_of(v) for k, v in overview_html(case, TODAY, load_catalog()).items()}
    assert shown["diagnosis"] == (
        "Pancreas \u00b7 NET (well differentiated) \u00b7 diagnosed 01 Feb 2018")
    assert shown["grade"] == "G2 \u00b7 Ki-67 12 % (03 Mar 2025, liver)"
    assert shown["earlier"] == "\u2014"
    assert shown["stage"] == (
        "T2 N1 M1 \u00b7 stage IV\nmetastatic: liver \u00b7 liver burden 15 % (03 Mar 2025)")
    assert shown["sstr"] == "Krenning 3 (01 Apr 2025)"
    assert (shown["fdg"], shown["ecog"]) == ("not done", "not recorded")
    assert shown["therapy"] == "none ongoing; last: lanreotide (ended 01 Nov 2024, progression)"
    assert shown["review"] == "none set by the last board"
    one = replace(case.staging[0], lesion_count=1)
    staged = text_of(overview_html(replace(case, staging=(one,)), TODAY, load_catalog())["stage"])
    assert "liver burden 15 % \u00b7 1 lesion (03 Mar 2025)" in staged
    deceased = replace(case, patient=replace(case.patient, status=PatientStatus.DECEASED))
    assert text_of(overview_html(deceased, TODAY, load_catalog())["review"]) == (
        "none (patient deceased)")


def test_the_board_history_lists_each_board_newest_first_with_its_course() -> None:
    case, current = history_case()
    html = history_html(case, load_catalog())
    text = text_of(html)
    boards = [line for line in text.splitlines() if "\u2014 Synthetic board" in line]
    assert [b.split(" \u2014")[0] for b in boards] == ["03 Jun 2025", "20 Nov 2024", "04 May 2021"]
    assert "Recommended: Lanreotide\nSSTR positive, low Ki-67" in text
    assert "Decided (consensus): Lanreotide 120 mg every 28 days" in text
    assert text.endswith("Courses started from this decision:\nlanreotide from 01 Jun 2021")
    # a stance has one colour on the discussion screen, the slides and here (Later amber)
    assert "<span style='color:#8a5300;font-weight:bold'>Later</span>" in html
    course_id = case.therapies[0].id
    assert f"course:{course_id}" in html and discussion_anchor(current.id) in html
