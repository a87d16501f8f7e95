"""Add or edit a patient (identity, status, care team).

A new patient's form also takes their first diagnosis and findings (optional): whatever is filled
in becomes the usual records in the same undo step as the patient, and a question puts the case on
the next meeting's agenda (``domain.first_findings`` turns the values into records and checks them
by the same validation as each record's own form; a problem shows next to its field).
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from netboard.domain.first_findings import (
    FIELDS,
    create_findings,
    findings_problems,
    findings_records,
)
from netboard.domain.snapshot import Patient
from netboard.domain.validation import FieldError
from netboard.domain.vocab import Histology, PatientStatus, PrimarySite, Sex
from netboard.domain.wording import fmt_date
from netboard.ui.dialogs.fields import (
    ChoiceField,
    DateField,
    Field,
    FieldValueError,
    NoteField,
    NumberField,
    TextField,
)
from netboard.ui.dialogs.form import RecordForm

if TYPE_CHECKING:
    from netboard.domain.snapshot import Meeting
    from netboard.ui.context import AppContext

FINDINGS_ECOG_TEXT = {
    0: "0 \u2014 fully active", 1: "1 \u2014 light work possible",
    2: "2 \u2014 up and about, no work", 3: "3 \u2014 limited self-care",
    4: "4 \u2014 completely disabled",
}


class PatientForm(RecordForm):
    """The patient form; a new patient opens in the workspace once saved."""

    def __init__(
        self, context: AppContext, patient: Patient | None, *, parent: QWidget | None = None
    ) -> None:
        fields: list[Field] = [
            TextField(
                "mrn", "MRN", required=True, max_length=40, placeholder="unique record number"
            ),
            TextField("family_name", "Family name", required=True, max_length=120),
            TextField("given_name", "Given name", max_length=120),
            DateField("birth_date", "Date of birth", default=None, optional_text="unknown",
                      first_guess=date(context.today().year - 60, 1, 1)),
            ChoiceField("sex", "Sex", Sex),
            ChoiceField("status", "Status", PatientStatus),
            TextField("home_institution", "Home institution / site of care"),
            TextField("treating_physician", "Treating physician"),
            TextField("nurse_navigator", "Nurse navigator"),
            TextField(
                "navigator_phone", "Navigator phone", max_length=40, placeholder="e.g. 555-0123"
            ),
            NoteField("notes", "Notes"),
        ]
        self.findings: FirstFindings | None = None
        meeting = None
        columns: list[list[Field]] | None = None
        if patient is None:
            fields[4].set_value(Sex.UNKNOWN)
            fields[5].set_value(PatientStatus.ACTIVE)
            meeting = next_meeting_for(context)
            # the person on the left, the first findings on the right (one screen, no scrolling)
            first = first_findings_fields(context, meeting)
            columns = [list(fields), first]
            fields[4:4] = first
        super().__init__(
            context,
            "patient",
            fields,
            record=patient,
            fixed={},
            title="Edit patient" if patient is not None else "New patient",
            describe=lambda v: f"patient {v.get('family_name', '')}, {v.get('given_name', '')}",
            patient_id=patient.id if patient is not None else None,
            reload_record=lambda: _reload(context, patient),
            parent=parent,
            columns=columns,
        )
        if patient is None:
            findings = FirstFindings(context, self.fields, meeting)
            self.findings = findings
            self.extra_checks.append(lambda _full: findings.problems())

    def _submit(self, full: dict[str, Any]) -> str:
        """A new patient and their first findings: one undo step."""
        if self.findings is None or not self.findings.records():
            return super()._submit(full)
        ops = self.context.operations
        with ops.macro(f"Add {self.describe(full)} with first findings"):
            patient_id = super()._submit(full)

            def run(kind: str, values: dict[str, Any]) -> str:
                return ops.create(kind, values, text=f"Add {kind}", patient_id=patient_id,
                                  meeting_id=values.get("meeting_id"))

            create_findings(self.findings.records(), patient_id, run)
        return patient_id


def _reload(context: AppContext, patient: Patient | None) -> Patient | None:
    from netboard.db import queries
    from netboard.db.errors import NotFoundError

    if patient is None:
        return None
    try:
        return queries.get_case(context.store, patient.id).patient
    except NotFoundError:
        return None


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
                    text_of=lambda e: FINDINGS_ECOG_TEXT[e]),
        TextField("_stage", "Stage", max_length=40, placeholder="e.g. IV, or T2 N1 M1"),
        TextField("_question", "Question for the next board", max_length=500,
                  placeholder="what the board is asked to decide", hint=where),
    ]


class FirstFindings:
    """Reads the first-findings fields of the form; ``domain.first_findings`` does the rest."""

    def __init__(self, context: AppContext, fields: dict[str, Field],
                 meeting: Meeting | None) -> None:
        self.context = context
        self.fields = {name: fields[name] for name in FIELDS}
        self.meeting = meeting

    def unreadable(self) -> list[FieldError]:
        """Fields whose text is not a value (e.g. Ki-67 'abc' or 150)."""
        found = []
        for name, field in self.fields.items():
            try:
                field.read()
            except FieldValueError as exc:
                found.append(FieldError(name, str(exc)))
        return found

    def records(self) -> list[tuple[str, dict[str, Any]]]:
        """(kind, values) to create, in order (see ``domain.first_findings``)."""
        values = {name: field.read() for name, field in self.fields.items()}
        meeting_id = self.meeting.id if self.meeting is not None else None
        return findings_records(values, self.context.today(), meeting_id)

    def problems(self) -> list[FieldError]:
        """Everything wrong with the findings, each on its form field (nothing saved yet)."""
        return self.unreadable() or findings_problems(self.records(), self.context.today())


def next_meeting_for(context: AppContext) -> Meeting | None:
    """The meeting a new case would go to: the next one not finalized, from today on."""
    from netboard.db import queries

    noon = datetime.combine(context.today(), time(12)).astimezone()
    return queries.next_meeting(context.store, noon)
