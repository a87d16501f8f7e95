"""Shared assertions about an assessment (used by the example and the property tests)."""

from __future__ import annotations

from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import CaseAssessment, OptionAssessment


def tier(assessed: OptionAssessment) -> int:
    if assessed.blocked:
        return 2
    return 0 if assessed.supports else 1


def check_ranking(assessment: CaseAssessment) -> None:
    catalog = load_catalog()
    ids = [a.option.id for a in assessment.options]
    assert sorted(ids) == sorted(catalog.ids)
    assert [a.rank for a in assessment.options] == list(range(1, len(ids) + 1))
    keys = [
        (tier(a), -(a.supports - a.against) if tier(a) < 2 else 0, catalog.index(a.option.id))
        for a in assessment.options
    ]
    assert keys == sorted(keys)
