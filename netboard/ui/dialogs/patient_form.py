"""Add or edit a patient (identity, status, care team)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from netboard.domain.snapshot import Patient
from netboard.domain.vocab import PatientStatus, Sex
from netboard.ui.dialogs.fields import ChoiceField, DateField, Field, NoteField, TextField
from netboard.ui.dialogs.first_findings import (
    FirstFindings,
    first_findings_fields,
    next_meeting_for,
)
from netboard.ui.dialogs.form import RecordForm

if TYPE_CHECKING:
    from netboard.ui.context import AppContext


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

            self.findings.create(patient_id, run)
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
