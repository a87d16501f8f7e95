"""The forms for each clinical record of a case, and delete with confirmation.

``open_record_form(context, kind, case, record)`` builds the right form (new when ``record`` is
None) and opens it window-modal without blocking; it returns the dialog so tests can fill it in.
The therapy form lives in ``therapy_form``; shared parts in ``record_base``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCompleter, QMessageBox, QWidget

from netboard.db.errors import DbError
from netboard.domain.grading import grade_for
from netboard.domain.record_columns import ECOG_TEXT
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.validation import ValidationError, validate_fields
from netboard.domain.vocab import (
    Analyte,
    Avidity,
    Differentiation,
    FunctionalSyndrome,
    HereditarySyndrome,
    Histology,
    ImagingModality,
    Margin,
    Presence,
    PrimarySite,
    Response,
    SymptomControl,
)
from netboard.domain.wording import fmt_date
from netboard.ui.dialogs.fields import (
    BoolField,
    ChoiceField,
    DateField,
    Field,
    NoteField,
    NumberField,
    SitesField,
    TextField,
)
from netboard.ui.dialogs.form import RecordForm
from netboard.ui.dialogs.messages import describe_entity, explain, show_error
from netboard.ui.dialogs.record_base import InfoField, build_form, tumor_field
from netboard.ui.dialogs.therapy_form import therapy_form

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

UNIT_SUGGESTIONS = (
    "ng/mL",
    "µg/L",
    "U/L",
    "nmol/L",
    "µmol/L",
    "mg/24 h",
    "µmol/24 h",
    "pg/mL",
    "pmol/L",
    "mU/L",
    "mg/dL",
    "10^9/L",
    "x ULN",
)
"""Offered, never imposed: units differ between laboratories."""


def open_record_form(
    context: AppContext,
    kind: str,
    case: CaseSnapshot,
    record: Any,
    *,
    parent: QWidget | None = None,
) -> RecordForm | QMessageBox:
    """Build and open the form for ``kind`` (or a message when the case lacks a tumor)."""
    if kind in ("pathology", "staging") and not case.tumors:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Add the tumor first",
            "Pathology and staging belong to a tumor. Add the primary tumor first "
            "(Patient \u2192 Add tumor), then record this.",
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("needTumorDialog")
        box.open()
        return box
    builder = _BUILDERS[kind]
    form = builder(context, case, record, parent)
    form.open()
    return form


# -- pathology, staging -----------------------------------------------------------------------


def _pathology(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    tumor = tumor_field(case)
    ki67 = NumberField("ki67", "Ki-67 %", unit="%", hint="Hot-spot count, 0 to 100")
    mitoses = NumberField("mitoses", "Mitoses per 2 mm\u00b2")
    differentiation = ChoiceField(
        "differentiation", "Differentiation", Differentiation, empty="(not stated)"
    )
    necrosis = BoolField("necrosis", "Necrosis present")
    grade = InfoField("_grade", "WHO grade")
    fields: list[Field] = [
        tumor,
        DateField("date", "Date", default=context.today()),
        TextField("specimen_site", "Specimen site", placeholder="e.g. liver biopsy, primary"),
        ki67,
        mitoses,
        differentiation,
        necrosis,
        grade,
        ChoiceField("margin", "Resection margin", Margin, empty="(not stated)"),
        ChoiceField(
            "lymphovascular_invasion", "Lymphovascular invasion", Presence, empty="(not stated)"
        ),
        NoteField("notes", "Notes"),
    ]

    def update_grade() -> None:
        chosen = next((t for t in case.tumors if t.id == tumor.read()), case.primary_tumor)
        try:
            k, m = ki67.read(), mitoses.read()
        except ValueError:
            grade.text.setText("(fix the numbers to see the grade)")
            return
        try:  # no grade from an impossible value (Ki-67 150 % is not G3)
            validate_fields("pathology", {"ki67": k, "mitoses": m})
        except ValidationError as exc:
            grade.text.setText(f"(no grade: {exc.errors[0].message})")
            return
        site, histology = (chosen.primary_site, chosen.histology) if chosen else (None, None)
        derived = grade_for(site, k, m, differentiation.read(), necrosis.read(), histology)
        grade.text.setText(f"<b>{derived.label}</b> (derived from the values above, WHO 2019)")

    for field in (tumor, ki67, mitoses, differentiation, necrosis):
        field.changed.connect(update_grade)
    describe = lambda v: f"pathology result {fmt_date(v.get('date'))}"  # noqa: E731
    form = build_form(context, "pathology", case, record, fields, describe, parent)
    update_grade()
    return form


def _staging(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    fields: list[Field] = [
        tumor_field(case),
        DateField("date", "Date", default=context.today()),
        TextField("t", "T", max_length=20, placeholder="e.g. T3"),
        TextField("n", "N", max_length=20, placeholder="e.g. N1"),
        TextField("m", "M", max_length=20, placeholder="e.g. M1a"),
        TextField("stage_group", "Stage group", max_length=20, placeholder="e.g. IV"),
        SitesField(
            "metastatic_sites",
            "Metastatic sites",
            max_length=400,
            placeholder="comma-separated, e.g. liver, bone",
        ),
        NumberField("liver_burden_pct", "Liver tumor burden %", unit="%"),
        NumberField("lesion_count", "Number of metastatic lesions", integer=True),
    ]
    describe = lambda v: f"staging assessment {fmt_date(v.get('date'))}"  # noqa: E731
    return build_form(context, "staging", case, record, fields, describe, parent)


# -- imaging, labs, ECOG ------------------------------------------------------------------------


def _imaging(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    fields: list[Field] = [
        DateField("date", "Date", default=context.today()),
        ChoiceField("modality", "Modality", ImagingModality),
        NumberField("krenning", "Krenning score", integer=True, hint="SSTR imaging uptake, 0 to 4"),
        ChoiceField("avidity", "Avidity", Avidity, empty="(not stated)"),
        ChoiceField("response", "Response (RECIST 1.1)", Response, empty="(not assessed)"),
        NumberField("largest_lesion_mm", "Largest lesion", unit="mm"),
        NoteField("finding", "Finding"),
    ]
    describe = lambda v: f"imaging study {fmt_date(v.get('date'))}"  # noqa: E731
    return build_form(context, "imaging", case, record, fields, describe, parent)


def _lab(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    unit = TextField("unit", "Unit", max_length=30, placeholder="as the laboratory reports it")
    unit.line.setCompleter(QCompleter(list(UNIT_SUGGESTIONS), unit.line))
    fields: list[Field] = [
        DateField("date", "Date", default=context.today()),
        ChoiceField("analyte", "Analyte", Analyte),
        NumberField("value", "Value", required=True),
        unit,
    ]
    describe = lambda v: f"lab result {getattr(v.get('analyte'), 'label', '')}"  # noqa: E731
    return build_form(context, "lab", case, record, fields, describe, parent)


def _performance(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    fields: list[Field] = [
        DateField("date", "Date", default=context.today()),
        ChoiceField("ecog", "ECOG", range(6), text_of=lambda n: f"{n} \u2014 {ECOG_TEXT[n]}"),
        NumberField("weight_kg", "Weight", unit="kg", hint="for creatinine clearance"),
    ]
    describe = lambda v: f"ECOG {v.get('ecog')}"  # noqa: E731
    return build_form(context, "performance", case, record, fields, describe, parent)


def _tumor(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    fields: list[Field] = [
        ChoiceField("primary_site", "Primary site", PrimarySite),
        ChoiceField("histology", "Histology", Histology),
        DateField("diagnosis_date", "Date of diagnosis", default=None, optional_text="unknown"),
        ChoiceField("functional_syndrome", "Functional syndrome", FunctionalSyndrome),
        ChoiceField("hereditary_syndrome", "Hereditary syndrome", HereditarySyndrome),
        NumberField("primary_size_mm", "Primary size", unit="mm"),
        ChoiceField(
            "symptom_control",
            "Symptoms of the syndrome",
            SymptomControl,
            empty="(not stated)",
        ),
        NoteField("notes", "Notes"),
    ]
    describe = lambda v: f"tumor ({getattr(v.get('primary_site'), 'label', '')})"  # noqa: E731
    return build_form(context, "tumor", case, record, fields, describe, parent)


_BUILDERS = {
    "therapy": therapy_form,
    "pathology": _pathology,
    "staging": _staging,
    "imaging": _imaging,
    "lab": _lab,
    "performance": _performance,
    "tumor": _tumor,
}


# -- delete -------------------------------------------------------------------------------------


def delete_record(
    context: AppContext, kind: str, case: CaseSnapshot, record: Any, *, parent: QWidget | None
) -> QMessageBox:
    """Ask before deleting (undoable with Ctrl+Z); the box is returned unanswered."""
    noun = describe_entity(kind)
    when = getattr(record, "date", None) or getattr(record, "start_date", None)
    what = f"{noun} of {fmt_date(when)}" if when else noun
    box = QMessageBox(
        QMessageBox.Icon.Question,
        f"Delete {noun}",
        f"Delete this {what} for {case.patient.display_name}?\n\nUndo (Ctrl+Z) brings it back.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("confirmDelete")
    box.setDefaultButton(QMessageBox.StandardButton.No)

    def answered(result: int) -> None:
        if result != QMessageBox.StandardButton.Yes:
            return
        try:
            context.operations.delete(
                kind,
                record.id,
                expected_version=getattr(record, "version", None),
                text=f"Delete {what}",
                patient_id=case.patient.id,
            )
        except DbError as exc:
            show_error(parent or box, f"Could not delete the {noun}", explain(exc))

    box.finished.connect(answered)
    box.open()
    return box
