"""What each column of the patient list shows (domain.patient_list_text), without Qt."""

from __future__ import annotations

from datetime import date

from netboard.domain import patient_list_text as cells
from netboard.domain.snapshot import PatientRow
from netboard.domain.vocab import Grade, PatientStatus, PrimarySite, Sex

ROW = PatientRow("p1", "ZZ-40417", "Quillfeather", "Marisol", date(1958, 7, 23), Sex.FEMALE,
                 PatientStatus.ACTIVE, PrimarySite.PANCREAS, Grade.G2, 12.5, date(2026, 3, 2),
                 True)  # fmt: skip
BARE = PatientRow("p2", "ZZ-2", "Brindlecombe", "", None, Sex.UNKNOWN, PatientStatus.FOLLOW_UP,
                  None, None, None, None, False)  # fmt: skip


def test_every_column_of_a_full_row() -> None:
    assert [cells.cell_text(ROW, c) for c in range(len(cells.COLUMNS))] == [
        "Quillfeather, Marisol", "ZZ-40417", "Pancreas", "G2", "12.5 %", "02 Mar 2026",
        "23 Jul 1958", "Active", "\u25cf next"]  # fmt: skip
    assert [c.title for c in cells.COLUMNS][cells.KI67] == "Ki-67"


def test_what_is_not_recorded_is_a_dash_and_tooltips_say_how_to_open() -> None:
    assert [cells.cell_text(BARE, c) for c in (cells.NAME, cells.SITE, cells.GRADE, cells.KI67,
                                               cells.REVIEW, cells.BORN, cells.AGENDA)] == [
        "Brindlecombe", "\u2014", "\u2014", "\u2014", "\u2014", "\u2014", ""]  # fmt: skip
    assert cells.cell_tooltip(ROW, cells.NAME) == (
        "Quillfeather, Marisol \u00b7 MRN ZZ-40417 \u2014 double-click or Enter to open")
    assert cells.cell_tooltip(ROW, cells.AGENDA) == "On the agenda of the next board meeting"
    assert cells.cell_tooltip(BARE, cells.AGENDA) is None
