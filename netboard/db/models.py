"""Tables (SQLAlchemy 2 typed ORM). ORM objects never leave ``netboard.db``.

Every row has a UUID string key. Mutable rows carry a version counter (``version_id_col``) so a
second editor's stale save raises instead of overwriting, and UTC ``created_at`` / ``updated_at``.
Enumerations are stored as their readable string values (``native_enum=False`` keeps them portable
between SQLite and PostgreSQL and keeps Alembic out of enum-type DDL).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from netboard.domain import vocab as v


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def vocab_column(enum: type[Enum], *, nullable: bool = False, **kw: Any) -> Mapped[Any]:
    """A column holding a vocabulary member as its readable value (with a CHECK of the values)."""
    return mapped_column(
        SAEnum(
            enum,
            native_enum=False,
            create_constraint=True,
            length=40,
            values_callable=lambda e: [m.value for m in e],
            validate_strings=True,
            name=f"ck_{enum.__name__.lower()}",
        ),
        nullable=nullable,
        **kw,
    )


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
    }


class Versioned:
    """Primary key, version counter and UTC timestamps shared by every mutable table."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy declarative directive
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --- patients and their clinical record -----------------------------------------------------


class PatientRow(Versioned, Base):
    __tablename__ = "patient"

    mrn: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    family_name: Mapped[str] = mapped_column(String(120), nullable=False)
    given_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    birth_date: Mapped[date | None] = mapped_column(Date)
    sex: Mapped[v.Sex] = vocab_column(v.Sex, default=v.Sex.UNKNOWN)
    status: Mapped[v.PatientStatus] = vocab_column(v.PatientStatus, default=v.PatientStatus.ACTIVE)
    home_institution: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    treating_physician: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    nurse_navigator: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    navigator_phone: Mapped[str] = mapped_column(
        String(40), nullable=False, default="", server_default=""
    )
    """The phone number of the patient's own navigator (printed on the plan handout)."""
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # Denormalised for the patient list (kept current by db.operations): sorting and filtering
    # 100,000 rows by site/grade must not join through tumors and pathology.
    list_site: Mapped[v.PrimarySite | None] = vocab_column(v.PrimarySite, nullable=True)
    list_grade: Mapped[v.Grade | None] = vocab_column(v.Grade, nullable=True)
    list_ki67: Mapped[float | None] = mapped_column(Float)
    list_next_review: Mapped[date | None] = mapped_column(Date)
    search_key: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    """Lower-case 'family given mrn' for substring search."""

    tumors: Mapped[list[TumorRow]] = relationship(
        back_populates="patient", cascade="all, delete-orphan", passive_deletes=True
    )

    # Every sortable list column leads an index that ends in the name order and the id, so a page
    # at any offset of a 100,000-patient list is read from one index (see db.queries_patients).
    __table_args__ = (
        # The search key rides along: a name-sorted search tests each entry without the table.
        Index("ix_patient_family_given", "family_name", "given_name", "id", "search_key"),
        Index("ix_patient_list_site", "list_site", "family_name", "given_name", "id"),
        Index("ix_patient_list_grade", "list_grade", "family_name", "given_name", "id"),
        Index("ix_patient_status", "status", "family_name", "given_name", "id"),
        Index("ix_patient_birth_date", "birth_date", "family_name", "given_name", "id"),
        Index("ix_patient_list_ki67", "list_ki67", "family_name", "given_name", "id"),
        Index("ix_patient_list_next_review", "list_next_review", "family_name", "given_name", "id"),
        # Covers every list filter: a search or a count by site/grade/status reads this index only.
        Index("ix_patient_search_key", "search_key", "id", "status", "list_site", "list_grade"),
    )


def _parent(column: str, ondelete: str = "CASCADE") -> Mapped[str]:
    """The indexed, required reference to the record this one belongs to (``table.id``)."""
    return mapped_column(
        String(36), ForeignKey(column, ondelete=ondelete), nullable=False, index=True
    )


