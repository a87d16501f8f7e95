"""Frozen snapshots of what was read from the store.

Everything above the database layer (Qt models, charts, reports, the considerations engine) works on
these immutable values, never on ORM objects. Collections are tuples sorted by date (oldest first)
unless a field says otherwise. Ids are UUID strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from netboard.domain.vocab import (
    Agreement,
    Analyte,
    Avidity,
    CaseTiming,
    Differentiation,
    Discipline,
    DiscussionStatus,
    FunctionalSyndrome,
    Grade,
    HereditarySyndrome,
    Histology,
    ImagingModality,
    Intent,
    Margin,
    MeetingStatus,
    Modality,
    PatientStatus,
    Presence,
    PrimarySite,
    ReasonEnded,
    Response,
    Sex,
    Stance,
    SymptomControl,
    Triage,
)


@dataclass(frozen=True, slots=True)
class Patient:
    id: str
    mrn: str
    family_name: str
    given_name: str
    birth_date: date | None
    sex: Sex
    status: PatientStatus
    home_institution: str = ""
    treating_physician: str = ""
    nurse_navigator: str = ""
    notes: str = ""
    version: int = 1
    navigator_phone: str = ""
    """The phone number of the patient's own navigator (the handout prints it)."""

    @property
    def display_name(self) -> str:
        """'Family, Given' as a list and a heading show it."""
        return f"{self.family_name}, {self.given_name}" if self.given_name else self.family_name

    @property
    def initials(self) -> str:
        return "".join(part[:1].upper() for part in (self.given_name, self.family_name) if part)


@dataclass(frozen=True, slots=True)
class PatientRow:
    """One line of the patient list (a page of these is what the list model holds)."""

    id: str
    mrn: str
    family_name: str
    given_name: str
    birth_date: date | None
    sex: Sex
    status: PatientStatus
    primary_site: PrimarySite | None
    grade: Grade | None
    ki67: float | None
    next_review: date | None
    on_next_agenda: bool

    @property
    def display_name(self) -> str:
        return f"{self.family_name}, {self.given_name}" if self.given_name else self.family_name


@dataclass(frozen=True, slots=True)
class PatientPage:
    rows: tuple[PatientRow, ...]
    total: int
    offset: int
    capped: bool = False
    """True when more than ``total`` patients match (counting stopped there)."""


@dataclass(frozen=True, slots=True)
class Tumor:
    id: str
    patient_id: str
    primary_site: PrimarySite
    histology: Histology
    diagnosis_date: date | None
    functional_syndrome: FunctionalSyndrome = FunctionalSyndrome.NONE
    hereditary_syndrome: HereditarySyndrome = HereditarySyndrome.NONE
    primary_size_mm: float | None = None
    notes: str = ""
    symptom_control: SymptomControl | None = None
    """For a functional syndrome: are its symptoms controlled (None: not stated)."""
    version: int = 1


@dataclass(frozen=True, slots=True)
class PathologyResult:
    id: str
    tumor_id: str
    date: date
    specimen_site: str
    ki67: float | None
    mitoses: float | None
    differentiation: Differentiation | None
    grade: Grade
    necrosis: bool = False
    notes: str = ""
    margin: Margin | None = None
    """Resection margin of a resection specimen (R0 / R1 / R2 / Rx)."""
    lymphovascular_invasion: Presence | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class StagingAssessment:
    id: str
    tumor_id: str
    date: date
    t: str = ""
    n: str = ""
    m: str = ""
    stage_group: str = ""
    metastatic_sites: tuple[str, ...] = ()
    liver_burden_pct: float | None = None
    lesion_count: int | None = None
    """Number of metastatic lesions counted on this staging (None: not counted)."""
    version: int = 1

    @property
    def metastatic(self) -> bool:
        return bool(self.metastatic_sites) or self.m.upper().startswith("M1")


@dataclass(frozen=True, slots=True)
class ImagingStudy:
    id: str
    patient_id: str
    date: date
    modality: ImagingModality
    krenning: int | None = None
    avidity: Avidity | None = None
    response: Response | None = None
    finding: str = ""
    largest_lesion_mm: float | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class LabResult:
    id: str
    patient_id: str
    date: date
    analyte: Analyte
    value: float
    unit: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class PerformanceStatus:
    id: str
    patient_id: str
    date: date
    ecog: int
    weight_kg: float | None = None
    """Body weight at this assessment (for creatinine clearance by Cockcroft-Gault)."""
    version: int = 1


@dataclass(frozen=True, slots=True)
class Toxicity:
    id: str
    course_id: str
    term: str
    grade: int
    date: date | None = None


@dataclass(frozen=True, slots=True)
class TherapyCourse:
    id: str
    patient_id: str
    option_id: str
    """Catalog option id (e.g. 'prrt_lu177_dotatate'); the catalog gives its name and group."""
    agent: str
    modality: Modality
    intent: Intent | None
    start_date: date
    end_date: date | None
    dose: str = ""
    schedule: str = ""
    cycles: int | None = None
    site_of_care: str = ""
    best_response: Response | None = None
    reason_ended: ReasonEnded | None = None
    trial_id: str = ""
    decision_id: str | None = None
    """The board decision this course came from, when it did."""
    notes: str = ""
    toxicities: tuple[Toxicity, ...] = ()
    version: int = 1

    @property
    def ongoing(self) -> bool:
        return self.end_date is None


