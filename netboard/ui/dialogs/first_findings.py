"""A new patient's first diagnosis and findings, entered in the New patient form itself.

Optional: whatever is filled in becomes the usual records (tumor, pathology with Ki-67, SSTR PET,
ECOG, staging) in the same undo step as the patient, and a question puts the case on the next
meeting's agenda. Each record is checked by the same validation as its own form before anything
is saved; a problem is shown next to the field it belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from netboard.domain import validation
from netboard.domain.validation import FieldError, ValidationError
from netboard.domain.vocab import Avidity, Histology, ImagingModality, PrimarySite
from netboard.domain.wording import fmt_date
from netboard.ui.dialogs.fields import (
    ChoiceField,
    DateField,
    Field,
    FieldValueError,
    NumberField,
    TextField,
)

if TYPE_CHECKING:
    from netboard.domain.snapshot import Meeting
    from netboard.ui.context import AppContext

ECOG_TEXT = {
    0: "0 \u2014 fully active", 1: "1 \u2014 light work possible",
    2: "2 \u2014 up and about, no work", 3: "3 \u2014 limited self-care",
    4: "4 \u2014 completely disabled",
}
FIELD_OF = {  # (record kind, its field) -> the form field that holds it
    ("tumor", "primary_site"): "_primary_site", ("tumor", "histology"): "_histology",
    ("tumor", "diagnosis_date"): "_diagnosis_date", ("pathology", "ki67"): "_ki67",
    ("imaging", "krenning"): "_krenning", ("imaging", "date"): "_sstr_date",
    ("performance", "ecog"): "_ecog", ("staging", "stage_group"): "_stage",
    ("discussion", "question"): "_question",
}


def first_findings_fields(context: AppContext, meeting: Meeting | None) -> list[Field]:
    """The optional fields of a new patient's first diagnosis, findings and board question."""
    today = context.today()
    site = ChoiceField("_primary_site", "Primary site", PrimarySite, empty="(no diagnosis yet)",
                       hint="First diagnosis and findings (optional): each becomes a record")
    histology = ChoiceField("_histology", "Histology", Histology)
    histology.set_value(Histology.NET)
    where = (f"adds the case to the agenda of {fmt_date(meeting.starts_at.astimezone().date())}"
             if meeting is not None else "no meeting is planned yet: nothing is added")
    return [
        site,
        histology,
        DateField("_diagnosis_date", "Diagnosis date", default=None, optional_text="unknown",
                  first_guess=today),
        NumberField("_ki67", "Ki-67 %", minimum=0, maximum=100, unit="%"),
        ChoiceField("_krenning", "SSTR PET Krenning", range(5), empty="(no SSTR PET)",
                    text_of=lambda k: f"Krenning {k}"),
        DateField("_sstr_date", "SSTR PET date", default=today),
        ChoiceField("_ecog", "ECOG", range(5), empty="(not recorded)",
                    text_of=lambda e: ECOG_TEXT[e]),
        TextField("_stage", "Stage", max_length=40, placeholder="e.g. IV, or T2 N1 M1"),
        TextField("_question", "Question for the next board", max_length=500,
                  placeholder="what the board is asked to decide", hint=where),
    ]


class FirstFindings:
    """Turns the filled-in fields into record values, checks them, and creates them."""

    def __init__(self, context: AppContext, fields: dict[str, Field],
                 meeting: Meeting | None) -> None:
        self.context = context
        self.fields = fields
        self.meeting = meeting

    def _value(self, name: str) -> Any:
        return self.fields[name].read()

    def unreadable(self) -> list[FieldError]:
        """Fields whose text is not a value (e.g. Ki-67 'abc' or 150)."""
        found = []
        for name, field in self.fields.items():
            if name.startswith("_"):
                try:
                    field.read()
                except FieldValueError as exc:
                    found.append(FieldError(name, str(exc)))
        return found

    def records(self) -> list[tuple[str, dict[str, Any]]]:
        """(kind, values) to create, in order; ids of the patient and tumor are filled later."""
        today = self.context.today()
        site = self._value("_primary_site")
        diagnosed = self._value("_diagnosis_date")
        found: list[tuple[str, dict[str, Any]]] = []
        if site is not None:
            found.append(("tumor", {"primary_site": site, "histology": self._value("_histology"),
                                    "diagnosis_date": diagnosed}))
        ki67 = self._value("_ki67")
        if ki67 is not None:
            found.append(("pathology", {"date": diagnosed or today, "ki67": ki67}))
        krenning = self._value("_krenning")
        if krenning is not None:
            found.append(("imaging", {
                "date": self._value("_sstr_date"), "modality": ImagingModality.SSTR_PET,
                "krenning": krenning,
                "avidity": Avidity.POSITIVE if krenning >= 3 else (
                    Avidity.EQUIVOCAL if krenning == 2 else Avidity.NEGATIVE),
            }))
        ecog = self._value("_ecog")
        if ecog is not None:
            found.append(("performance", {"date": today, "ecog": ecog}))
        stage = self._value("_stage")
        if stage:
            found.append(("staging", {"date": today, "stage_group": stage}))
        question = self._value("_question")
        if question and self.meeting is not None:
            found.append(("discussion", {"meeting_id": self.meeting.id, "question": question}))
        return found

    def problems(self) -> list[FieldError]:
        """Everything wrong with the findings, each on its form field (nothing saved yet)."""
        errors = self.unreadable()
        if errors:
            return errors
        kinds = [kind for kind, _v in self.records()]
        if "tumor" not in kinds and ({"pathology", "staging"} & set(kinds)):
            errors.append(FieldError("_primary_site", "Primary site: needed for a Ki-67 or a "
                                     "stage (they belong to the tumor)"))
        for kind, values in self.records():
            full = {**values, **_placeholder_refs(kind)}
            try:
                validation.validate(kind, full, today=self.context.today())
            except ValidationError as exc:
                errors.extend(
                    FieldError(FIELD_OF.get((kind, e.field), "_primary_site"), e.message)
                    for e in exc.errors)
        return errors

    def create(self, patient_id: str, run: Callable[..., str]) -> None:
        """Create the records for ``patient_id`` with ``run(kind, values)`` (undoable ops)."""
        tumor_id: str | None = None
        for kind, values in self.records():
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


def next_meeting_for(context: AppContext) -> Meeting | None:
    """The meeting a new case would go to: the next one not finalized, from today on."""
    from netboard.db import queries

    noon = datetime.combine(context.today(), time(12)).astimezone()
    return queries.next_meeting(context.store, noon)
