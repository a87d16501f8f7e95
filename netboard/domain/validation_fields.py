"""The field specifications of every record kind: label, type, required, allowed range.

Field names are the snapshot field names. ``netboard.domain.validation`` checks values against
these; forms read labels and types from here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from netboard.domain import vocab as v

# Field types: a Vocab subclass, or one of these names.
TEXT: Final = "text"  # one line, surrounding spaces removed
LONG_TEXT: Final = "long_text"  # free text kept as typed
INT: Final = "int"
FLOAT: Final = "float"
DATE: Final = "date"
DATETIME: Final = "datetime"
BOOL: Final = "bool"
REF: Final = "ref"  # the id of another record
TEXT_LIST: Final = "text_list"  # e.g. metastatic sites: a tuple of short texts

FieldType = str | type[v.Vocab]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What one field holds and which values it accepts."""

    name: str
    label: str
    type: FieldType
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    past_only: bool = False
    """A date that cannot lie in the future (e.g. a date of birth)."""
    derived: bool = False
    """Computed by the program (e.g. the WHO grade); a supplied value is replaced."""


def _f(name: str, label: str, type_: FieldType, **kw: Any) -> FieldSpec:
    return FieldSpec(name, label, type_, **kw)


def _specs(*items: FieldSpec) -> dict[str, FieldSpec]:
    return {item.name: item for item in items}


