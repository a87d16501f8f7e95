"""Table-driven: each synthetic case shows the signals it must and never the ones it must not."""

from __future__ import annotations

import pytest

from netboard.domain.considerations import CaseAssessment, Signal, considerations
from tests.domain.cases import CASES, TableCase
from tests.factories import TODAY


def _signals_at(assessment: CaseAssessment, where: str) -> tuple[Signal, ...]:
    if where == "case":
        return assessment.case_signals
    if where == "readiness":
        return assessment.readiness
    if where == "returns":
        return tuple(s for o in assessment.options for s in o.signals)
    return assessment.option(where).signals


def _matches(signal: Signal, rule_id: str, direction: str | None) -> bool:
    if signal.rule_id != rule_id:
        return False
    if direction is None:
        return True
    if direction.endswith("!"):
        return signal.direction.value == direction[:-1] and signal.blocking
    return signal.direction.value == direction


def _describe(signals: tuple[Signal, ...]) -> str:
    return "\n".join(
        f"  {s.direction.value}{'!' if s.blocking else ''} {s.rule_id}: {s.text}" for s in signals
    )


def test_table_has_at_least_25_cases() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_signals(case: TableCase) -> None:
    assessment = considerations(case.build(), TODAY)
    for expected in case.must:
        where, rule_id, direction = expected
        found = _signals_at(assessment, where)
        assert any(_matches(s, rule_id, direction) for s in found), (
            f"missing {expected} in {where}:\n{_describe(found)}"
        )
    for unwanted in case.must_not:
        where, rule_id = unwanted[0], unwanted[1]
        direction: str | None = unwanted[2] if len(unwanted) > 2 else None
        found = _signals_at(assessment, where)
        bad = [s for s in found if _matches(s, rule_id, direction)]
        assert not bad, f"unexpected {unwanted} in {where}:\n{_describe(tuple(bad))}"


def test_blocking_is_only_ever_against() -> None:
    for case in CASES:
        assessment = considerations(case.build(), TODAY)
        for option in assessment.options:
            for signal in option.signals:
                if signal.blocking:
                    assert signal.direction.value == "against", (case.name, signal)


def test_texts_carry_the_patients_values() -> None:
    """The Krenning text names the score, date and meaning of this patient's own study."""
    case = next(c for c in CASES if c.name.startswith("Krenning 2"))
    assessment = considerations(case.build(), TODAY)
    signal = next(
        s
        for s in assessment.option("prrt_lu177_dotatate").signals
        if s.rule_id == "prrt.sstr_uptake"
    )
    assert signal.text.startswith(
        "Krenning 2 on 01 May 2026 SSTR PET: uptake at most equal to liver"
    )
