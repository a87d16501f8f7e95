"""Shared assertions about an assessment (used by the example and the property tests).

The ranking oracle is written here from the documented rule (netboard/domain/ranking.py and
docs/considerations.md), apart from the engine: weights 4 / 3 / 2 / 1 by strength, supports add,
against subtract, cautions subtract half; tiers fits / to weigh / nothing specific / more against /
not applicable now.
"""

from __future__ import annotations

from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import CaseAssessment, OptionAssessment
from netboard.domain.vocab import SignalDirection

WEIGHTS = {
    "phase III trial, population fits": 4,
    "guideline statement": 3,
    "this patient's record": 3,
    "single-arm or retrospective series": 2,
    "plausibility (pattern of disease)": 1,
    "outside a trial population": 1,
}
SIGN = {
    SignalDirection.SUPPORTS: 1.0,
    SignalDirection.AGAINST: -1.0,
    SignalDirection.CAUTION: -0.5,
    SignalDirection.INFORMATION: 0.0,
}


def score(assessed: OptionAssessment) -> float:
    total = 0.0
    for signal in assessed.signals:
        weight = WEIGHTS[signal.strength.value]
        if signal.partial:
            weight = max(1, weight - 1)
        total += SIGN[signal.direction] * weight
    return total


def tier(assessed: OptionAssessment) -> int:
    if assessed.blocked:
        return 4
    value = score(assessed)
    if value > 0:
        return 0
    if any(s.direction != SignalDirection.INFORMATION for s in assessed.signals):
        return 1 if value == 0 else 3
    return 2


def check_ranking(assessment: CaseAssessment) -> None:
    catalog = load_catalog()
    ids = [a.option.id for a in assessment.options]
    assert sorted(ids) == sorted(catalog.ids)
    assert [a.rank for a in assessment.options] == list(range(1, len(ids) + 1))
    keys = []
    for a in assessment.options:
        assert a.tier == tier(a), (a.option.id, a.tier, tier(a))
        assert abs(a.score - score(a)) < 1e-9
        value = -score(a) if tier(a) < 4 else 0.0
        best = max(
            (
                max(1, WEIGHTS[s.strength.value] - (1 if s.partial else 0))
                for s in a.signals
                if s.direction == SignalDirection.SUPPORTS
            ),
            default=0,
        )
        keys.append((tier(a), value, -best if tier(a) < 4 else 0, catalog.index(a.option.id)))
    assert keys == sorted(keys)
