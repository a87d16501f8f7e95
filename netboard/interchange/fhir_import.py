"""Import a FHIR R4 Bundle about one patient: create or update the patient by identifier (MRN)
and map what NETboard can hold, reporting resource by resource what was imported, what was
skipped and why. Every resource is validated with ``fhir.resources`` first: one invalid resource
and nothing is written. The write is one transaction (``db.bundle_apply.apply_steps``)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netboard.db import bundle_rows as br
from netboard.db import queries
from netboard.db.bundle_apply import Step, apply_steps
from netboard.db.store import Store
from netboard.interchange import fhir_codes as c
from netboard.interchange import fhir_map

Json = dict[str, Any]
ID_NAMESPACE = uuid.UUID("6f1d4f8e-3b7a-4c1e-9a51-2f0e6b7c9d10")
"""Records from other systems get ids derived from the patient and the resource, so importing the
same bundle again updates them instead of adding copies."""


@dataclass(frozen=True, slots=True)
class ResourceOutcome:
    resource: str
    outcome: str
    """imported | noted (kept in the patient's notes) | skipped | invalid"""
    detail: str

    def line(self) -> str:
        return f"{self.outcome:<9} {self.resource}: {self.detail}"


@dataclass
class FhirImportResult:
    outcomes: list[ResourceOutcome] = field(default_factory=list)
    patient_id: str | None = None
    applied: bool = False

    @property
    def invalid(self) -> list[ResourceOutcome]:
        return [o for o in self.outcomes if o.outcome == "invalid"]

    def report(self) -> list[str]:
        counts: dict[str, int] = {}
        for o in self.outcomes:
            counts[o.outcome] = counts.get(o.outcome, 0) + 1
        summary = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))
        rank = {"invalid": 0, "imported": 1, "updated": 1, "noted": 2, "skipped": 3}
        ordered = sorted(self.outcomes, key=lambda o: rank.get(o.outcome, 3))
        return [f"resources: {summary or 'none'}"] + [o.line() for o in ordered]


class FhirImportError(ValueError):
    """The file is not a FHIR Bundle about one patient (one line)."""


def read_json(path: Path) -> Json:
    try:
        data = json.loads(Path(path).expanduser().read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FhirImportError(f"{path} is not JSON ({exc})") from exc
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise FhirImportError(f"{path} is not a FHIR Bundle (resourceType must be 'Bundle')")
    return data


def _validate(entries: list[Json], result: FhirImportResult) -> list[Json]:
    """Each resource checked by its fhir.resources model; the valid ones, as plain JSON."""
    from fhir.resources.R4B import get_fhir_model_class
    from pydantic import ValidationError as PydanticError

    valid: list[Json] = []
    for n, entry in enumerate(entries, start=1):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            result.outcomes.append(ResourceOutcome(f"entry {n}", "invalid", "no resource"))
            continue
        name = f"{resource.get('resourceType', '?')}/{resource.get('id', f'entry-{n}')}"
        try:
            model = get_fhir_model_class(str(resource.get("resourceType")))
        except (KeyError, ValueError):
            result.outcomes.append(ResourceOutcome(name, "invalid", "unknown resource type"))
            continue
        try:
            model.model_validate(resource)
        except PydanticError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:3]
            )
            result.outcomes.append(ResourceOutcome(name, "invalid", problems))
            continue
        valid.append(resource)
    return valid


def _patients(resources: list[Json]) -> Json:
    found = [r for r in resources if r.get("resourceType") == "Patient"]
    if len(found) != 1:
        raise FhirImportError(
            f"the bundle holds {len(found)} Patient resources; "
            "NETboard imports one patient at a time"
        )
    return found[0]


def plan_fhir_import(store: Store, data: Json) -> tuple[FhirImportResult, list[Step]]:
    """Validate and map a Bundle; the outcome per resource and the writes (none if invalid)."""
    result = FhirImportResult()
    entries = data.get("entry") or []
    resources = _validate(entries, result)
    if result.invalid:
        return result, []
    patient = _patients(resources)
    mapper = fhir_map.Mapper(patient, resources)
    mrn = mapper.mrn()
    existing = queries.find_patient(store, mrn) if mrn else None
    patient_id = existing.id if existing else mapper.record_id(patient) or str(uuid.uuid4())
    mapper.patient_id = patient_id
    mapper.existing_notes = existing.notes if existing else ""

    def new_id(resource: Json) -> str:
        own = mapper.record_id(resource)
        return own or str(
            uuid.uuid5(ID_NAMESPACE, f"{mrn}/{resource['resourceType']}/{resource.get('id')}")
        )

    records = mapper.map_all(new_id, result.outcomes)
    steps = _steps(store, records)
    result.patient_id = patient_id
    return result, steps


def _steps(store: Store, records: list[tuple[str, str, Json]]) -> list[Step]:
    """add for new ids, update for ids the database has; a finalized meeting is created as
    planned and finalized last (its agenda is written in between)."""
    wanted: dict[str, list[str]] = {}
    for kind, rid, _values in records:
        wanted.setdefault(kind, []).append(rid)
    have = br.rows_by_id(store, wanted)
    steps: list[Step] = []
    finalize: list[Step] = []
    for kind, rid, values in records:
        if rid in have.get(kind, {}):
            if kind in ("meeting", "addendum"):
                continue  # an existing meeting is left as it is; addenda never change
            steps.append(Step("update", kind, rid, values))
            continue
        if kind == "meeting" and values.get("status") == "finalized":
            finalize.append(Step("update", "meeting", rid, {"status": "finalized"}))
            values = {**values, "status": "planned"}
        steps.append(Step("add", kind, rid, values))
    order = {kind: i for i, kind in enumerate(br.KIND_ORDER)}
    steps.sort(key=lambda s: order[s.kind])
    addenda = [s for s in steps if s.kind == "addendum"]
    return [s for s in steps if s.kind != "addendum"] + finalize + addenda


def import_fhir(store: Store, path: Path, *, dry_run: bool = False) -> FhirImportResult:
    """Import the Bundle at ``path`` (one transaction), or only report with ``dry_run``."""
    data = read_json(path)
    result, steps = plan_fhir_import(store, data)
    if result.invalid or dry_run:
        return result
    summary = {
        "file": Path(path).name,
        "resources": len(data.get("entry") or []),
        "records": [f"{s.kind} {s.entity_id}" for s in steps],
    }
    assert result.patient_id is not None
    apply_steps(store, result.patient_id, steps, summary, entity="fhir")
    result.applied = True
    return result


__all__ = ["FhirImportError", "FhirImportResult", "c", "import_fhir", "plan_fhir_import"]
