"""A new patient's first diagnosis and findings as the records they become (no Qt).

The New patient form has optional fields for the first diagnosis, Ki-67, an SSTR PET, ECOG, a
stage and a question for the next board. Whatever is filled in becomes the usual records (tumor,
pathology, imaging, performance, staging, a discussion on the next meeting's agenda), checked by
the same validation as each record's own form before anything is saved. The values are keyed by
the form's field names (``FIELDS``); None is a field left empty.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from netboard.domain import validation
from netboard.domain.validation import FieldError, ValidationError
from netboard.domain.vocab import Avidity, ImagingModality

FIELD_OF = {  # (record kind, its field) -> the form field that holds it
    ("tumor", "primary_site"): "_primary_site", ("tumor", "histology"): "_histology",
    ("tumor", "diagnosis_date"): "_diagnosis_date", ("pathology", "ki67"): "_ki67",
    ("imaging", "krenning"): "_krenning", ("imaging", "date"): "_sstr_date",
    ("performance", "ecog"): "_ecog", ("staging", "stage_group"): "_stage",
    ("discussion", "question"): "_question",
}
FIELDS = tuple(FIELD_OF.values())
"""The form fields of the first findings (their names start with '_': not patient fields)."""

Record = tuple[str, dict[str, Any]]


def avidity_of(krenning: int) -> Avidity:
    """SSTR avidity as the Krenning score implies it (3-4 positive, 2 equivocal, 0-1 negative)."""
    if krenning >= 3:
        return Avidity.POSITIVE
    return Avidity.EQUIVOCAL if krenning == 2 else Avidity.NEGATIVE


def findings_records(
    values: Mapping[str, Any], today: date, meeting_id: str | None
) -> list[Record]:
    """(kind, values) to create, in order; ids of the patient and tumor are filled later.

    The question becomes a discussion only when there is a meeting to put it on."""
    diagnosed = values.get("_diagnosis_date")
    found: list[Record] = []
    if values.get("_primary_site") is not None:
        found.append(("tumor", {"primary_site": values["_primary_site"],
                                "histology": values.get("_histology"),
                                "diagnosis_date": diagnosed}))
    if values.get("_ki67") is not None:
        found.append(("pathology", {"date": diagnosed or today, "ki67": values["_ki67"]}))
    krenning = values.get("_krenning")
    if krenning is not None:
        found.append(("imaging", {
            "date": values.get("_sstr_date"), "modality": ImagingModality.SSTR_PET,
            "krenning": krenning, "avidity": avidity_of(krenning),
        }))
    if values.get("_ecog") is not None:
        found.append(("performance", {"date": today, "ecog": values["_ecog"]}))
    if values.get("_stage"):
        found.append(("staging", {"date": today, "stage_group": values["_stage"]}))
    if values.get("_question") and meeting_id is not None:
        found.append(("discussion", {"meeting_id": meeting_id, "question": values["_question"]}))
    return found


def findings_problems(records: list[Record], today: date) -> list[FieldError]:
    """Everything wrong with the records, each on the form field it belongs to."""
    errors: list[FieldError] = []
    kinds = {kind for kind, _v in records}
    if "tumor" not in kinds and ({"pathology", "staging"} & kinds):
        errors.append(FieldError("_primary_site", "Primary site: needed for a Ki-67 or a "
                                 "stage (they belong to the tumor)"))
    for kind, values in records:
        full = {**values, **_placeholder_refs(kind)}
        try:
            validation.validate(kind, full, today=today)
        except ValidationError as exc:
            errors.extend(
                FieldError(FIELD_OF.get((kind, e.field), "_primary_site"), e.message)
                for e in exc.errors)
    return errors


def create_findings(
    records: list[Record], patient_id: str, run: Callable[[str, dict[str, Any]], str]
) -> None:
    """Create ``records`` for ``patient_id`` with ``run(kind, values) -> new id``: the tumor's
    id goes to the pathology and staging that belong to it, the patient's to the others."""
    tumor_id: str | None = None
    for kind, values in records:
        if kind in ("pathology", "staging"):
            values = {**values, "tumor_id": tumor_id}
        else:
            values = {**values, "patient_id": patient_id}
        new_id = run(kind, values)
        if kind == "tumor":
            tumor_id = new_id


def _placeholder_refs(kind: str) -> dict[str, str]:
    """Stand-in ids so the check of a record not yet linked passes its 'required' references."""
    return {"tumor_id": "-"} if kind in ("pathology", "staging") else {"patient_id": "-"}
