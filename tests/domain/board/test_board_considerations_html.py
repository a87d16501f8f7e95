"""The Considerations tab's HTML (domain.board.considerations_html), read as plain text without
Qt: every shown signal with its source, the unverified mark, returns in the one course wording."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from netboard.domain.board.considerations_html import assessment_html, signal_html
from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import Signal, considerations
from netboard.domain.rules.history import ReturnCandidate
from netboard.domain.vocab import ReasonEnded, Response, SignalDirection
from tests.domain.board.html_text import text_of
from tests.factories import course, make_case

TODAY = date(2026, 3, 10)


def test_a_signal_reads_direction_text_and_source() -> None:
    verified = Signal("x.rule", SignalDirection.SUPPORTS, "SSTR uptake above liver", "NETTER-1")
    flagged = Signal("y.rule", SignalDirection.CAUTION, "Ki-67 cut-off", "", unverified=True,
                     blocking=False)  # fmt: skip
    assert text_of(signal_html(verified)) == (
        "\u2714 for SSTR uptake above liver\nSource: NETTER-1")
    assert text_of(signal_html(flagged)) == (
        "\u26a0 caution Ki-67 cut-off unverified\nSource: source not given")
    assert "rule x.rule" in text_of(signal_html(verified, details=True))


def test_every_signal_shown_has_its_source_and_returns_read_as_courses_do() -> None:
    catalog = load_catalog()
    case = make_case()
    assessment = considerations(case, TODAY, catalog)
    ssa = course("ssa_lanreotide", date(2021, 6, 1), date(2024, 11, 1),
                 best_response=Response.SD, reason_ended=ReasonEnded.PROGRESSION)  # fmt: skip
    back = ReturnCandidate(ssa, catalog.get("ssa_lanreotide"), "Stable for 3 years", Response.SD)
    text = text_of(assessment_html(replace(assessment, returns=(back,))))
    assert text.startswith("Decision support: each line explains itself")
    shown = [a for a in assessment.options if a.applicable and a.tier != 2]
    expected = sum(len(assessment.own_signals(a)) for a in shown) + len(assessment.shared)
    expected += len(assessment.case_signals) + len(assessment.readiness)
    assert text.count("Source:") == expected
    assert (
        "Lanreotide (Lanreotide, 01 Jun 2021 to 01 Nov 2024, best response SD)\n"
        "Stable for 3 years"
    ) in text
