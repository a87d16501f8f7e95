"""`netboard audit MRN` shows the history of the patient's deleted records too (issue 13): a tumor
deleted with its pathology and staging, a lab result deleted alone, and a patient deleted whole
(found by the MRN they had). The oracle: the ids the test created and deleted, read back from the
command's JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from db_helpers import SAMPLES, make_case, patient_values

from netboard import cli
from netboard.db import operations as ops
from netboard.db.store import Store


def _history(db: Path, mrn: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert cli.main(["--db", f"sqlite:///{db}", "audit", mrn, "--json"]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def _actions(lines: list[dict[str, object]], entity_id: str) -> list[object]:
    return [line["action"] for line in lines if line["entity_id"] == entity_id]


def test_deleted_records_of_a_patient_stay_in_their_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cases.db"
    with Store.open(f"sqlite:///{db}", user="dr-tester") as store:
        case = make_case(store)
        other = ops.create(store, "patient", patient_values("ZZ-TEST-0002", "Otherperson"))
        other_lab = ops.create(store, "lab", {**SAMPLES["lab"], "patient_id": other})
        ops.delete(store, "lab", other_lab)
        ops.delete(store, "lab", case.lab)
        ops.delete(store, "tumor", case.tumor)  # takes pathology and staging with it
    lines = _history(db, "ZZ-TEST-0001", capsys)
    assert _actions(lines, case.lab) == ["create", "delete"]
    assert _actions(lines, case.tumor) == ["create", "delete"]
    for dependent in (case.pathology, case.staging):
        assert _actions(lines, dependent) == ["create", "delete"]
        deleted = next(x for x in lines if x["entity_id"] == dependent and x["action"] == "delete")
        assert deleted["changes"] == {"deleted with": [None, f"tumor {case.tumor}"]}
    assert _actions(lines, case.performance) == ["create"]  # still there
    assert other_lab not in {line["entity_id"] for line in lines}  # another patient's


def test_a_deleted_patient_is_found_by_their_mrn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "cases.db"
    with Store.open(f"sqlite:///{db}", user="dr-tester") as store:
        gone = ops.create(store, "patient", patient_values("ZZ-GONE", "Goneperson"))
        tumor = ops.create(store, "tumor", {**SAMPLES["tumor"], "patient_id": gone})
        ops.update(store, "patient", gone, {"notes": "before the delete"}, expected_version=1)
        ops.delete(store, "patient", gone)
        ops.create(store, "patient", patient_values("ZZ-KEPT", "Keptperson"))
    lines = _history(db, "ZZ-GONE", capsys)
    assert _actions(lines, gone) == ["create", "update", "delete"]
    assert _actions(lines, tumor) == ["create", "delete"]
    assert {line["entity_id"] for line in lines} == {gone, tumor}
    capsys.readouterr()
    assert cli.main(["--db", f"sqlite:///{db}", "audit", "ZZ-NEVER"]) == 1
    assert "ZZ-NEVER" in capsys.readouterr().err