@dataclass(frozen=True, slots=True)
class Attendance:
    id: str
    meeting_id: str
    person: str
    discipline: Discipline


@dataclass(frozen=True, slots=True)
class OptionConsidered:
    id: str
    discussion_id: str
    option_id: str
    details: str
    stance: Stance
    rationale: str = ""
    revisits_option_id: str | None = None
    """An OptionConsidered at an earlier meeting that this one brings back."""
    revisits_course_id: str | None = None
    """An earlier TherapyCourse that this one brings back."""
    version: int = 1


@dataclass(frozen=True, slots=True)
class Decision:
    id: str
    discussion_id: str
    recommendation: str
    agreement: Agreement | None = None
    """None: the board's agreement was not (yet) chosen; never assumed to be consensus."""
    dissent_note: str = ""
    follow_up_weeks: int | None = None
    next_review: date | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class ActionItem:
    id: str
    discussion_id: str
    description: str
    owner: str
    due_date: date | None
    done: bool = False
    version: int = 1
    done_by: str | None = None
    """Who ticked it done (None while open, or when an older record did not say)."""
    done_at: datetime | None = None
    """When it was ticked done (UTC)."""


@dataclass(frozen=True, slots=True)
class Addendum:
    id: str
    meeting_id: str
    discussion_id: str | None
    author: str
    created_at: datetime
    text: str
    plan_option_id: str | None = None
    """When the addendum corrects the plan: the catalog option now recommended (handout follows)."""


@dataclass(frozen=True, slots=True)
class CaseDiscussion:
    """An agenda item: one patient at one meeting, with what was weighed and decided."""

    id: str
    meeting_id: str
    patient_id: str
    position: int
    presenter: str = ""
    question: str = ""
    timing: CaseTiming = CaseTiming.PROSPECTIVE
    triage: Triage = Triage.FULL_DISCUSSION
    stage_discussed: str = ""
    guideline_cited: str = ""
    trial_eligibility_discussed: bool = False
    patient_preferences: str = ""
    notes: str = ""
    time_spent_s: int = 0
    status: DiscussionStatus = DiscussionStatus.PENDING
    meeting_date: datetime | None = None
    """Start of the meeting (copied here so board history reads without the meeting)."""
    meeting_title: str = ""
    meeting_status: MeetingStatus = MeetingStatus.PLANNED
    options: tuple[OptionConsidered, ...] = ()
    decision: Decision | None = None
    actions: tuple[ActionItem, ...] = ()
    addenda: tuple[Addendum, ...] = ()
    version: int = 1


@dataclass(frozen=True, slots=True)
class CaseSnapshot:
    """Everything known about one patient, as the case workspace, the engine and reports need it."""

    patient: Patient
    tumors: tuple[Tumor, ...] = ()
    pathology: tuple[PathologyResult, ...] = ()
    staging: tuple[StagingAssessment, ...] = ()
    imaging: tuple[ImagingStudy, ...] = ()
    labs: tuple[LabResult, ...] = ()
    performance: tuple[PerformanceStatus, ...] = ()
    therapies: tuple[TherapyCourse, ...] = ()
    discussions: tuple[CaseDiscussion, ...] = ()
    """Board history, oldest first (the screen shows it newest first)."""

    @property
    def primary_tumor(self) -> Tumor | None:
        return self.tumors[0] if self.tumors else None

    @property
    def latest_pathology(self) -> PathologyResult | None:
        return self.pathology[-1] if self.pathology else None

    @property
    def latest_staging(self) -> StagingAssessment | None:
        return self.staging[-1] if self.staging else None

    @property
    def latest_ecog(self) -> PerformanceStatus | None:
        return self.performance[-1] if self.performance else None

    def latest_imaging(self, *modalities: ImagingModality) -> ImagingStudy | None:
        found = [s for s in self.imaging if not modalities or s.modality in modalities]
        return found[-1] if found else None

    @property
    def current_therapies(self) -> tuple[TherapyCourse, ...]:
        return tuple(c for c in self.therapies if c.ongoing)

    @property
    def latest_decision(self) -> Decision | None:
        """The decision of the latest board that recorded one (by meeting date)."""
        for discussion in reversed(self.discussions):
            if discussion.decision is not None:
                return discussion.decision
        return None

    @property
    def next_review(self) -> date | None:
        """When the case is due back: the latest decision's review date, the one definition
        every screen uses (patient list, start page, follow-up, overview). None when that
        decision set none (e.g. "back to the board at progression"); an earlier board's date
        no longer counts once a later board has decided."""
        decision = self.latest_decision
        return decision.next_review if decision is not None else None


@dataclass(frozen=True, slots=True)
class Meeting:
    id: str
    starts_at: datetime
    title: str
    chair: str = ""
    location: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    finalized_at: datetime | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """A CaseDiscussion with the patient fields the agenda shows."""

    discussion: CaseDiscussion
    patient: Patient
    primary_site: PrimarySite | None = None
    grade: Grade | None = None


@dataclass(frozen=True, slots=True)
class MeetingSnapshot:
    meeting: Meeting
    attendance: tuple[Attendance, ...] = ()
    agenda: tuple[AgendaItem, ...] = field(default=())
    """Ordered by position."""
    addenda: tuple[Addendum, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    at: datetime
    who: str
    entity: str
    entity_id: str
    action: str
    """'create', 'update' or 'delete'."""
    changes: dict[str, tuple[object, object]]
    """Field → (before, after)."""
