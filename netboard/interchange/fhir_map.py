"""FHIR resources → NETboard records: exact from a NETboard record extension, otherwise from the
standard elements NETboard understands (and a reason for everything else)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from netboard.interchange import fhir_codes as c

Json = dict[str, Any]
Record = tuple[str, str, Json]
"""(kind, id, values)"""
IMPORTED_OPTION = "imported"
"""option_id of a therapy course that came from another system (not a catalog option)."""

_PATIENT_FIELD = {"patient_id"}


class NotMappedError(Exception):
    """This resource is not imported; the message says why."""


class KeptAsNoteError(Exception):
    """Not a NETboard record, but kept as a line of the patient's notes (the message)."""


NOTE_HEADING = "From a FHIR import (not NETboard records):"


def _codes(concept: Json | None) -> list[tuple[str, str, str]]:
    concept = concept or {}
    return [
        (str(cd.get("system", "")), str(cd.get("code", "")), str(cd.get("display", "")))
        for cd in concept.get("coding") or []
    ]


def _code_in(concept: Json | None, system: str) -> str | None:
    return next((code for sys_, code, _ in _codes(concept) if sys_ == system), None)


def _text(concept: Json | None) -> str:
    concept = concept or {}
    if concept.get("text"):
        return str(concept["text"])
    return next((d or code for _, code, d in _codes(concept)), "")


def _day(value: object) -> str | None:
    return str(value)[:10] if value else None


def records_in(resource: Json) -> list[tuple[str, Json]]:
    """The NETboard records a resource carries (its own and nested ones)."""
    found = []
    holders = [resource]
    holders += list(resource.get("note") or [])
    holders += list(resource.get("activity") or [])
    for holder in holders:
        for ext in holder.get("extension") or []:
            if ext.get("url") == c.RECORD_EXTENSION:
                record = json.loads(ext["valueString"])
                found.append((str(record["kind"]), dict(record["values"])))
    return found