class TumorRow(Versioned, Base):
    __tablename__ = "tumor"

    patient_id: Mapped[str] = _parent("patient.id")
    primary_site: Mapped[v.PrimarySite] = vocab_column(v.PrimarySite)
    histology: Mapped[v.Histology] = vocab_column(v.Histology)
    diagnosis_date: Mapped[date | None] = mapped_column(Date)
    functional_syndrome: Mapped[v.FunctionalSyndrome] = vocab_column(
        v.FunctionalSyndrome, default=v.FunctionalSyndrome.NONE
    )
    hereditary_syndrome: Mapped[v.HereditarySyndrome] = vocab_column(
        v.HereditarySyndrome, default=v.HereditarySyndrome.NONE
    )
    primary_size_mm: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    symptom_control: Mapped[v.SymptomControl | None] = vocab_column(
        v.SymptomControl, nullable=True
    )

    patient: Mapped[PatientRow] = relationship(back_populates="tumors")

    __table_args__ = (
        CheckConstraint("primary_size_mm IS NULL OR primary_size_mm >= 0", name="size_nonneg"),
    )


class PathologyRow(Versioned, Base):
    __tablename__ = "pathology_result"

    tumor_id: Mapped[str] = _parent("tumor.id")
    date: Mapped[date] = mapped_column(Date, nullable=False)
    specimen_site: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    ki67: Mapped[float | None] = mapped_column(Float)
    mitoses: Mapped[float | None] = mapped_column(Float)
    differentiation: Mapped[v.Differentiation | None] = vocab_column(
        v.Differentiation, nullable=True
    )
    necrosis: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    grade: Mapped[v.Grade] = vocab_column(v.Grade, default=v.Grade.UNKNOWN)
    """Derived by domain.grading on every write, stored for lists and queries."""
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    margin: Mapped[v.Margin | None] = vocab_column(v.Margin, nullable=True)
    lymphovascular_invasion: Mapped[v.Presence | None] = vocab_column(v.Presence, nullable=True)

    __table_args__ = (
        CheckConstraint("ki67 IS NULL OR (ki67 >= 0 AND ki67 <= 100)", name="ki67_range"),
        CheckConstraint("mitoses IS NULL OR mitoses >= 0", name="mitoses_nonneg"),
    )


class StagingRow(Versioned, Base):
    __tablename__ = "staging_assessment"

    tumor_id: Mapped[str] = _parent("tumor.id")
    date: Mapped[date] = mapped_column(Date, nullable=False)
    t: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    n: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    m: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    stage_group: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    metastatic_sites: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    """Comma-separated site names (liver, bone, lung, nodes, peritoneum, …)."""
    liver_burden_pct: Mapped[float | None] = mapped_column(Float)
    lesion_count: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        CheckConstraint(
            "liver_burden_pct IS NULL OR (liver_burden_pct >= 0 AND liver_burden_pct <= 100)",
            name="liver_burden_range",
        ),
        CheckConstraint("lesion_count IS NULL OR lesion_count >= 0", name="lesion_count_nonneg"),
    )


class ImagingRow(Versioned, Base):
    __tablename__ = "imaging_study"

    patient_id: Mapped[str] = _parent("patient.id")
    date: Mapped[date] = mapped_column(Date, nullable=False)
    modality: Mapped[v.ImagingModality] = vocab_column(v.ImagingModality)
    krenning: Mapped[int | None] = mapped_column(Integer)
    avidity: Mapped[v.Avidity | None] = vocab_column(v.Avidity, nullable=True)
    response: Mapped[v.Response | None] = vocab_column(v.Response, nullable=True)
    finding: Mapped[str] = mapped_column(Text, nullable=False, default="")
    largest_lesion_mm: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        CheckConstraint("krenning IS NULL OR (krenning >= 0 AND krenning <= 4)", name="krenning"),
        CheckConstraint("largest_lesion_mm IS NULL OR largest_lesion_mm >= 0", name="lesion"),
        Index("ix_imaging_patient_date", "patient_id", "date"),
    )