SPECS: Final[dict[str, dict[str, FieldSpec]]] = {
    "patient": _specs(
        _f("mrn", "MRN", TEXT, required=True, max_length=40),
        _f("family_name", "Family name", TEXT, required=True, max_length=120),
        _f("given_name", "Given name", TEXT, max_length=120),
        _f("birth_date", "Date of birth", DATE, past_only=True),
        _f("sex", "Sex", v.Sex),
        _f("status", "Status", v.PatientStatus),
        _f("home_institution", "Home institution", TEXT, max_length=200),
        _f("treating_physician", "Treating physician", TEXT, max_length=200),
        _f("nurse_navigator", "Nurse navigator", TEXT, max_length=200),
        _f("navigator_phone", "Navigator phone", TEXT, max_length=40),
        _f("notes", "Notes", LONG_TEXT),
    ),
    "tumor": _specs(
        _f("patient_id", "Patient", REF, required=True),
        _f("primary_site", "Primary site", v.PrimarySite, required=True),
        _f("histology", "Histology", v.Histology, required=True),
        _f("diagnosis_date", "Date of diagnosis", DATE, past_only=True),
        _f("functional_syndrome", "Functional syndrome", v.FunctionalSyndrome),
        _f("hereditary_syndrome", "Hereditary syndrome", v.HereditarySyndrome),
        _f("primary_size_mm", "Primary size (mm)", FLOAT, minimum=0, maximum=2000),
        _f("notes", "Notes", LONG_TEXT),
        _f("symptom_control", "Symptoms of the syndrome", v.SymptomControl),
    ),
    "pathology": _specs(
        _f("tumor_id", "Tumor", REF, required=True),
        _f("date", "Date", DATE, required=True, past_only=True),
        _f("specimen_site", "Specimen site", TEXT, max_length=200),
        _f("ki67", "Ki-67 %", FLOAT, minimum=0, maximum=100),
        _f("mitoses", "Mitoses per 2 mm²", FLOAT, minimum=0, maximum=1000),
        _f("differentiation", "Differentiation", v.Differentiation),
        _f("necrosis", "Necrosis", BOOL),
        _f("grade", "WHO grade", v.Grade, derived=True),
        _f("notes", "Notes", LONG_TEXT),
        _f("margin", "Resection margin", v.Margin),
        _f("lymphovascular_invasion", "Lymphovascular invasion", v.Presence),
    ),
    "staging": _specs(
        _f("tumor_id", "Tumor", REF, required=True),
        _f("date", "Date", DATE, required=True, past_only=True),
        _f("t", "T", TEXT, max_length=20),
        _f("n", "N", TEXT, max_length=20),
        _f("m", "M", TEXT, max_length=20),
        _f("stage_group", "Stage group", TEXT, max_length=20),
        _f("metastatic_sites", "Metastatic sites", TEXT_LIST, max_length=400),
        _f("liver_burden_pct", "Liver tumor burden %", FLOAT, minimum=0, maximum=100),
        _f("lesion_count", "Number of metastatic lesions", INT, minimum=0, maximum=1000),
    ),
    "imaging": _specs(
        _f("patient_id", "Patient", REF, required=True),
        _f("date", "Date", DATE, required=True),
        _f("modality", "Modality", v.ImagingModality, required=True),
        _f("krenning", "Krenning score", INT, minimum=0, maximum=4),
        _f("avidity", "Avidity", v.Avidity),
        _f("response", "Response (RECIST)", v.Response),
        _f("finding", "Finding", LONG_TEXT),
        _f("largest_lesion_mm", "Largest lesion (mm)", FLOAT, minimum=0, maximum=2000),
    ),
    "lab": _specs(
        _f("patient_id", "Patient", REF, required=True),
        _f("date", "Date", DATE, required=True),
        _f("analyte", "Analyte", v.Analyte, required=True),
        _f("value", "Value", FLOAT, required=True, minimum=0),
        _f("unit", "Unit", TEXT, max_length=30),
    ),
    "performance": _specs(
        _f("patient_id", "Patient", REF, required=True),
        _f("date", "Date", DATE, required=True),
        _f("ecog", "ECOG", INT, required=True, minimum=0, maximum=5),
        _f("weight_kg", "Weight (kg)", FLOAT, minimum=1, maximum=500),
    ),
    "therapy": _specs(
        _f("patient_id", "Patient", REF, required=True),
        _f("option_id", "Therapy option", TEXT, required=True, max_length=60),
        _f("agent", "Agent", TEXT, required=True, max_length=200),
        _f("modality", "Modality", v.Modality, required=True),
        _f("intent", "Intent", v.Intent),
        _f("start_date", "Start date", DATE, required=True),
        _f("end_date", "End date", DATE),
        _f("dose", "Dose", TEXT, max_length=200),
        _f("schedule", "Schedule", TEXT, max_length=200),
        _f("cycles", "Cycles", INT, minimum=0, maximum=1000),
        _f("site_of_care", "Site of care", TEXT, max_length=200),
        _f("best_response", "Best response", v.Response),
        _f("reason_ended", "Reason ended", v.ReasonEnded),
        _f("trial_id", "Trial identifier", TEXT, max_length=60),
        _f("decision_id", "Board decision", REF),
        _f("notes", "Notes", LONG_TEXT),
    ),
    "toxicity": _specs(
        _f("course_id", "Therapy course", REF, required=True),
        _f("term", "CTCAE term", TEXT, required=True, max_length=200),
        _f("grade", "CTCAE grade", INT, required=True, minimum=1, maximum=5),
        _f("date", "Date", DATE),
    ),
    "meeting": _specs(
        _f("starts_at", "Starts at", DATETIME, required=True),
        _f("title", "Title", TEXT, required=True, max_length=200),
        _f("chair", "Chair", TEXT, max_length=200),
        _f("location", "Location", TEXT, max_length=400),
        _f("status", "Status", v.MeetingStatus),
        _f("finalized_at", "Finalized at", DATETIME, derived=True),
    ),
    "attendance": _specs(
        _f("meeting_id", "Meeting", REF, required=True),
        _f("person", "Person", TEXT, required=True, max_length=200),
        _f("discipline", "Discipline", v.Discipline, required=True),
    ),
    "discussion": _specs(
        _f("meeting_id", "Meeting", REF, required=True),
        _f("patient_id", "Patient", REF, required=True),
        _f("position", "Position", INT, minimum=0),
        _f("presenter", "Presenter", TEXT, max_length=200),
        _f("question", "Question for the board", LONG_TEXT),
        _f("timing", "Timing", v.CaseTiming),
        _f("triage", "Triage", v.Triage),
        _f("stage_discussed", "Stage discussed", TEXT, max_length=200),
        _f("guideline_cited", "Guideline cited", TEXT, max_length=200),
        _f("trial_eligibility_discussed", "Trial eligibility discussed", BOOL),
        _f("patient_preferences", "Patient preferences", LONG_TEXT),
        _f("notes", "Notes", LONG_TEXT),
        _f("time_spent_s", "Time spent (s)", INT, minimum=0),
        _f("status", "Status", v.DiscussionStatus),
    ),
    "option": _specs(
        _f("discussion_id", "Case discussion", REF, required=True),
        _f("option_id", "Therapy option", TEXT, required=True, max_length=60),
        _f("details", "Details", LONG_TEXT),
        _f("stance", "Stance", v.Stance, required=True),
        _f("rationale", "Rationale", LONG_TEXT),
        _f("revisits_option_id", "Revisits option", REF),
        _f("revisits_course_id", "Revisits course", REF),
    ),
    "decision": _specs(
        _f("discussion_id", "Case discussion", REF, required=True),
        _f("recommendation", "Recommendation", LONG_TEXT),
        _f("agreement", "Agreement", v.Agreement),
        _f("dissent_note", "Dissent", LONG_TEXT),
        _f("follow_up_weeks", "Follow-up (weeks)", INT, minimum=0, maximum=520),
        _f("next_review", "Next review", DATE),
    ),
    "action": _specs(
        _f("discussion_id", "Case discussion", REF, required=True),
        _f("description", "Action", LONG_TEXT, required=True),
        _f("owner", "Owner", TEXT, max_length=200),
        _f("due_date", "Due date", DATE),
        _f("done", "Done", BOOL),
        _f("done_by", "Done by", TEXT, derived=True, max_length=200),
        _f("done_at", "Done at", DATETIME, derived=True),
    ),
    "addendum": _specs(
        _f("meeting_id", "Meeting", REF, required=True),
        _f("discussion_id", "Case discussion", REF),
        _f("text", "Addendum", LONG_TEXT, required=True),
        _f("plan_option_id", "Corrected plan", TEXT, max_length=80),
        _f("author", "Author", TEXT, derived=True, max_length=200),
        _f("created_at", "Written at", DATETIME, derived=True),
    ),
}
"""Field specifications per entity kind (field names are the snapshot field names)."""

KINDS: Final = tuple(SPECS)


def fields(kind: str) -> dict[str, FieldSpec]:
    """The field specifications of ``kind``; KeyError names the unknown kind."""
    try:
        return SPECS[kind]
    except KeyError:
        raise KeyError(f"unknown record kind '{kind}' (known: {', '.join(KINDS)})") from None


def label(kind: str, field: str) -> str:
    spec = fields(kind).get(field)
    return spec.label if spec else field
