"""Every export of patient data is an audit entry (issue 13): FHIR, offline bundle, patient list
and follow-up lists (CSV/XLSX) from the command line, and the meeting invitation (.ics, an entry for
the meeting: it carries no patient data). The oracle is the audit log read back, compared with the
patients the test put into each export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from db_helpers import make_case, patient_values

from netboard import cli
from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db.store import Store
from netboard.domain import snapshot as s
from netboard.interchange import spreadsheet as ss


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with one full case (ZZ-TEST-0001, an open action item) and one bare patient."""
    path = tmp_path / "cases.db"
    with Store.open(f"sqlite:///{path}", user="dr-setup") as store:
        make_case(store)
        ops.create(store, "patient", patient_values("ZZ-TEST-0002", "Aardvarkperson"))
    return path


def _exports(path: Path) -> list[s.AuditEntry]:
    with Store.open(f"sqlite:///{path}", user="dr-check", read_only=True) as store:
        return [e for e in q.audit_log(store) if e.action == "export"]


def _patient_ids(path: Path, *mrns: str) -> set[str]:
    with Store.open(f"sqlite:///{path}", user="dr-check", read_only=True) as store:
        return {q.find_patient(store, mrn).id for mrn in mrns}  # type: ignore[union-attr]


def _run(db: Path, *args: str) -> None:
    assert cli.main(["--db", f"sqlite:///{db}", *args]) == 0


def _documents(entries: list[s.AuditEntry], out: Path) -> set[str]:
    assert {e.changes["file"][1] for e in entries} == {str(out)}
    return {str(e.changes["document"][1]) for e in entries}


def test_fhir_export_is_audited_for_its_patient(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.fhir.json"
    _run(db, "fhir", "export", "ZZ-TEST-0001", "-o", str(out))
    entries = _exports(db)
    assert {e.entity_id for e in entries} == _patient_ids(db, "ZZ-TEST-0001")
    assert len(entries) == 1 and entries[0].entity == "patient"
    assert _documents(entries, out) == {"FHIR Bundle (mCODE R4)"}


def test_bundle_export_is_audited_for_each_patient_in_it(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "prep.nbx"
    _run(db, "bundle", "export", "--patients", "ZZ-TEST-0001,ZZ-TEST-0002", "-o", str(out))
    entries = _exports(db)
    assert [e.entity_id for e in entries].count(entries[0].entity_id) == 1
    assert {e.entity_id for e in entries} == _patient_ids(db, "ZZ-TEST-0001", "ZZ-TEST-0002")
    assert _documents(entries, out) == {"offline case bundle (.nbx)"}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_patient_list_export_is_audited_for_every_listed_patient(
    db: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"patients{suffix}"
    _run(db, "export", "patients", "-o", str(out))
    entries = _exports(db)
    assert len(entries) == 2
    assert {e.entity_id for e in entries} == _patient_ids(db, "ZZ-TEST-0001", "ZZ-TEST-0002")
    assert _documents(entries, out) == {f"patient list ({suffix[1:]})"}


def test_followup_export_is_audited_for_the_patients_on_it(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "followup.csv"
    with Store.open(f"sqlite:///{db}", user="dr-check") as store:
        written, rows = ss.export_list(store, "followup", out, date(2026, 12, 1))
    assert written == out and rows >= 1
    entries = _exports(db)
    # the bare patient has no open action and no review date: not on the list, not audited
    assert {e.entity_id for e in entries} == _patient_ids(db, "ZZ-TEST-0001")
    assert _documents(entries, out) == {"follow-up lists (csv)"}


def test_invitation_export_is_an_entry_of_the_meeting_not_of_a_patient(
    db: Path, tmp_path: Path
) -> None:
    with Store.open(f"sqlite:///{db}", user="dr-check", read_only=True) as store:
        (meeting,) = q.list_meetings(store)
    out = tmp_path / "board.ics"
    _run(db, "export", "invitation", "--meeting", meeting.id, "-o", str(out))
    entries = _exports(db)
    assert [(e.entity, e.entity_id) for e in entries] == [("meeting", meeting.id)]
    assert _documents(entries, out) == {"meeting invitation (.ics)"}
