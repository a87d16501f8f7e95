"""Table-driven: ranking by evidence, trial populations, site and syndrome points, the running
therapy and sequencing (issue 10). Each case checks signals and rank constraints."""

from __future__ import annotations

import pytest

from netboard.domain.considerations import CaseAssessment, considerations
from netboard.domain.ranking import NOT_APPLICABLE
from tests.domain.cases_ranking import RANK_CASES, RankCase
from tests.domain.test_considerations_table import _describe, _matches, _signals_at
from tests.factories import TODAY


def test_at_least_40_ranking_cases() -> None:
    assert len(RANK_CASES) >= 40
    assert len({c.name for c in RANK_CASES}) == len(RANK_CASES)


def _order(assessment: CaseAssessment) -> str:
    return "\n".join(
        f"  {a.rank}. {a.option.id}: {a.rank_reason[:110]}" for a in assessment.options
    )


def _rank(assessment: CaseAssessment, option_id: str) -> int:
    return assessment.option(option_id).rank


def _check_rank(assessment: CaseAssessment, constraint: tuple[object, ...]) -> None:
    what, *args = constraint
    order = _order(assessment)
    if what == "above":
        a, b = str(args[0]), str(args[1])
        assert _rank(assessment, a) < _rank(assessment, b), f"{a} not above {b}:\n{order}"
    elif what == "first":
        assert assessment.options[0].option.id == args[0], f"{args[0]} not first:\n{order}"
    elif what == "top":
        n, a = int(str(args[0])), str(args[1])
        assert _rank(assessment, a) <= n, f"{a} not in the first {n}:\n{order}"
    elif what == "not_top":
        n, a = int(str(args[0])), str(args[1])
        assert _rank(assessment, a) > n, f"{a} in the first {n}:\n{order}"
    elif what == "folded":
        assert assessment.option(str(args[0])).tier == NOT_APPLICABLE, f"{args[0]}:\n{order}"
    elif what == "open":
        assert assessment.option(str(args[0])).tier != NOT_APPLICABLE, f"{args[0]}:\n{order}"
    elif what == "folded_at_least":
        folded = sum(1 for a in assessment.options if a.tier == NOT_APPLICABLE)
        assert folded >= int(str(args[0])), f"{folded} folded:\n{order}"
    elif what == "unverified":
        signals = assessment.option(str(args[0])).signals
        hits = [s for s in signals if s.rule_id == args[1]]
        assert hits and all(s.unverified for s in hits), _describe(tuple(hits))
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(f"unknown constraint {constraint}")


@pytest.mark.parametrize("case", RANK_CASES, ids=[c.name for c in RANK_CASES])
def test_ranking_case(case: RankCase) -> None:
    check_case(considerations(case.build(), TODAY), case)


def check_case(assessment: CaseAssessment, case: RankCase) -> None:
    """The case's must / must-not signals and rank constraints hold in ``assessment``."""
    for where, rule_id, direction in case.must:
        found = _signals_at(assessment, where)
        assert any(_matches(s, rule_id, direction) for s in found), (
            f"missing {(where, rule_id, direction)} in {where}:\n{_describe(found)}"
        )
    for unwanted in case.must_not:
        where, rule_id = unwanted[0], unwanted[1]
        direction = unwanted[2] if len(unwanted) > 2 else None
        found = _signals_at(assessment, where)
        bad = [s for s in found if _matches(s, rule_id, direction)]
        assert not bad, f"unexpected {unwanted} in {where}:\n{_describe(tuple(bad))}"
    for constraint in case.ranks:
        _check_rank(assessment, constraint)


@pytest.mark.parametrize("case", RANK_CASES, ids=[c.name for c in RANK_CASES])
def test_each_option_says_why_it_is_where_it_is(case: RankCase) -> None:
    """One line per option, no rule ids in it (they stay in the details)."""
    assessment = considerations(case.build(), TODAY)
    rule_ids = {s.rule_id for a in assessment.options for s in a.signals}
    for assessed in assessment.options:
        reason = assessed.rank_reason
        assert reason and "\n" not in reason
        assert reason.startswith(assessed.tier_label)
        assert not any(rule_id in reason for rule_id in rule_ids), reason
