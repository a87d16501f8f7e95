"""A patient's NETboard record as an mCODE-shaped FHIR R4B Bundle (collection), built and
validated with ``fhir.resources`` models: Patient, primary cancer Conditions, grade/Ki-67, TNM,
tumor markers and labs, ECOG, disease status from RECIST responses, MedicationRequests for
systemic therapy, Procedures for surgery, ablation, liver-directed therapy, PRRT and radiotherapy
course summaries, AdverseEvents for toxicities, and each board discussion as a tumor board review
Procedure with its decision as a CarePlan (options as activities) and actions as Tasks."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from netboard.db import queries
from netboard.db.operations_kinds import jsonable as _plain
from netboard.db.store_files import new_private_file
from netboard.domain import snapshot as s
from netboard.domain.validation import fields
from netboard.interchange import fhir_codes as c

Json = dict[str, Any]


def record_extension(kind: str, record: object) -> Json:
    """The NETboard record behind a resource (every non-derived field), as one extension."""
    values = {
        name: _plain(getattr(record, name))
        for name, spec in fields(kind).items()
        if not spec.derived and hasattr(record, name)
    }
    values["id"] = getattr(record, "id")  # noqa: B009 - every record has one
    text = json.dumps({"kind": kind, "values": values}, sort_keys=True, ensure_ascii=False)
    return {"url": c.RECORD_EXTENSION, "valueString": text}


def _ref(kind: str, entity_id: str) -> Json:
    return {"reference": f"{kind}/{entity_id}"}


def _concept(system: str, member: Enum | str, text: str | None = None) -> Json:
    code = member.value if isinstance(member, Enum) else member
    display = getattr(member, "label", None) or str(code)
    return {
        "coding": [{"system": system, "code": code, "display": display}],
        "text": text or display,
    }


def _loinc(code: str, text: str) -> Json:
    return {"coding": [{"system": c.LOINC, "code": code}], "text": text}


def _meta(profile: str) -> Json:
    return {"profile": [c.PROFILE[profile]]}


def _record(resource_type: str, kind: str, record: Any, pid: str, **values: Any) -> Json:
    """A resource about the patient ``pid`` that carries one NETboard record (its id, the record
    as an extension, the patient as subject) and ``values``. Key order does not matter: the
    bundle is written in the FHIR models' order."""
    return {
        "resourceType": resource_type,
        "id": record.id,
        "extension": [record_extension(kind, record)],
        "subject": _ref("Patient", pid),
        **values,
    }


# --- the record ------------------------------------------------------------------------------


def patient_resource(p: s.Patient) -> Json:
    out: Json = {
        "resourceType": "Patient",
        "id": p.id,
        "meta": _meta("patient"),
        "extension": [record_extension("patient", p)],
        "identifier": [{"system": c.MRN_SYSTEM, "value": p.mrn}],
        "name": [{"family": p.family_name, "given": [p.given_name] if p.given_name else []}],
        "gender": c.GENDER[p.sex.value],
    }
    if p.birth_date:
        out["birthDate"] = p.birth_date.isoformat()
    if p.status.value == "deceased":
        out["deceasedBoolean"] = True
    return out


def condition_resource(t: s.Tumor, pid: str) -> Json:
    out = _record(
        "Condition",
        "tumor",
        t,
        pid,
        meta=_meta("condition"),
        clinicalStatus={
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "active",
                }
            ]
        },
        code=_concept(
            c.HISTOLOGY_SYSTEM,
            t.histology,
            f"{t.histology.label}, primary site {t.primary_site.label}",
        ),
        bodySite=[_concept(c.SITE_SYSTEM, t.primary_site)],
    )
    if t.diagnosis_date:
        out["onsetDateTime"] = t.diagnosis_date.isoformat()
    return out


def pathology_resource(r: s.PathologyResult, pid: str) -> Json:
    components = []
    if r.ki67 is not None:
        components.append(
            {
                "code": {"text": "Ki-67 proliferation index"},
                "valueQuantity": {"value": r.ki67, "unit": "%"},
            }
        )
    if r.mitoses is not None:
        components.append(
            {
                "code": {"text": "Mitoses per 2 mm2"},
                "valueQuantity": {"value": r.mitoses, "unit": "/2 mm2"},
            }
        )
    out = _record(
        "Observation",
        "pathology",
        r,
        pid,
        status="final",
        code={"text": "Histologic grade (WHO) and Ki-67"},
        focus=[_ref("Condition", r.tumor_id)],
        effectiveDateTime=r.date.isoformat(),
        valueCodeableConcept=_concept(c.GRADE_SYSTEM, r.grade),
    )
    if components:
        out["component"] = components
    return out