class LabRow(Versioned, Base):
    __tablename__ = "lab_result"

    patient_id: Mapped[str] = _parent("patient.id")
    date: Mapped[date] = mapped_column(Date, nullable=False)
    analyte: Mapped[v.Analyte] = vocab_column(v.Analyte)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    unit: Mapped[str] = mapped_column(String(30), nullable=False, default="")

    __table_args__ = (CheckConstraint("value >= 0", name="value_nonneg"),)


class PerformanceRow(Versioned, Base):
    __tablename__ = "performance_status"

    patient_id: Mapped[str] = _parent("patient.id")
    date: Mapped[date] = mapped_column(Date, nullable=False)
    ecog: Mapped[int] = mapped_column(Integer, nullable=False)
    weight_kg: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (
        CheckConstraint("ecog >= 0 AND ecog <= 5", name="ecog_range"),
        CheckConstraint(
            "weight_kg IS NULL OR (weight_kg > 0 AND weight_kg <= 500)", name="weight_range"
        ),
    )


class TherapyCourseRow(Versioned, Base):
    __tablename__ = "therapy_course"

    patient_id: Mapped[str] = _parent("patient.id")
    option_id: Mapped[str] = mapped_column(String(60), nullable=False)
    agent: Mapped[str] = mapped_column(String(200), nullable=False)
    modality: Mapped[v.Modality] = vocab_column(v.Modality)
    intent: Mapped[v.Intent | None] = vocab_column(v.Intent, nullable=True)
    start_date: Mapped[date] = mapped_column(Date, nullable=False)
    end_date: Mapped[date | None] = mapped_column(Date)
    dose: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    schedule: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    cycles: Mapped[int | None] = mapped_column(Integer)
    site_of_care: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    best_response: Mapped[v.Response | None] = vocab_column(v.Response, nullable=True)
    reason_ended: Mapped[v.ReasonEnded | None] = vocab_column(v.ReasonEnded, nullable=True)
    trial_id: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    decision_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("decision.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    toxicities: Mapped[list[ToxicityRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ToxicityRow.date"
    )

    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("cycles IS NULL OR cycles >= 0", name="cycles_nonneg"),
        Index("ix_therapy_patient_start", "patient_id", "start_date"),
    )


class ToxicityRow(Versioned, Base):
    __tablename__ = "toxicity"

    course_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("therapy_course.id", ondelete="CASCADE"), nullable=False, index=True
    )
    term: Mapped[str] = mapped_column(String(200), nullable=False)
    grade: Mapped[int] = mapped_column(Integer, nullable=False)
    date: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (CheckConstraint("grade >= 1 AND grade <= 5", name="ctcae_range"),)


# --- meetings ---------------------------------------------------------------------------------


