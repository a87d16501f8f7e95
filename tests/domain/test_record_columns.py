"""What each record table of the case workspace shows (domain.record_columns), without Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from netboard.domain import record_columns as cols
from netboard.domain.catalog import load_catalog
from netboard.domain.vocab import Response
from tests.factories import records as f

TODAY = date(2026, 3, 10)


def _row(columns: tuple[cols.RecordColumn, ...], record: object) -> dict[str, str]:
    return {c.title: c.text(record) for c in columns}


def test_a_running_course_from_a_board_decision() -> None:
    course = f.course("ssa_octreotide_lar", date(2025, 3, 10), best_response=Response.SD,
                      toxicities=[f.toxicity("diarrhoea", 2)], cycles=12)
    course = replace(course, decision_id="d1")
    facts = cols.CaseFacts(today=TODAY, decision_dates={"d1": date(2025, 2, 26)})
    row = _row(cols.therapy_columns(load_catalog(), facts), course)
    assert row["Option"] == "Octreotide LAR"
    assert (row["Start"], row["End"], row["Duration"]) == ("10 Mar 2025", "ongoing", "12 months")
    assert (row["Cycles"], row["Toxicities"]) == ("12", "diarrhoea G2")
    assert (row["Dose / schedule"], row["From"]) == ("\u2014", "board 26 Feb 2025")


def test_an_unknown_option_shows_its_id_and_no_option_a_dash() -> None:
    catalog = load_catalog()
    assert cols.option_name(catalog, "not_in_catalog") == "not_in_catalog"
    assert cols.option_name(catalog, "") == "\u2014"


def test_a_grade_that_rose_is_marked_and_coloured() -> None:
    earlier, later = f.pathology(date(2023, 1, 5), 2), f.pathology(date(2025, 1, 5), 8)
    columns = cols.pathology_columns(cols.CaseFacts(today=TODAY, drift_ids={later.id}))
    grade = next(c for c in columns if c.title == "WHO grade")
    assert (grade.text(earlier), grade.text(later)) == ("G1", "G2  \u2191 rose")
    assert grade.highlight is not None
    assert (grade.highlight(earlier), grade.highlight(later)) == (None, cols.DRIFT_COLOUR)
    assert _row(columns, later)["Ki-67"] == "8 %"


def test_staging_imaging_and_ecog_rows() -> None:
    staging = f.staging(date(2025, 1, 5), ("liver", "bone"), burden=30, t="T2", n="N1")
    assert _row(cols.staging_columns(), staging) == {
        "Date": "05 Jan 2025", "TNM": "T2 N1 M1", "Stage": "\u2014",
        "Metastatic sites": "liver, bone", "Liver burden": "30 %"}
    pet = _row(cols.imaging_columns(), f.sstr_pet(date(2025, 2, 1), 4))
    assert (pet["Krenning"], pet["Largest lesion"]) == ("4", "\u2014")
    assert _row(cols.ecog_columns(), f.ecog(date(2025, 2, 1), 1))["Meaning"] == (
        "Restricted in strenuous activity; ambulatory, light work")
