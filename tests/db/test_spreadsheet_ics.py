"""Patient lists from CSV/XLSX (per-row errors, nothing half-written), list exports, .ics."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from db_helpers import make_case, patient_values

from netboard import cli
from netboard.db import operations as ops
from netboard.db import queries
from netboard.db.store import Store
from netboard.interchange import spreadsheet as ss
from netboard.interchange.invitation import invitation

CSV_TEXT = """MRN;Last name;First name;DOB;Gender;Notes
ZZ-L-1;Listperson;Ada;1960-05-01;female;fine
ZZ-L-2;;Bea;1961-01-01;female;no family name
ZZ-L-3;Datewrong;Cy;01/13/1970;male;bad date
ZZ-L-1;Twiceperson;Di;1962-02-02;female;same MRN as row 2
ZZ-TEST-0001;Clashperson;Ed;1963-03-03;male;MRN in the database
ZZ-L-6;Okperson;Flo;;unknown;
"""


def test_csv_rows_with_errors_are_listed_and_skipped_the_rest_imported(
    sqlite_store: Store, tmp_path: Path
) -> None:
    make_case(sqlite_store)  # ZZ-TEST-0001 exists
    path = tmp_path / "list.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    table = ss.read_table(path)
    mapping = ss.guess_mapping(table.headers)
    assert mapping == {
        "mrn": "MRN",
        "family_name": "Last name",
        "given_name": "First name",
        "birth_date": "DOB",
        "sex": "Gender",
        "notes": "Notes",
    }
    plan = ss.plan_patients(sqlite_store, table, mapping)
    assert [(e.row, e.column) for e in plan.errors] == [
        (3, "Last name"),
        (4, "DOB"),
        (5, "MRN"),
        (6, "MRN"),
    ]
    assert "required" in plan.errors[0].message and "01/13/1970" in plan.errors[1].message
    assert "row 2" in plan.errors[2].message and "already a patient" in plan.errors[3].message
    assert ss.import_patients(sqlite_store, plan, path.name) == 2
    assert queries.find_patient(sqlite_store, "ZZ-L-1").family_name == "Listperson"  # type: ignore[union-attr]
    assert queries.find_patient(sqlite_store, "ZZ-L-6") is not None
    for mrn in ("ZZ-L-2", "ZZ-L-3"):
        assert queries.find_patient(sqlite_store, mrn) is None
    assert queries.find_patient(sqlite_store, "ZZ-TEST-0001").family_name == "Testperson"  # type: ignore[union-attr]


def test_xlsx_with_date_cells_imports(sqlite_store: Store, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Medical record number", "Family name", "Given name", "Date of birth"])
    sheet.append(["ZZ-X-1", "Sheetperson", "Gus", datetime(1958, 7, 9)])
    sheet.append(["ZZ-X-2", "Sheetperson", "Hal", "not a date"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    table = ss.read_table(path)
    plan = ss.plan_patients(sqlite_store, table, ss.guess_mapping(table.headers))
    assert [(e.row, e.column) for e in plan.errors] == [(3, "Date of birth")]
    ss.import_patients(sqlite_store, plan, path.name)
    patient = queries.find_patient(sqlite_store, "ZZ-X-1")
    assert patient is not None and patient.birth_date == date(1958, 7, 9)


def test_a_list_without_an_mrn_column_is_refused(sqlite_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Name,Born\nA,1960-01-01\n", encoding="utf-8")
    table = ss.read_table(path)
    with pytest.raises(ss.SpreadsheetError, match="MRN"):
        ss.plan_patients(sqlite_store, table, ss.guess_mapping(table.headers))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_patient_list_export_reads_back(sqlite_store: Store, tmp_path: Path, suffix: str) -> None:
    make_case(sqlite_store)
    ops.create(sqlite_store, "patient", patient_values("ZZ-TEST-0002", "Aardvarkperson"))
    headers, rows = ss.patient_list_rows(sqlite_store)
    path = ss.write_table(tmp_path / f"patients{suffix}", headers, rows)
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig") as handle:
            back = list(csv.reader(handle))
    else:
        from openpyxl import load_workbook

        back = [
            [str(c) if c is not None else "" for c in r]
            for r in load_workbook(path).worksheets[0].iter_rows(values_only=True)
        ]
    assert back[0][:3] == ["MRN", "Family name", "Given name"]
    assert [r[0] for r in back[1:]] == ["ZZ-TEST-0002", "ZZ-TEST-0001"]  # by name
    listed = queries.list_patients(sqlite_store).rows[1]
    assert listed.grade is not None and back[2][7] == listed.grade.label


def test_followup_export_lists_open_actions(sqlite_store: Store, tmp_path: Path) -> None:
    ids = make_case(sqlite_store)
    headers, rows = ss.followup_rows(sqlite_store, date(2026, 12, 1))
    assert headers[0] == "List"
    assert any(r[0] == "Open action" and r[2] == "ZZ-TEST-0001" for r in rows)
    assert ids.action


def test_invitation_has_title_time_place_video_and_no_patient_data(sqlite_store: Store) -> None:
    from icalendar import Calendar

    ids = make_case(sqlite_store)
    meeting = queries.get_meeting(sqlite_store, ids.meeting).meeting
    data = invitation(meeting, minutes=90, video_url="https://video.example.org/board")
    event = next(c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT")
    assert str(event["summary"]) == meeting.title
    assert event.decoded("dtstart") == meeting.starts_at
    assert (event.decoded("dtend") - event.decoded("dtstart")).total_seconds() == 90 * 60
    assert "Room 0" in str(event["location"])
    assert str(event["url"]) == "https://video.example.org/board"
    text = data.decode()
    patient = queries.get_patient(sqlite_store, ids.patient)
    for secret in (patient.family_name, patient.mrn, "Progression on SSA", patient.given_name):
        assert secret not in text


def test_list_commands(
    sqlite_store: Store, sqlite_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = make_case(sqlite_store)
    url = f"sqlite:///{sqlite_path}"
    src = tmp_path / "in.csv"
    src.write_text(CSV_TEXT, encoding="utf-8")
    assert cli.main(["--db", url, "import", "patients", str(src), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "row 3, column 'Last name'" in out and "Dry run" in out
    assert queries.find_patient(sqlite_store, "ZZ-L-1") is None
    assert cli.main(["--db", url, "import", "patients", str(src)]) == 0
    assert queries.find_patient(sqlite_store, "ZZ-L-1") is not None
    assert cli.main(["--db", url, "export", "patients", "-o", str(tmp_path / "p.xlsx")]) == 0
    assert cli.main(["--db", url, "export", "followup", "-o", str(tmp_path / "f.csv")]) == 0
    day = queries.get_meeting(sqlite_store, ids.meeting).meeting.starts_at.astimezone().date()
    assert (
        cli.main(
            [
                "--db",
                url,
                "export",
                "invitation",
                "--meeting",
                day.isoformat(),
                "-o",
                str(tmp_path / "m.ics"),
            ]
        )
        == 0
    )
    assert b"BEGIN:VEVENT" in (tmp_path / "m.ics").read_bytes()


def test_exports_with_patient_data_are_owner_only(sqlite_store: Store, tmp_path: Path) -> None:
    from netboard.interchange.bundles import export_bundle
    from netboard.interchange.fhir_export import export_patient

    ids = make_case(sqlite_store)
    headers, rows = ss.patient_list_rows(sqlite_store)
    written = [
        ss.write_table(tmp_path / "p.csv", headers, rows),
        ss.write_table(tmp_path / "p.xlsx", headers, rows),
        export_patient(sqlite_store, "ZZ-TEST-0001", tmp_path / "p.json"),
        export_bundle(sqlite_store, tmp_path / "p.nbx", meeting_id=ids.meeting).path,
    ]
    assert [oct(p.stat().st_mode & 0o777) for p in written] == [oct(0o600)] * 4
