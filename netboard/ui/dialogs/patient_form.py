"""Add or edit a patient (identity, status, care team)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from netboard.domain.snapshot import Patient
from netboard.domain.vocab import PatientStatus, Sex
from netboard.ui.dialogs.fields import ChoiceField, DateField, Field, NoteField, TextField
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
            NoteField("notes", "Notes"),
        ]
        if patient is None:
            fields[4].set_value(Sex.UNKNOWN)
            fields[5].set_value(PatientStatus.ACTIVE)
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
        )


def _reload(context: AppContext, patient: Patient | None) -> Patient | None:
    from netboard.db import queries
    from netboard.db.errors import NotFoundError

    if patient is None:
        return None
    try:
        return queries.get_case(context.store, patient.id).patient
    except NotFoundError:
        return None