class MeetingRow(Versioned, Base):
    __tablename__ = "meeting"

    starts_at: Mapped[datetime] = mapped_column(nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    chair: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    location: Mapped[str] = mapped_column(String(400), nullable=False, default="")
    status: Mapped[v.MeetingStatus] = vocab_column(v.MeetingStatus, default=v.MeetingStatus.PLANNED)
    finalized_at: Mapped[datetime | None] = mapped_column()


class AttendanceRow(Versioned, Base):
    __tablename__ = "attendance"

    meeting_id: Mapped[str] = _parent("meeting.id")
    person: Mapped[str] = mapped_column(String(200), nullable=False)
    discipline: Mapped[v.Discipline] = vocab_column(v.Discipline)


class CaseDiscussionRow(Versioned, Base):
    __tablename__ = "case_discussion"

    # RESTRICT: a meeting with an agenda is not deleted by accident.
    meeting_id: Mapped[str] = _parent("meeting.id", ondelete="RESTRICT")
    patient_id: Mapped[str] = _parent("patient.id")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    presenter: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    question: Mapped[str] = mapped_column(Text, nullable=False, default="")
    timing: Mapped[v.CaseTiming] = vocab_column(v.CaseTiming, default=v.CaseTiming.PROSPECTIVE)
    triage: Mapped[v.Triage] = vocab_column(v.Triage, default=v.Triage.FULL_DISCUSSION)
    stage_discussed: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    guideline_cited: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    trial_eligibility_discussed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False
    )
    patient_preferences: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    time_spent_s: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    status: Mapped[v.DiscussionStatus] = vocab_column(
        v.DiscussionStatus, default=v.DiscussionStatus.PENDING
    )

    __table_args__ = (
        CheckConstraint("time_spent_s >= 0", name="time_nonneg"),
        Index("ix_discussion_meeting_position", "meeting_id", "position"),
        UniqueConstraint("meeting_id", "patient_id"),  # a patient is on an agenda once
    )


class OptionConsideredRow(Versioned, Base):
    __tablename__ = "option_considered"

    discussion_id: Mapped[str] = _parent("case_discussion.id")
    option_id: Mapped[str] = mapped_column(String(60), nullable=False)
    details: Mapped[str] = mapped_column(Text, nullable=False, default="")
    stance: Mapped[v.Stance] = vocab_column(v.Stance)
    rationale: Mapped[str] = mapped_column(Text, nullable=False, default="")
    revisits_option_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("option_considered.id", ondelete="SET NULL")
    )
    revisits_course_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("therapy_course.id", ondelete="SET NULL")
    )


class DecisionRow(Versioned, Base):
    __tablename__ = "decision"

    discussion_id: Mapped[str] = mapped_column(
        String(36),
        ForeignKey("case_discussion.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    )
    recommendation: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agreement: Mapped[v.Agreement | None] = vocab_column(v.Agreement, nullable=True)
    """None: not yet chosen (never a silent "consensus")."""
    dissent_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    follow_up_weeks: Mapped[int | None] = mapped_column(Integer)
    next_review: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        CheckConstraint("follow_up_weeks IS NULL OR follow_up_weeks >= 0", name="follow_up"),
    )


class ActionItemRow(Versioned, Base):
    __tablename__ = "action_item"

    discussion_id: Mapped[str] = _parent("case_discussion.id")
    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    done_by: Mapped[str | None] = mapped_column(String(200))
    """Who ticked it done (set by the database layer; None while open)."""
    done_at: Mapped[datetime | None] = mapped_column()
    """When it was ticked done (UTC)."""


class AddendumRow(Base):
    """A correction after finalization: append-only, shown beside the original."""

    __tablename__ = "addendum"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    # RESTRICT: a meeting with an agenda is not deleted by accident.
    meeting_id: Mapped[str] = _parent("meeting.id", ondelete="RESTRICT")
    discussion_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("case_discussion.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    plan_option_id: Mapped[str | None] = mapped_column(String(80))
    """A correction of the plan: the catalog option the board's recommendation now is."""


class AuditRow(Base):
    """Append-only record of every write: who, when, which entity, what changed."""

    __tablename__ = "audit_entry"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow, index=True)
    who: Mapped[str] = mapped_column(String(200), nullable=False)
    entity: Mapped[str] = mapped_column(String(60), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(36), nullable=False, index=True)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    changes: Mapped[dict[str, Any]] = mapped_column(nullable=False, default=dict)
    seq: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)
    """Position in the hash chain (1, 2, 3, ...; see db/audit_chain.py)."""
    digest: Mapped[str] = mapped_column(String(64), nullable=False)
    """SHA-256 over the previous entry's digest and this entry's content."""


class AppInfoRow(Base):
    """One row naming this file as a NETboard database (and which program wrote it)."""

    __tablename__ = "netboard_info"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(400), nullable=False)
