"""Field rules (netboard.domain.validation): messages name the field and say what was wrong."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from netboard.domain import validation as val
from netboard.domain.vocab import Grade, Modality, PatientStatus, PrimarySite

TODAY = date(2026, 3, 15)


def _errors(kind: str, values: dict[str, object]) -> dict[str, str]:
    with pytest.raises(val.ValidationError) as caught:
        val.validate(kind, values, today=TODAY)
    return {e.field: e.message for e in caught.value.errors}


def _pathology(**over: object) -> dict[str, object]:
    return {"tumor_id": "t1", "date": date(2025, 1, 2), **over}


def test_ki67_out_of_range_message() -> None:
    assert _errors("pathology", _pathology(ki67=140.0)) == {
        "ki67": "Ki-67 %: must be between 0 and 100 (got 140)"
    }


def test_every_problem_is_reported_at_once() -> None:
    errors = _errors("pathology", {"ki67": -1.0, "mitoses": -2.0, "colour": "blue"})
    assert set(errors) == {"ki67", "mitoses", "tumor_id", "date", "colour"}
    assert errors["tumor_id"] == "Tumor: is required"
    assert errors["date"] == "Date: is required"
    assert errors["mitoses"].startswith("Mitoses per 2 mm²: must be between 0 and")
    assert errors["colour"] == "colour: not a field of a pathology record"


@pytest.mark.parametrize(
    ("kind", "values", "field", "message"),
    [
        ("performance", {"patient_id": "p", "date": TODAY, "ecog": 6},
         "ecog", "ECOG: must be between 0 and 5 (got 6)"),
        ("imaging", {"patient_id": "p", "date": TODAY, "modality": "ct", "krenning": 5},
         "krenning", "Krenning score: must be between 0 and 4 (got 5)"),
        ("toxicity", {"course_id": "c", "term": "Nausea", "grade": 0},
         "grade", "CTCAE grade: must be between 1 and 5 (got 0)"),
        ("lab", {"patient_id": "p", "date": TODAY, "analyte": "nse", "value": -3.0},
         "value", "Value: must be at least 0 (got -3)"),
        ("patient", {"mrn": "  ", "family_name": "Testperson"}, "mrn", "MRN: is required"),
        ("patient", {"mrn": "Z1", "family_name": "T", "birth_date": date(2027, 1, 1)},
         "birth_date", "Date of birth: cannot be in the future (got 01 Jan 2027)"),
        ("lab", {"patient_id": "p", "date": date(1899, 12, 31), "analyte": "nse", "value": 1.0},
         "date", "Date: cannot be before 1900 (got 31 Dec 1899)"),
        ("lab", {"patient_id": "p", "date": date(2090, 1, 1), "analyte": "nse", "value": 1.0},
         "date", "Date: is too far in the future (got 01 Jan 2090)"),
        ("patient", {"mrn": "Z1", "family_name": "T", "status": "sleeping"},
         "status", "Status: 'sleeping' is not one of active, follow_up, transferred, deceased"),
        ("meeting", {"title": "Board"}, "starts_at", "Starts at: is required"),
        ("patient", {"mrn": "Z" * 41, "family_name": "T"},
         "mrn", "MRN: is too long (41 characters; at most 40)"),
    ],
)  # fmt: skip
def test_rule_messages(kind: str, values: dict[str, object], field: str, message: str) -> None:
    errors = _errors(kind, val.coerce(kind, values) if kind != "patient" else values)
    assert errors[field] == message


def test_end_date_not_before_start() -> None:
    values = {
        "patient_id": "p", "option_id": "ssa", "agent": "Lanreotide",
        "modality": Modality.SOMATOSTATIN_ANALOG,
        "start_date": date(2024, 5, 1), "end_date": date(2024, 4, 30),
    }  # fmt: skip
    assert _errors("therapy", values) == {
        "end_date": "End date: cannot be before the start date 01 May 2024 (got 30 Apr 2024)"
    }
    val.validate("therapy", {**values, "end_date": date(2024, 5, 1)}, today=TODAY)


def test_valid_record_passes() -> None:
    val.validate(
        "pathology",
        _pathology(ki67=2.5, mitoses=0.0, necrosis=False, differentiation=None),
        today=TODAY,
    )
    val.validate(
        "patient",
        {"mrn": "ZZ-1", "family_name": "Testperson", "status": PatientStatus.ACTIVE},
        today=TODAY,
    )


def test_coerce_turns_form_strings_into_values() -> None:
    typed = val.coerce(
        "pathology",
        {"date": " 2024-02-03 ", "ki67": "12,5", "mitoses": "3", "necrosis": "yes",
         "differentiation": "Well", "grade": "g2", "notes": "  kept as typed "},
    )  # fmt: skip
    assert typed == {
        "date": date(2024, 2, 3),
        "ki67": 12.5,
        "mitoses": 3.0,
        "necrosis": True,
        "differentiation": val.v.Differentiation.WELL,
        "grade": Grade.G2,
        "notes": "  kept as typed ",
    }
    assert val.coerce("tumor", {"primary_site": "Small intestine"}) == {
        "primary_site": PrimarySite.SMALL_INTESTINE
    }
    assert val.coerce("staging", {"metastatic_sites": "liver, bone,"}) == {
        "metastatic_sites": ("liver", "bone")
    }
    assert val.coerce("imaging", {"krenning": "", "response": ""}) == {
        "krenning": None,
        "response": None,
    }
    started = val.coerce("meeting", {"starts_at": "2026-04-01 16:00"})["starts_at"]
    assert isinstance(started, datetime) and started.tzinfo is not None


def test_coerce_names_fields_it_cannot_read() -> None:
    with pytest.raises(val.ValidationError) as caught:
        val.coerce(
            "pathology",
            {"date": "03/02/2024", "ki67": "high", "necrosis": "maybe", "differentiation": "x"},
        )
    messages = {e.field: e.message for e in caught.value.errors}
    assert messages == {
        "date": "Date: '03/02/2024' is not a date (write it as YYYY-MM-DD)",
        "ki67": "Ki-67 %: 'high' is not a number",
        "necrosis": "Necrosis: 'maybe' is not yes or no",
        "differentiation": "Differentiation: 'x' is not one of well, poor, mixed",
    }
    assert "Ki-67 %" in str(caught.value)


def test_cycles_must_be_whole() -> None:
    with pytest.raises(val.ValidationError, match=r"Cycles: '2.5' is not a whole number"):
        val.coerce("therapy", {"cycles": "2.5"})


def test_every_kind_has_specs_matching_the_tables() -> None:
    from netboard.db.operations_kinds import KINDS

    assert set(val.KINDS) == set(KINDS)
    for kind, info in KINDS.items():
        columns = set(info.row.__table__.columns.keys())
        assert set(val.fields(kind)) <= columns, kind
    with pytest.raises(KeyError, match="unknown record kind 'spleen'"):
        val.fields("spleen")