def staging_resources(r: s.StagingAssessment, pid: str) -> list[Json]:
    base = {
        "status": "final",
        "subject": _ref("Patient", pid),
        "focus": [_ref("Condition", r.tumor_id)],
        "effectiveDateTime": r.date.isoformat(),
    }
    group: Json = {
        "resourceType": "Observation",
        "id": r.id,
        "meta": _meta("stage_group"),
        **base,
        "extension": [record_extension("staging", r)],
        "code": _loinc(c.STAGE_LOINC["stage_group"], "Stage group"),
        "valueCodeableConcept": {"text": r.stage_group or "not recorded"},
    }
    out = [group]
    members = []
    for part in ("t", "n", "m"):
        value = getattr(r, part)
        if value:
            rid = f"{r.id}-{part}"
            members.append(_ref("Observation", rid))
            out.append(
                {
                    "resourceType": "Observation",
                    "id": rid,
                    "meta": _meta(part),
                    **base,
                    "code": _loinc(c.STAGE_LOINC[part], f"{part.upper()} category"),
                    "valueCodeableConcept": {"text": value},
                }
            )
    if members:
        group["hasMember"] = members
    return out


def lab_resource(r: s.LabResult, pid: str) -> Json:
    out = _record(
        "Observation",
        "lab",
        r,
        pid,
        status="final",
        category=[
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "laboratory",
                    }
                ]
            }
        ],
        code=_concept(c.ANALYTE_SYSTEM, r.analyte),
        effectiveDateTime=r.date.isoformat(),
        valueQuantity={"value": r.value, "unit": r.unit or None},
    )
    if r.analyte.value in c.MARKER_ANALYTES:
        out["meta"] = _meta("marker")
    return out


def ecog_resource(r: s.PerformanceStatus, pid: str) -> Json:
    return _record(
        "Observation",
        "performance",
        r,
        pid,
        meta=_meta("ecog"),
        status="final",
        code=_loinc(c.ECOG_LOINC, "ECOG performance status"),
        effectiveDateTime=r.date.isoformat(),
        valueInteger=r.ecog,
    )


def imaging_resource(r: s.ImagingStudy, pid: str) -> Json:
    out = _record(
        "Observation", "imaging", r, pid, status="final", effectiveDateTime=r.date.isoformat()
    )
    if r.response is not None:
        status = c.DISEASE_STATUS.get(r.response.value, "undetermined")
        out["meta"] = _meta("disease_status")
        out["code"] = _loinc(c.DISEASE_STATUS_LOINC, "Cancer disease status")
        out["valueCodeableConcept"] = {
            "coding": [
                {"system": c.RESPONSE_SYSTEM, "code": r.response.value, "display": r.response.label}
            ],
            "text": f"{status} ({r.modality.label}: {r.response.label})",
        }
    else:
        out["code"] = {"text": f"Imaging: {r.modality.label}"}
        out["valueString"] = r.finding or r.modality.label
    return out


def therapy_resource(r: s.TherapyCourse, pid: str) -> Json:
    ongoing = r.end_date is None
    common: Json = {
        "id": r.id,
        "extension": [record_extension("therapy", r)],
        "subject": _ref("Patient", pid),
    }
    if r.modality.value in c.SYSTEMIC_MODALITIES:
        dosage = " ".join(part for part in (r.dose, r.schedule) if part)
        out: Json = {
            "resourceType": "MedicationRequest",
            **common,
            "meta": _meta("medication"),
            "status": "active" if ongoing else "completed",
            "intent": "order",
            "medicationCodeableConcept": {"text": r.agent},
            "authoredOn": r.start_date.isoformat(),
        }
        if dosage:
            out["dosageInstruction"] = [{"text": dosage}]
        return out
    period = {"start": r.start_date.isoformat()}
    if r.end_date:
        period["end"] = r.end_date.isoformat()
    out = {
        "resourceType": "Procedure",
        **common,
        "status": "in-progress" if ongoing else "completed",
        "code": {"text": f"{r.agent} ({r.modality.label})"},
        "performedPeriod": period,
    }
    if r.modality.value == "radiation":
        out["meta"] = _meta("radiotherapy")
        out["code"]["coding"] = [{"system": c.SNOMED, "code": c.RADIOTHERAPY_SNOMED}]
    elif r.modality.value == "surgery":
        out["meta"] = _meta("surgery")
    return out


