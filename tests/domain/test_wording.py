"""No instructing verbs in the catalog, the rule summaries, or any text the engine produces."""

from __future__ import annotations

import pytest

from netboard.domain.catalog import load_catalog
from netboard.domain.considerations import considerations
from netboard.domain.rules import ALL_RULES
from tests.domain.cases import CASES
from tests.domain.large_case import make_large_case
from tests.domain.wording import instructions_in
from tests.factories import TODAY


@pytest.mark.parametrize(
    "text",
    [
        "Consider PRRT now.",
        "Krenning 3: start PRRT",
        "Patients should get SSA",
        "The board must weigh this",
        "Lanreotide is recommended",
        "Give 7.4 GBq",
        "Liver-only metastases; hold lanreotide before PRRT",
        "Administered every 4 weeks",
    ],
)
def test_the_scan_catches_instructions(text: str) -> None:
    assert instructions_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Krenning 3 on 2026-05-02 SSTR PET: uptake above liver",
        "a long-acting SSA is paused at least 4 weeks before each PRRT dose",
        "Treatment begins if it changes.",
        "Grade rose from G1 to G3",
    ],
)
def test_the_scan_lets_explanations_through(text: str) -> None:
    assert not instructions_in(text)


def test_catalog_texts_do_not_instruct() -> None:
    for option in load_catalog():
        texts = [
            option.name,
            option.regimen,
            option.plain_language,
            option.availability,
            option.pivotal_data,
            *option.unverified_facts,
            *option.references,
        ]
        for text in texts:
            assert not instructions_in(text), (option.id, text)


def test_rule_summaries_do_not_instruct() -> None:
    for rule in ALL_RULES:
        assert not instructions_in(rule.summary), (rule.id, rule.summary)
        assert not instructions_in(rule.source), (rule.id, rule.source)


def test_every_text_the_engine_produces_for_the_test_cases_explains() -> None:
    cases = [c.build() for c in CASES] + [make_large_case()]
    seen = 0
    for case in cases:
        assessment = considerations(case, TODAY)
        texts = [s.text for s in assessment.readiness + assessment.case_signals]
        texts += [s.text for option in assessment.options for s in option.signals]
        texts += [r.reason for r in assessment.returns] + [d.text for d in assessment.drift]
        for text in texts:
            assert not instructions_in(text), text
        seen += len(texts)
    assert seen > 300
