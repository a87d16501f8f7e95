"""The forms for each clinical record of a case, and delete with confirmation.

``open_record_form(context, kind, case, record)`` builds the right form (new when ``record`` is
None) and opens it window-modal without blocking; it returns the dialog so tests can fill it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCompleter, QLabel, QMessageBox, QWidget

from netboard.db.errors import DbError
from netboard.domain.grading import grade_for
from netboard.domain.snapshot import CaseSnapshot
from netboard.domain.validation import FieldError
from netboard.domain.vocab import (
    Analyte,
    Avidity,
    Differentiation,
    FunctionalSyndrome,
    HereditarySyndrome,
    Histology,
    ImagingModality,
    Intent,
    Modality,
    PrimarySite,
    ReasonEnded,
    Response,
)
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
from netboard.ui.format import fmt_date
from netboard.ui.models.record_columns import ECOG_TEXT

if TYPE_CHECKING:
    from netboard.domain.catalog import Catalog, CatalogOption
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


class InfoField(Field):
    """A read-only line inside a form (e.g. the derived WHO grade); not saved."""

    def __init__(self, name: str, label: str) -> None:
        self.text = QLabel()
        self.text.setWordWrap(True)
        super().__init__(name, label, self.text)

    def read(self) -> Any:
        return None

    def show(self, value: Any) -> None:
        pass


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


def _form(
    context: AppContext,
    kind: str,
    case: CaseSnapshot,
    record: Any,
    fields: list[Field],
    fixed: Mapping[str, Any],
    describe: Any,
    parent: QWidget | None,
) -> RecordForm:
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
        reload_record=lambda: _reload(context, kind, case.patient.id, record),
        parent=parent,
    )


def _reload(context: AppContext, kind: str, patient_id: str, record: Any) -> Any:
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
    collection = {
        "therapy": case.therapies,
        "pathology": case.pathology,
        "staging": case.staging,
        "imaging": case.imaging,
        "lab": case.labs,
        "performance": case.performance,
        "tumor": case.tumors,
    }[kind]
    return next((r for r in collection if r.id == record.id), None)


def _tumor_field(case: CaseSnapshot) -> ChoiceField:
    def text(tumor: Any) -> str:
        when = f", diagnosed {fmt_date(tumor.diagnosis_date)}" if tumor.diagnosis_date else ""
        return f"{tumor.primary_site.label} \u2014 {tumor.histology.label}{when}"

    return ChoiceField("tumor_id", "Tumor", case.tumors, text_of=text, value_of=lambda t: t.id)


# -- therapy ------------------------------------------------------------------------------------


def _therapy(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    catalog = context.catalog
    today = context.today()
    option = ChoiceField(
        "option_id",
        "Therapy option",
        catalog.options,
        empty="(choose the catalog option)",
        text_of=lambda o: f"{o.name}  \u2014 {o.group.label.lower()}",
        value_of=lambda o: o.id,
        hint="From the therapy catalog. Typing a known agent below chooses it for you.",
    )
    agent = TextField(
        "agent", "Agent", required=True, placeholder="e.g. octreotide LAR, everolimus, Lu-177"
    )
    agents = sorted(
        {a for o in catalog.options for a in o.agents} | {o.name for o in catalog.options}
    )
    completer = QCompleter(agents, agent.line)
    completer.setCaseSensitivity(completer.caseSensitivity().CaseInsensitive)
    completer.setFilterMode(completer.filterMode().MatchContains)
    agent.line.setCompleter(completer)
    modality = ChoiceField("modality", "Modality", Modality)
    intent = ChoiceField("intent", "Intent", Intent, empty="(not stated)")
    start = DateField("start_date", "Start date", default=today)
    end = DateField("end_date", "End date", default=None, optional_text="ongoing")
    fields: list[Field] = [
        option,
        agent,
        modality,
        intent,
        start,
        end,
        TextField("dose", "Dose", placeholder="e.g. 120 mg"),
        TextField("schedule", "Schedule", placeholder="e.g. every 28 days"),
        NumberField("cycles", "Cycles", integer=True),
        TextField("site_of_care", "Site of care"),
        ChoiceField("best_response", "Best response", Response, empty="(not assessed)"),
        ChoiceField("reason_ended", "Reason ended", ReasonEnded, empty="(not ended)"),
        TextField("trial_id", "Trial identifier", max_length=60, placeholder="e.g. NCT number"),
        NoteField("notes", "Notes"),
    ]

    def option_chosen() -> None:
        chosen = catalog.find(option.read())
        if chosen is None:
            return
        modality.show(chosen.modality)
        if not agent.line.text().strip():
            agent.line.setText(chosen.agents[0] if chosen.agents else chosen.label)

    def agent_typed() -> None:
        if option.read() is None:
            found = catalog.by_agent(agent.line.text())
            if found is not None:
                option.show(found.id)

    option.combo.currentIndexChanged.connect(lambda _i: option_chosen())
    agent.line.editingFinished.connect(agent_typed)

    def describe(values: Mapping[str, Any]) -> str:
        return f"therapy course {values.get('agent', '')}".strip()

    form = _form(
        context, "therapy", case, record, fields, {"patient_id": case.patient.id}, describe, parent
    )
    form.extra_checks.append(lambda full: _agent_problems(catalog, full))
    form.extra_checks.append(_ended_problems)
    return form


def _agent_problems(catalog: Catalog, full: Mapping[str, Any]) -> list[FieldError]:
    """The agent must belong to a catalog option, and to the option chosen."""
    text = str(full.get("agent") or "").strip()
    chosen = catalog.find(full.get("option_id"))
    if not text:
        return []
    if chosen is not None and _names(chosen, text):
        return []
    found = catalog.by_agent(text)
    if found is None:
        example = ", ".join(chosen.agents[:3]) if chosen and chosen.agents else "octreotide LAR"
        return [
            FieldError(
                "agent",
                f"Unknown agent \u201c{text}\u201d: it matches no therapy in the catalog. "
                f"Type an agent the chosen option lists (e.g. {example}) or choose the option "
                "and use its name.",
            )
        ]
    if chosen is not None and found.id != chosen.id:
        return [
            FieldError(
                "agent",
                f"\u201c{text}\u201d is an agent of {found.name}, not of {chosen.name}. "
                "Choose that option or correct the agent.",
            )
        ]
    return []


def _names(option: CatalogOption, text: str) -> bool:
    wanted = text.casefold()
    names = {option.name, option.short_name, option.id, *option.agents}
    return any(wanted == n.casefold() for n in names if n)


def _ended_problems(full: Mapping[str, Any]) -> list[FieldError]:
    if full.get("reason_ended") is not None and full.get("end_date") is None:
        return [
            FieldError(
                "reason_ended",
                "Reason ended: the course is marked ongoing. Give its end date, or leave the "
                "reason empty.",
            )
        ]
    return []


# -- pathology, staging -----------------------------------------------------------------------


def _pathology(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    tumor = _tumor_field(case)
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
        NoteField("notes", "Notes"),
    ]

    def update_grade() -> None:
        chosen = next((t for t in case.tumors if t.id == tumor.read()), case.primary_tumor)
        try:
            k, m = ki67.read(), mitoses.read()
        except ValueError:
            grade.text.setText("(fix the numbers to see the grade)")
            return
        derived = grade_for(
            chosen.primary_site if chosen else None,
            k,
            m,
            differentiation.read(),
            necrosis.read(),
            chosen.histology if chosen else None,
        )
        grade.text.setText(f"<b>{derived.label}</b> (derived from the values above, WHO 2019)")

    for field in (tumor, ki67, mitoses, differentiation, necrosis):
        field.changed.connect(update_grade)
    form = _form(
        context,
        "pathology",
        case,
        record,
        fields,
        {},
        lambda v: f"pathology result {fmt_date(v.get('date'))}",
        parent,
    )
    update_grade()
    return form


def _staging(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    fields: list[Field] = [
        _tumor_field(case),
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
    ]
    return _form(
        context,
        "staging",
        case,
        record,
        fields,
        {},
        lambda v: f"staging assessment {fmt_date(v.get('date'))}",
        parent,
    )


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
    return _form(
        context,
        "imaging",
        case,
        record,
        fields,
        {"patient_id": case.patient.id},
        lambda v: f"imaging study {fmt_date(v.get('date'))}",
        parent,
    )


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
    return _form(
        context,
        "lab",
        case,
        record,
        fields,
        {"patient_id": case.patient.id},
        lambda v: f"lab result {getattr(v.get('analyte'), 'label', '')}",
        parent,
    )


def _performance(
    context: AppContext, case: CaseSnapshot, record: Any, parent: QWidget | None
) -> RecordForm:
    fields: list[Field] = [
        DateField("date", "Date", default=context.today()),
        ChoiceField("ecog", "ECOG", range(6), text_of=lambda n: f"{n} \u2014 {ECOG_TEXT[n]}"),
    ]
    return _form(
        context,
        "performance",
        case,
        record,
        fields,
        {"patient_id": case.patient.id},
        lambda v: f"ECOG {v.get('ecog')}",
        parent,
    )


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
        NoteField("notes", "Notes"),
    ]
    return _form(
        context,
        "tumor",
        case,
        record,
        fields,
        {"patient_id": case.patient.id},
        lambda v: f"tumor ({getattr(v.get('primary_site'), 'label', '')})",
        parent,
    )


_BUILDERS = {
    "therapy": _therapy,
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
