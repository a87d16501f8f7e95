"""mCODE FHIR: round trip of demo patients, the mCODE example patient, invalid bundles."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from netboard import cli
from netboard.db import bundle_rows as br
from netboard.db import operations as ops
from netboard.db import queries
from netboard.db.store import Store
from netboard.interchange.fhir_export import export_patient
from netboard.interchange.fhir_import import import_fhir
from netboard.interchange.merge import merge_fields

JENNY = Path(__file__).resolve().parents[2] / ".." / "shared" / "fixtures" / "fhir"
JENNY_FILE = JENNY / "mcode-jenny-m-transaction.json"
needs_fixture = pytest.mark.skipif(not JENNY_FILE.exists(), reason="../shared/fixtures missing")


def _record(store: Store, patient_id: str) -> dict[str, dict[str, dict[str, object]]]:
    """Every record of the patient's scope by kind and id, with the fields a user writes."""
    rows = br.bundle_rows(store, [patient_id], None)
    return {
        kind: {str(r["id"]): {f: r.get(f) for f in merge_fields(kind)} for r in items}
        for kind, items in rows.items()
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from netboard.demo import write_demo

    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}", user="demo")
    write_demo(store, 12, 3, date(2026, 11, 27))
    return store


def test_round_trip_of_demo_patients_gives_equal_records(demo: Store, tmp_path: Path) -> None:
    kinds_seen: set[str] = set()
    for row in queries.list_patients(demo, limit=12).rows:
        path = export_patient(demo, row.mrn, tmp_path / f"{row.mrn}.json")
        fresh = Store.open("sqlite://", user="fhir-test")
        result = import_fhir(fresh, path)
        assert result.applied and not result.invalid, result.report()
        before, after = _record(demo, row.id), _record(fresh, row.id)
        assert after == before, row.mrn
        kinds_seen |= {kind for kind, items in before.items() if items}
        fresh.close()
    assert kinds_seen >= {
        "patient",
        "tumor",
        "pathology",
        "staging",
        "imaging",
        "lab",
        "performance",
        "therapy",
        "toxicity",
        "meeting",
        "discussion",
        "option",
        "decision",
        "action",
    }


def test_the_export_follows_mcode_and_validates(demo: Store, tmp_path: Path) -> None:
    from fhir.resources.R4B.bundle import Bundle

    row = queries.list_patients(demo, limit=1).rows[0]
    data = json.loads(export_patient(demo, row.mrn, tmp_path / "p.json").read_text())
    Bundle.model_validate(data)  # the library's own check, again, on the file
    types = {e["resource"]["resourceType"] for e in data["entry"]}
    assert {"Patient", "Condition", "Observation"} <= types
    profiles = {p for e in data["entry"] for p in e["resource"].get("meta", {}).get("profile", [])}
    assert any(p.endswith("mcode-cancer-patient") for p in profiles)
    assert any(p.endswith("mcode-primary-cancer-condition") for p in profiles)
    patient = next(
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    assert patient["identifier"][0]["value"] == row.mrn


@needs_fixture
def test_the_mcode_example_imports_what_it_can_with_a_report(store: Store) -> None:
    result = import_fhir(store, JENNY_FILE)
    assert result.applied
    case = queries.get_case(store, result.patient_id or "")
    assert (case.patient.family_name, case.patient.given_name) == ("M", "Jenny")
    assert case.patient.birth_date == date(1965, 1, 1)
    assert [p.ecog for p in case.performance] == [0]
    assert [lab.analyte.value for lab in case.labs] == ["neutrophils"]
    agents = sorted(t.agent.lower() for t in case.therapies)
    assert agents[:3] == [
        "cyclophosphamide",
        "doxorubicin",
        "excision of part of breast (procedure)",
    ]
    assert {t.modality.value for t in case.therapies} == {"chemotherapy", "surgery", "radiation"}
    lines = result.report()
    assert len(result.outcomes) == 49  # every resource accounted for
    assert any(
        x.startswith("noted") and "Condition/primary-cancer-condition-jenny-m" in x for x in lines
    )
    notes = case.patient.notes  # the breast cancer and its stage: kept as text, not as a NET
    assert "Primary malignant neoplasm of female left breast" in notes
    assert "stage IIB" in notes and "cT3" in notes
    assert any(x.startswith("skipped") and "Practitioner" in x for x in lines)
    assert any("anastrozole" in x for x in lines)
    again = import_fhir(store, JENNY_FILE)  # the same bundle again: updated, not duplicated
    assert again.patient_id == result.patient_id
    again_case = queries.get_case(store, result.patient_id or "")
    assert len(again_case.therapies) == len(case.therapies)
    assert again_case.patient.notes == notes  # the note block is not added twice


@needs_fixture
def test_an_existing_patient_is_updated_by_identifier(store: Store) -> None:
    pid = ops.create(
        store,
        "patient",
        {"mrn": "MRN1234", "family_name": "Old", "given_name": "J", "notes": "Board note."},
    )
    result = import_fhir(store, JENNY_FILE)
    assert result.patient_id == pid
    patient = queries.get_patient(store, pid)
    assert patient.family_name == "M"
    assert patient.notes.startswith("Board note.\n\nFrom a FHIR import")  # kept, then added


@needs_fixture
def test_a_bundle_with_invalid_resources_imports_nothing_and_names_each(
    store: Store, tmp_path: Path
) -> None:
    data = json.loads(JENNY_FILE.read_text())
    broken = copy.deepcopy(data)
    for entry in broken["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Patient":
            resource["birthDate"] = "the first of May"
        if resource["id"] == "ecog-performance-status-jenny-m":
            resource["valueInteger"] = {"not": "a number"}
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    before = len(queries.audit_log(store, limit=10_000))
    result = import_fhir(store, path)
    assert not result.applied
    names = [o.resource for o in result.invalid]
    assert names == [
        "Observation/ecog-performance-status-jenny-m",
        "Patient/cancer-patient-jenny-m",
    ]
    assert all(o.detail for o in result.invalid)
    assert queries.find_patient(store, "MRN1234") is None
    assert len(queries.audit_log(store, limit=10_000)) == before


@needs_fixture
def test_a_dry_run_reports_and_writes_nothing(store: Store) -> None:
    result = import_fhir(store, JENNY_FILE, dry_run=True)
    assert not result.applied and any(o.outcome == "imported" for o in result.outcomes)
    assert queries.find_patient(store, "MRN1234") is None


def test_fhir_commands(demo: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mrn = queries.list_patients(demo, limit=1).rows[0].mrn
    url = demo.url
    out = tmp_path / "p.json"
    assert cli.main(["--db", url, "fhir", "export", mrn, "-o", str(out)]) == 0
    target = tmp_path / "target.db"
    Store.open(f"sqlite:///{target}", user="x").close()
    assert cli.main(["--db", f"sqlite:///{target}", "fhir", "import", str(out), "--dry-run"]) == 0
    assert "Dry run" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    data = json.loads(out.read_text())
    data["entry"][0]["resource"]["gender"] = 42
    bad.write_text(json.dumps(data))
    assert cli.main(["--db", f"sqlite:///{target}", "fhir", "import", str(bad)]) == 1
    assert "nothing was imported" in capsys.readouterr().err