class Mapper:
    def __init__(self, patient: Json, resources: list[Json]) -> None:
        self.patient = patient
        self.resources = resources
        self.patient_id = ""
        self.tumors: dict[str, str] = {}
        """'Condition/<id>' -> NETboard tumor id."""
        self.members = {
            m.get("reference", "")
            for r in resources
            if records_in(r)
            for m in r.get("hasMember") or []
        }
        self.staging: dict[tuple[str, str], Json] = {}
        self.note_lines: list[str] = []
        self.existing_notes = ""
        """The notes of the patient already in the database (noted lines are added to them)."""
        self.staging_ids: dict[tuple[str, str], str] = {}

    # -- the patient ---------------------------------------------------------------------------

    def mrn(self) -> str:
        for kind, values in records_in(self.patient):
            if kind == "patient" and values.get("mrn"):
                return str(values["mrn"])
        identifiers = self.patient.get("identifier") or []
        for ident in identifiers:
            if ident.get("system") == c.MRN_SYSTEM and ident.get("value"):
                return str(ident["value"])
        for ident in identifiers:
            if any(code == "MR" for _, code, _ in _codes(ident.get("type"))) and ident.get("value"):
                return str(ident["value"])
        for ident in identifiers:
            if ident.get("value"):
                return str(ident["value"])
        from netboard.interchange.fhir_import import FhirImportError

        raise FhirImportError("the Patient has no identifier NETboard can use as its MRN")

    def record_id(self, resource: Json) -> str | None:
        own = records_in(resource)
        return str(own[0][1]["id"]) if own and own[0][1].get("id") else None

    def _patient_values(self) -> Json:
        p = self.patient
        name = (p.get("name") or [{}])[0]
        values: Json = {
            "mrn": self.mrn(),
            "family_name": name.get("family") or name.get("text") or "(no family name)",
            "given_name": " ".join(name.get("given") or []),
            "sex": p.get("gender") if p.get("gender") in c.GENDER else "unknown",
        }
        if p.get("birthDate"):
            values["birth_date"] = _day(p["birthDate"])
        if p.get("deceasedBoolean") or p.get("deceasedDateTime"):
            values["status"] = "deceased"
        return values

    # -- everything ----------------------------------------------------------------------------

    def map_all(self, new_id: Callable[[Json], str], outcomes: list[Any]) -> list[Record]:
        from netboard.interchange.fhir_import import ResourceOutcome

        out: list[Record] = []
        first = ("Patient", "Condition")  # staging needs its condition mapped before it
        ordered = sorted(self.resources, key=lambda r: r["resourceType"] not in first)
        for resource in ordered:
            name = f"{resource['resourceType']}/{resource.get('id', '?')}"
            try:
                found = self._map(resource, new_id)
            except NotMappedError as why:
                outcomes.append(ResourceOutcome(name, "skipped", str(why)))
                continue
            except KeptAsNoteError as why:
                outcomes.append(ResourceOutcome(name, "noted", str(why)))
                continue
            out.extend(found)
            what = ", ".join(sorted({kind for kind, _, _ in found})) or "part of a staging record"
            outcomes.append(ResourceOutcome(name, "imported", what))
        for key, values in self.staging.items():
            out.append(("staging", self.staging_ids[key], values))
        return self._with_notes(out)

    def _with_notes(self, records: list[Record]) -> list[Record]:
        """The patient record with the noted lines added to its notes (once, never replacing
        what the notes already say)."""
        if not self.note_lines:
            return records
        block = NOTE_HEADING + "\n" + "\n".join(f"- {line}" for line in self.note_lines)
        out = []
        for kind, rid, values in records:
            if kind == "patient":
                before = str(values.get("notes") or self.existing_notes or "")
                notes = before if block in before else (f"{before}\n\n{block}" if before else block)
                values = {**values, "notes": notes}
            out.append((kind, rid, values))
        return out

    def _map(self, resource: Json, new_id: Callable[[Json], str]) -> list[Record]:
        own = records_in(resource)
        if own:
            return [self._exact(kind, values) for kind, values in own]
        if f"Observation/{resource.get('id')}" in self.members:
            return []  # a TNM category carried in its stage group's record
        kind = resource["resourceType"]
        handler = getattr(self, f"_{kind.lower()}", None)
        if handler is None:
            raise NotMappedError(f"resource type {kind} is not imported by NETboard")
        return list(handler(resource, new_id))

    def _exact(self, kind: str, values: Json) -> Record:
        values = dict(values)
        rid = str(values.pop("id"))
        if kind == "patient":
            rid = self.patient_id
        if _PATIENT_FIELD & values.keys():
            values["patient_id"] = self.patient_id
        return (kind, rid, values)

    # -- standard elements ---------------------------------------------------------------------

    def _patient(self, resource: Json, new_id: Callable[[Json], str]) -> list[Record]:
        return [("patient", self.patient_id, self._patient_values())]

    def _condition(self, r: Json, new_id: Callable[[Json], str]) -> list[Record]:
        histology = _code_in(r.get("code"), c.HISTOLOGY_SYSTEM)
        if histology is None:
            onset = _day(r.get("onsetDateTime") or r.get("recordedDate"))
            self.note_lines.append(
                f"cancer condition '{_text(r.get('code'))}'" + (f", onset {onset}" if onset else "")
            )
            raise KeptAsNoteError(
                "kept in the patient's notes: not coded as a neuroendocrine tumor type NETboard "
                "records (NET, NEC, MiNEN, PPGL), so no tumor record was guessed"
            )
        site = next((_code_in(s, c.SITE_SYSTEM) for s in r.get("bodySite") or []), None) or "other"
        rid = new_id(r)
        self.tumors[f"Condition/{r.get('id')}"] = rid
        values = {
            "patient_id": self.patient_id,
            "primary_site": site,
            "histology": histology,
            "diagnosis_date": _day(r.get("onsetDateTime") or r.get("recordedDate")),
        }
        return [("tumor", rid, values)]

    def _observation(self, r: Json, new_id: Callable[[Json], str]) -> list[Record]:
        loinc = _code_in(r.get("code"), c.LOINC)
        day = _day(r.get("effectiveDateTime") or (r.get("effectivePeriod") or {}).get("start"))
        if loinc == c.ECOG_LOINC:
            ecog = r.get("valueInteger")
            if ecog is None:
                ecog = next(
                    (
                        int(code)
                        for _, code, _ in _codes(r.get("valueCodeableConcept"))
                        if code.isdigit()
                    ),
                    None,
                )
            if ecog is None or day is None:
                raise NotMappedError("ECOG without a value or a date")
            return [
                (
                    "performance",
                    new_id(r),
                    {"patient_id": self.patient_id, "date": day, "ecog": ecog},
                )
            ]
        analyte = _code_in(r.get("code"), c.ANALYTE_SYSTEM) or (
            "neutrophils" if loinc == c.NEUTROPHILS_LOINC else None
        )
        if analyte is not None:
            quantity = r.get("valueQuantity") or {}
            if quantity.get("value") is None or day is None:
                raise NotMappedError("lab result without a value or a date")
            values = {
                "patient_id": self.patient_id,
                "date": day,
                "analyte": analyte,
                "value": quantity["value"],
                "unit": quantity.get("unit") or "",
            }
            return [("lab", new_id(r), values)]
        part = next(
            (
                p
                for table in (c.STAGE_LOINC, c.STAGE_LOINC_PATHOLOGIC)
                for p, code in table.items()
                if code == loinc
            ),
            None,
        )
        if part is not None:
            self._stage(r, part, day, new_id)
            return []
        raise NotMappedError(
            f"observation '{_text(r.get('code')) or loinc}' is not a record NETboard keeps"
        )

    def _stage(self, r: Json, part: str, day: str | None, new_id: Callable[[Json], str]) -> None:
        focus = [f.get("reference", "") for f in r.get("focus") or []]
        tumor = next((self.tumors[f] for f in focus if f in self.tumors), None)
        tumor = tumor or next(iter(self.tumors.values()), None)
        if tumor is None and self.note_lines and day is not None:
            value = _text(r.get("valueCodeableConcept"))
            self.note_lines.append(f"{_text(r.get('code'))}: {value} ({day})")
            raise KeptAsNoteError("kept in the patient's notes with the condition it stages")
        if tumor is None or day is None:
            raise NotMappedError(
                "staging without an imported cancer condition (or a date) to attach it to"
            )
        key = (tumor, day)
        if key not in self.staging:
            self.staging[key] = {"tumor_id": tumor, "date": day}
            self.staging_ids[key] = new_id({"resourceType": "staging", "id": f"{tumor}/{day}"})
        value = _text(r.get("valueCodeableConcept"))
        self.staging[key][part] = value[:20]

    def _medicationrequest(self, r: Json, new_id: Callable[[Json], str]) -> list[Record]:
        agent = _text(r.get("medicationCodeableConcept"))
        option_id, modality = self._option(agent)
        start = _day(r.get("authoredOn"))
        if start is None:
            raise NotMappedError(f"'{agent}' has no date (authoredOn)")
        values = {
            "patient_id": self.patient_id,
            "option_id": option_id,
            "agent": agent,
            "modality": modality,
            "start_date": start,
            "intent": _intent(r),
        }
        dosage = "; ".join(d.get("text", "") for d in r.get("dosageInstruction") or [])
        if dosage:
            values["dose"] = dosage[:200]
        return [("therapy", new_id(r), values)]

    def _option(self, agent: str) -> tuple[str, str]:
        from netboard.domain.catalog import load_catalog

        option = load_catalog().by_agent(agent)
        if option is not None:
            return option.id, option.modality.value
        if agent.strip().lower() in c.CHEMOTHERAPY_AGENTS:
            return IMPORTED_OPTION, "chemotherapy"
        raise NotMappedError(
            f"agent '{agent}' is neither in NETboard's catalog nor a known chemotherapy"
        )

    def _procedure(self, r: Json, new_id: Callable[[Json], str]) -> list[Record]:
        profiles = (r.get("meta") or {}).get("profile") or []
        code = r.get("code")
        if (
            _code_in(code, c.SNOMED) == c.RADIOTHERAPY_SNOMED
            or c.PROFILE["radiotherapy"] in profiles
        ):
            modality = "radiation"
        elif c.PROFILE["surgery"] in profiles:
            modality = "surgery"
        elif _code_in(code, c.NCIT) == c.TUMOR_BOARD_NCIT:
            raise NotMappedError("a tumor board review from another system has no NETboard meeting")
        else:
            raise NotMappedError(
                f"procedure '{_text(code)}' is not a cancer treatment NETboard records"
            )
        period = r.get("performedPeriod") or {}
        start = _day(period.get("start") or r.get("performedDateTime"))
        if start is None:
            raise NotMappedError(f"procedure '{_text(code)}' has no date")
        values = {
            "patient_id": self.patient_id,
            "option_id": IMPORTED_OPTION,
            "agent": _agent_text(code, modality),
            "modality": modality,
            "start_date": start,
            "end_date": _day(period.get("end")),
            "intent": _intent(r),
        }
        return [("therapy", new_id(r), values)]


def _agent_text(code: Json | None, modality: str) -> str:
    """The procedure's words (not a bare code number)."""
    concept = code or {}
    words = concept.get("text") or next((d for _, _, d in _codes(concept) if d), "")
    return str(words)[:200] or ("Radiotherapy course" if modality == "radiation" else "Surgery")


def _intent(r: Json) -> str | None:
    for ext in r.get("extension") or []:
        if ext.get("url", "").endswith("mcode-procedure-intent"):
            text = _text(ext.get("valueCodeableConcept")).lower()
            for word in ("curative", "palliative", "adjuvant", "neoadjuvant"):
                if word in text:
                    return word
    return None
