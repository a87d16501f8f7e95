"""A new patient's first findings become records (domain.first_findings), without Qt."""

from __future__ import annotations

from datetime import date
from typing import Any

from netboard.domain.first_findings import (
    FIELDS,
    avidity_of,
    create_findings,
    findings_problems,
    findings_records,
)
from netboard.domain.vocab import Avidity, Histology, ImagingModality, PrimarySite

TODAY = date(2026, 3, 10)
EMPTY: dict[str, Any] = dict.fromkeys(FIELDS)


def test_nothing_filled_in_is_no_record() -> None:
    assert findings_records(EMPTY, TODAY, "m1") == []
    assert findings_problems([], TODAY) == []


def test_every_finding_becomes_its_record_in_order() -> None:
    values = {**EMPTY, "_primary_site": PrimarySite.PANCREAS, "_histology": Histology.NET,
              "_diagnosis_date": date(2026, 2, 1), "_ki67": 12.0, "_krenning": 3,
              "_sstr_date": date(2026, 2, 20), "_ecog": 1, "_stage": "IV",
              "_question": "PRRT or everolimus?"}
    assert findings_records(values, TODAY, "m1") == [
        ("tumor", {"primary_site": PrimarySite.PANCREAS, "histology": Histology.NET,
                   "diagnosis_date": date(2026, 2, 1)}),
        ("pathology", {"date": date(2026, 2, 1), "ki67": 12.0}),
        ("imaging", {"date": date(2026, 2, 20), "modality": ImagingModality.SSTR_PET,
                     "krenning": 3, "avidity": Avidity.POSITIVE}),
        ("performance", {"date": TODAY, "ecog": 1}),
        ("staging", {"date": TODAY, "stage_group": "IV"}),
        ("discussion", {"meeting_id": "m1", "question": "PRRT or everolimus?"}),
    ]


def test_a_ki67_without_diagnosis_date_is_dated_today_and_a_question_needs_a_meeting() -> None:
    values = {**EMPTY, "_primary_site": PrimarySite.SMALL_INTESTINE, "_ki67": 2.0,
              "_question": "Watch?"}
    records = findings_records(values, TODAY, None)
    assert [kind for kind, _v in records] == ["tumor", "pathology"]
    assert records[1][1]["date"] == TODAY


def test_avidity_follows_the_krenning_score() -> None:
    assert [avidity_of(k) for k in range(5)] == [
        Avidity.NEGATIVE, Avidity.NEGATIVE, Avidity.EQUIVOCAL, Avidity.POSITIVE,
        Avidity.POSITIVE]


def test_a_ki67_or_stage_without_a_site_is_a_problem_on_the_site_field() -> None:
    records = findings_records({**EMPTY, "_ki67": 7.0}, TODAY, "m1")
    problems = findings_problems(records, TODAY)
    assert [p.field for p in problems] == ["_primary_site"]
    assert "needed for a Ki-67 or a stage" in problems[0].message


def test_a_refused_value_is_reported_on_its_form_field() -> None:
    values = {**EMPTY, "_primary_site": PrimarySite.PANCREAS, "_histology": Histology.NET,
              "_diagnosis_date": date(2027, 1, 1)}  # after today: validation refuses it
    problems = findings_problems(findings_records(values, TODAY, None), TODAY)
    assert problems and {p.field for p in problems} == {"_diagnosis_date"}


def test_records_are_created_with_the_patient_and_the_tumor_they_belong_to() -> None:
    values = {**EMPTY, "_primary_site": PrimarySite.PANCREAS, "_ki67": 5.0, "_ecog": 0}
    made: list[tuple[str, dict[str, Any]]] = []

    def run(kind: str, record: dict[str, Any]) -> str:
        made.append((kind, record))
        return f"{kind}-{len(made)}"

    create_findings(findings_records(values, TODAY, None), "p1", run)
    assert [(kind, r.get("patient_id"), r.get("tumor_id")) for kind, r in made] == [
        ("tumor", "p1", None), ("pathology", None, "tumor-1"), ("performance", "p1", None)]
