"""Properties over any valid CaseSnapshot: never raises, every option once, every signal sourced."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings

from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import considerations
from netboard.domain.grading import grade_drift
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.vocab import GRADE_RANK, SignalDirection
from tests.domain.checks import check_ranking
from tests.domain.wording import instructions_in
from tests.factories.strategies import cases, todays


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), today=todays)
def test_engine_on_any_valid_case(case: CaseSnapshot, today: date) -> None:
    """Never raises; every catalog option exactly once, ranked; every signal sourced and worded
    as an explanation; returns are ended, repeatable courses; the same input gives the same answer.
    """
    assessment = considerations(case, today)
    catalog = load_catalog()
    ids = [a.option.id for a in assessment.options]
    assert len(ids) == len(set(ids)) == len(catalog)
    check_ranking(assessment)
    signals = list(assessment.readiness) + list(assessment.case_signals)
    signals += [s for option in assessment.options for s in option.signals]
    for signal in signals:
        assert signal.rule_id and signal.source.strip() and signal.text.strip()
        assert isinstance(signal.direction, SignalDirection)
        assert not signal.blocking or signal.direction == SignalDirection.AGAINST
        assert not instructions_in(signal.text), signal.text
    for returned in assessment.returns:
        assert returned.course.end_date is not None and returned.course.end_date <= today
        assert returned.option.repeatable and returned.reason.strip()
    assert considerations(case, today) == assessment


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_drift_is_always_a_rise_in_date_order(case: CaseSnapshot) -> None:
    site = case.tumors[0].primary_site if case.tumors else None
    for drift in grade_drift(case.pathology, site):
        assert GRADE_RANK[drift.later_grade] > GRADE_RANK[drift.earlier_grade] > 0
        assert drift.earlier.date <= drift.later.date
