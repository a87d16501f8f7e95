"""A therapy course as entered: its agent belongs to the option chosen; a reason it ended needs
its end date (domain.course_checks, no Qt)."""

from __future__ import annotations

from datetime import date

from netboard.domain.catalog import load_catalog
from netboard.domain.course_checks import agent_problems, ended_problems
from netboard.domain.vocab import ReasonEnded

CATALOG = load_catalog()


def test_an_agent_of_the_chosen_option_passes_in_any_case() -> None:
    assert agent_problems(CATALOG, {"option_id": "everolimus", "agent": "EVEROLIMUS"}) == []
    assert agent_problems(CATALOG, {"option_id": "everolimus", "agent": ""}) == []
    assert agent_problems(CATALOG, {"option_id": None, "agent": "octreotide"}) == []


def test_an_unknown_agent_or_one_of_another_option_is_named_on_the_agent_field() -> None:
    (unknown,) = agent_problems(CATALOG, {"option_id": "everolimus", "agent": "placebozumab"})
    assert unknown.field == "agent"
    assert unknown.message.startswith("Unknown agent \u201cplacebozumab\u201d")
    (other,) = agent_problems(CATALOG, {"option_id": "everolimus", "agent": "octreotide"})
    assert other.message == (
        "\u201coctreotide\u201d is an agent of Octreotide LAR, not of Everolimus. "
        "Choose that option or correct the agent.")


def test_a_reason_ended_needs_an_end_date() -> None:
    (problem,) = ended_problems({"reason_ended": ReasonEnded.PROGRESSION, "end_date": None})
    assert problem.field == "reason_ended"
    assert ended_problems({"reason_ended": ReasonEnded.PROGRESSION,
                           "end_date": date(2025, 1, 1)}) == []
    assert ended_problems({"reason_ended": None, "end_date": None}) == []
