"""Shared parts of the record forms: building a RecordForm for a case, rereading a record
after a conflict, the tumor chooser and read-only lines."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget

from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.wording import fmt_date
from netboard.ui.dialogs.fields import ChoiceField, Field
from netboard.ui.dialogs.form import RecordForm
from netboard.ui.dialogs.messages import describe_entity

if TYPE_CHECKING:
    from netboard.ui.context import AppContext

Describe = Callable[[Mapping[str, Any]], str]
TUMOR_RECORDS = frozenset({"pathology", "staging"})
"""Kinds whose record belongs to a tumor rather than to the patient."""


class InfoField(Field):
    """A read-only line inside a form (e.g. the derived WHO grade); not saved."""

    def __init__(self, name: str, label: str) -> None:
        self.text = QLabel()
        self.text.setWordWrap(True)
        super().__init__(name, label, self.text)

    def read(self) -> Any:
        return None

    def set_value(self, value: Any) -> None:
        pass


def build_form(
    context: AppContext,
    kind: str,
    case: CaseSnapshot,
    record: Any,
    fields: list[Field],
    describe: Describe,
    parent: QWidget | None,
) -> RecordForm:
    """The form of one record of ``case``; a record of the tumor (pathology, staging) names its
    tumor in a field (``tumor_field``), any other belongs to the patient."""
    fixed = {} if kind in TUMOR_RECORDS else {"patient_id": case.patient.id}
    noun = describe_entity(kind)
    title = f"{'Edit' if record is not None else 'Add'} {noun} \u2014 {case.patient.display_name}"
    return RecordForm(
        context,
        kind,
        fields,
        record=record,
        fixed=fixed,
        title=title,
        describe=describe,
        patient_id=case.patient.id,
        reload_record=lambda: reread(context, kind, case.patient.id, record),
        parent=parent,
    )


def reread(context: AppContext, kind: str, patient_id: str, record: Any) -> Any:
    """The record as the store has it now (None if it or the patient is gone)."""
    from netboard.db import queries
    from netboard.db.errors import NotFoundError

    if record is None:
        return None
    try:
        case = queries.get_case(context.store, patient_id)
    except NotFoundError:
        return None
    if kind == "patient":
        return case.patient
    collection: tuple[Any, ...] = {
        "therapy": case.therapies,
        "pathology": case.pathology,
        "staging": case.staging,
        "imaging": case.imaging,
        "lab": case.labs,
        "performance": case.performance,
        "tumor": case.tumors,
    }[kind]
    return next((r for r in collection if r.id == record.id), None)


def tumor_field(case: CaseSnapshot) -> ChoiceField:
    def text(tumor: Any) -> str:
        when = f", diagnosed {fmt_date(tumor.diagnosis_date)}" if tumor.diagnosis_date else ""
        return f"{tumor.primary_site.label} \u2014 {tumor.histology.label}{when}"

    return ChoiceField("tumor_id", "Tumor", case.tumors, text_of=text, value_of=lambda t: t.id)
