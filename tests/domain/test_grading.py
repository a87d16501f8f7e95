"""WHO grade boundaries, 'the higher wins', lung criteria, and grade drift with dates and sites."""

from __future__ import annotations

from datetime import date

import pytest

from netboard.domain.grading import (
    GradeDrift,
    effective_grade,
    grade_basis,
    grade_drift,
    grade_for,
)
from netboard.domain.vocab import Differentiation, Grade, Histology, PrimarySite
from tests.factories import pathology

PANC = PrimarySite.PANCREAS
LUNG = PrimarySite.LUNG


@pytest.mark.parametrize(
    ("ki67", "grade"),
    [
        (0, Grade.G1),
        (2.9, Grade.G1),
        (3, Grade.G2),
        (20, Grade.G2),
        (20.1, Grade.G3),
        (80, Grade.G3),
    ],
)
def test_ki67_boundaries(ki67: float, grade: Grade) -> None:
    assert grade_for(PANC, ki67, None) == grade


@pytest.mark.parametrize(
    ("mitoses", "grade"),
    [(0, Grade.G1), (1.9, Grade.G1), (2, Grade.G2), (20, Grade.G2), (21, Grade.G3)],
)
def test_mitotic_boundaries(mitoses: float, grade: Grade) -> None:
    assert grade_for(PANC, None, mitoses) == grade


@pytest.mark.parametrize(
    ("ki67", "mitoses", "grade"),
    [(2, 5, Grade.G2), (25, 1, Grade.G3), (5, 25, Grade.G3), (1, 1, Grade.G1)],
)
def test_the_higher_grade_wins(ki67: float, mitoses: float, grade: Grade) -> None:
    assert grade_for(PANC, ki67, mitoses) == grade


def test_poor_differentiation_is_nec_whatever_the_counts() -> None:
    assert grade_for(PANC, 5, 1, Differentiation.POOR) == Grade.NEC
    assert grade_for(LUNG, None, 1, histology=Histology.NEC_SMALL_CELL) == Grade.NEC


@pytest.mark.parametrize(
    ("mitoses", "necrosis", "grade"),
    [
        (1, False, Grade.TYPICAL_CARCINOID),
        (2, False, Grade.ATYPICAL_CARCINOID),
        (10, False, Grade.ATYPICAL_CARCINOID),
        (1, True, Grade.ATYPICAL_CARCINOID),
        (11, False, Grade.NEC),
        (None, False, Grade.UNKNOWN),
        (None, True, Grade.ATYPICAL_CARCINOID),
    ],
)
def test_lung_typical_atypical(mitoses: float | None, necrosis: bool, grade: Grade) -> None:
    assert grade_for(LUNG, 50, mitoses, necrosis=necrosis) == grade


def test_no_counts_is_unknown() -> None:
    assert grade_for(PANC, None, None) == Grade.UNKNOWN


def test_grade_basis_names_the_deciding_criterion() -> None:
    assert grade_basis(PANC, 25, 4) == (
        "Ki-67 25 % → G3; mitoses 4/2 mm² → G2; the higher applies: G3"
    )
    assert grade_basis(PANC, 2.5, None) == "Ki-67 2.5 % → G1"
    assert "lung criteria" in grade_basis(LUNG, None, 3)
    assert "NEC whatever the counts" in grade_basis(PANC, 5, None, Differentiation.POOR)


def test_effective_grade_derives_when_unknown_was_stored() -> None:
    stored = pathology(date(2025, 1, 1), 25, grade=Grade.UNKNOWN, site=PANC)
    assert effective_grade(stored, PANC) == Grade.G3


def test_drift_reports_each_rise_with_both_dates_sites_and_values() -> None:
    results = [
        pathology(date(2024, 6, 1), 12, site=PANC, specimen_site="liver segment 6"),
        pathology(date(2020, 3, 4), 2, site=PANC, specimen_site="pancreatic tail"),
        pathology(date(2026, 1, 10), 35, site=PANC, specimen_site="bone biopsy"),
    ]
    drifts = grade_drift(results, PANC)
    assert [(d.earlier_grade, d.later_grade) for d in drifts] == [
        (Grade.G1, Grade.G2),
        (Grade.G2, Grade.G3),
    ]
    assert drifts[0].text == (
        "Grade rose from G1 (Ki-67 2 %, pancreatic tail, 2020-03-04) "
        "to G2 (Ki-67 12 %, liver segment 6, 2024-06-01)"
    )
    assert "bone biopsy, 2026-01-10" in drifts[1].text


def test_no_drift_when_grade_falls_or_returns_to_an_earlier_level() -> None:
    results = [
        pathology(date(2020, 1, 1), 12, site=PANC),
        pathology(date(2021, 1, 1), 1, site=PANC),
        pathology(date(2022, 1, 1), 15, site=PANC),
    ]
    assert grade_drift(results, PANC) == ()


def test_lung_typical_to_atypical_is_drift_and_unknown_is_skipped() -> None:
    results = [
        pathology(date(2020, 1, 1), None, 1, site=LUNG),
        pathology(date(2021, 1, 1), None, None, site=LUNG),
        pathology(date(2023, 1, 1), None, 5, site=LUNG),
    ]
    drifts = grade_drift(results, LUNG)
    assert len(drifts) == 1
    assert drifts[0].earlier_grade == Grade.TYPICAL_CARCINOID
    assert drifts[0].later_grade == Grade.ATYPICAL_CARCINOID
    assert "mitoses 5/2 mm²" in drifts[0].text


def test_grade_drift_built_from_two_results_takes_their_grades() -> None:
    earlier = pathology(date(2021, 1, 1), 2, site=PANC, specimen_site="pancreas")
    later = pathology(date(2024, 1, 1), 30, site=PANC, specimen_site="liver")
    drift = GradeDrift(earlier, later)
    assert (drift.earlier_grade, drift.later_grade) == (Grade.G1, Grade.G3)
    assert drift.text.startswith("Grade rose from G1 (Ki-67 2 %, pancreas, 2021-01-01) to G3")