def toxicity_resource(r: s.Toxicity, pid: str) -> Json:
    out = _record(
        "AdverseEvent",
        "toxicity",
        r,
        pid,
        actuality="actual",
        event={"text": f"{r.term} (CTCAE grade {r.grade})"},
        suspectEntity=[{"instance": {"reference": f"Procedure/{r.course_id}"}}],
    )
    if r.date:
        out["date"] = r.date.isoformat()
    return out


def discussion_resources(d: s.CaseDiscussion, meeting: s.Meeting, pid: str) -> list[Json]:
    """The board review (Procedure, with the meeting record), its decision and options
    (CarePlan), its actions (Tasks) and addenda (notes)."""
    review: Json = {
        "resourceType": "Procedure",
        "id": d.id,
        "status": "completed",
        "extension": [record_extension("discussion", d), record_extension("meeting", meeting)],
        "code": {
            "coding": [
                {"system": c.NCIT, "code": c.TUMOR_BOARD_NCIT, "display": "Tumor Board Review"}
            ],
            "text": "Tumor board review",
        },
        "subject": _ref("Patient", pid),
        "performedDateTime": meeting.starts_at.astimezone(UTC).isoformat(),
    }
    notes: list[Json] = [{"text": f"Question: {d.question}"}] if d.question else []
    notes += [{"text": a.text, "extension": [record_extension("addendum", a)]} for a in d.addenda]
    if notes:
        review["note"] = notes
    out = [review]
    if d.decision is not None or d.options:
        plan: Json = {
            "resourceType": "CarePlan",
            "id": d.decision.id if d.decision else f"{d.id}-plan",
            "status": "active" if d.decision else "draft",
            "intent": "plan",
            "subject": _ref("Patient", pid),
            "title": "Tumor board recommendation",
        }
        if d.decision is not None:
            plan["extension"] = [record_extension("decision", d.decision)]
            plan["description"] = d.decision.recommendation or "(no recommendation text)"
        plan["activity"] = [
            {
                "extension": [record_extension("option", o)],
                "detail": {
                    "status": "not-started",
                    "description": f"{o.option_id}: {o.stance.label}",
                },
            }
            for o in d.options
        ]
        if not plan["activity"]:
            del plan["activity"]
        out.append(plan)
    for a in d.actions:
        task: Json = {
            "resourceType": "Task",
            "id": a.id,
            "extension": [record_extension("action", a)],
            "status": "completed" if a.done else "requested",
            "intent": "plan",
            "description": a.description,
            "for": _ref("Patient", pid),
        }
        out.append(task)
    return out


# --- the bundle -----------------------------------------------------------------------------


def case_resources(case: s.CaseSnapshot, meetings: dict[str, s.Meeting]) -> list[Json]:
    pid = case.patient.id
    out = [patient_resource(case.patient)]
    out += [condition_resource(t, pid) for t in case.tumors]
    out += [pathology_resource(r, pid) for r in case.pathology]
    for r in case.staging:
        out += staging_resources(r, pid)
    out += [imaging_resource(r, pid) for r in case.imaging]
    out += [lab_resource(r, pid) for r in case.labs]
    out += [ecog_resource(r, pid) for r in case.performance]
    for course in case.therapies:
        out.append(therapy_resource(course, pid))
        out += [toxicity_resource(t, pid) for t in course.toxicities]
    for d in case.discussions:
        out += discussion_resources(d, meetings[d.meeting_id], pid)
    return out


def build_bundle(case: s.CaseSnapshot, meetings: dict[str, s.Meeting]) -> Any:
    """The validated ``fhir.resources`` Bundle (ValueError from the library if anything is off)."""
    from fhir.resources.R4B.bundle import Bundle

    entries = [
        {
            "fullUrl": f"urn:uuid:{r['id']}" if len(r["id"]) == 36 else f"urn:netboard:{r['id']}",
            "resource": r,
        }
        for r in case_resources(case, meetings)
    ]
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "type": "collection",
            "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
            "entry": entries,
        }
    )


def export_patient(store: Any, mrn: str, path: Path) -> Path:
    """Write the patient's FHIR Bundle to ``path`` (ValueError if there is no such patient)."""
    patient = queries.find_patient(store, mrn)
    if patient is None:
        raise ValueError(f"MRN: no patient with MRN '{mrn}'")
    case = queries.get_case(store, patient.id)
    meetings = {m.id: m for m in queries.list_meetings(store)}
    bundle = build_bundle(case, meetings)
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    new_private_file(partial)  # patient data: owner only (0600)
    try:
        partial.write_text(bundle.model_dump_json(exclude_none=True, indent=1), encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    from netboard.db.operations import record_export

    record_export(store, [patient.id], "FHIR Bundle (mCODE R4)", path)
    return path
