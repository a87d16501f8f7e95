"""Initial schema: patients and their clinical record, meetings, audit log, NETboard marker.

Revision ID: 0001
Revises:
Create Date: 2026-11-27

Generated from netboard.db.models by autogenerate and then written out explicitly: enumerations are
plain VARCHAR(40) columns with named CHECK constraints (the names the models' naming convention
gives), and timestamps are timezone-aware, so this revision never changes when the models do.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _one_of(column: str, *values: str) -> str:
    """SQL of an enumeration CHECK: the column holds one of the vocabulary's values."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_at", "audit_entry", ["at"], unique=False)
    op.create_index("ix_audit_entry_entity_id", "audit_entry", ["entity_id"], unique=False)
    op.create_table(
        "meeting",
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("chair", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=400), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sa.CheckConstraint(
            _one_of("status", "planned", "in_session", "finalized"),
            name=op.f("ck_meeting_ck_meetingstatus"),
        ),
    )
    op.create_index("ix_meeting_starts_at", "meeting", ["starts_at"], unique=False)
    op.create_table(
        "netboard_info",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_netboard_info")),
    )
    op.create_table(
        "patient",
        sa.Column("mrn", sa.String(length=40), nullable=False),
        sa.Column("family_name", sa.String(length=120), nullable=False),
        sa.Column("given_name", sa.String(length=120), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("home_institution", sa.String(length=200), nullable=False),
        sa.Column("treating_physician", sa.String(length=200), nullable=False),
        sa.Column("nurse_navigator", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("list_site", sa.String(length=40), nullable=True),
        sa.Column("list_grade", sa.String(length=40), nullable=True),
        sa.Column("list_ki67", sa.Float(), nullable=True),
        sa.Column("list_next_review", sa.Date(), nullable=True),
        sa.Column("search_key", sa.String(length=300), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patient")),
        sa.UniqueConstraint("mrn", name=op.f("uq_patient_mrn")),
        sa.CheckConstraint(
            _one_of("sex", "female", "male", "other", "unknown"),
            name=op.f("ck_patient_ck_sex"),
        ),
        sa.CheckConstraint(
            _one_of("status", "active", "follow_up", "transferred", "deceased"),
            name=op.f("ck_patient_ck_patientstatus"),
        ),
        sa.CheckConstraint(
            _one_of(
                "list_site",
                "pancreas",
                "small_intestine",
                "duodenum",
                "stomach",
                "appendix",
                "colon",
                "rectum",
                "lung",
                "thymus",
                "unknown_primary",
                "paraganglioma",
                "other",
            ),
            name=op.f("ck_patient_ck_primarysite"),
        ),
        sa.CheckConstraint(
            _one_of(
                "list_grade",
                "g1",
                "g2",
                "g3",
                "nec",
                "typical_carcinoid",
                "atypical_carcinoid",
                "unknown",
            ),
            name=op.f("ck_patient_ck_grade"),
        ),
    )
    op.create_index(
        "ix_patient_birth_date",
        "patient",
        ["birth_date", "family_name", "given_name", "id"],
        unique=False,
    )
    op.create_index(
        "ix_patient_family_given", "patient", ["family_name", "given_name", "id"], unique=False
    )
    op.create_index(
        "ix_patient_list_grade",
        "patient",
        ["list_grade", "family_name", "given_name", "id"],
        unique=False,
    )
    op.create_index(
        "ix_patient_list_ki67",
        "patient",
        ["list_ki67", "family_name", "given_name", "id"],
        unique=False,
    )
    op.create_index(
        "ix_patient_list_next_review",
        "patient",
        ["list_next_review", "family_name", "given_name", "id"],
        unique=False,
    )
    op.create_index(
        "ix_patient_list_site",
        "patient",
        ["list_site", "family_name", "given_name", "id"],
        unique=False,
    )
    op.create_index(
        "ix_patient_search_key",
        "patient",
        ["search_key", "id", "status", "list_site", "list_grade"],
        unique=False,
    )
    op.create_index(
        "ix_patient_status", "patient", ["status", "family_name", "given_name", "id"], unique=False
    )
    op.create_table(
        "attendance",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("discipline", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_attendance_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of(
                "discipline",
                "medical_oncology",
                "surgery",
                "radiation_oncology",
                "nuclear_medicine",
                "interventional_radiology",
                "pathology",
                "radiology",
                "gastroenterology",
                "endocrinology",
                "genetics",
                "nurse_navigator",
                "other",
            ),
            name=op.f("ck_attendance_ck_discipline"),
        ),
    )
    op.create_index("ix_attendance_meeting_id", "attendance", ["meeting_id"], unique=False)
    op.create_table(
        "case_discussion",
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("timing", sa.String(length=40), nullable=False),
        sa.Column("triage", sa.String(length=40), nullable=False),
        sa.Column("stage_discussed", sa.String(length=200), nullable=False),
        sa.Column("guideline_cited", sa.String(length=200), nullable=False),
        sa.Column("trial_eligibility_discussed", sa.Boolean(), nullable=False),
        sa.Column("patient_preferences", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("time_spent_s", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_discussion")),
        sa.CheckConstraint(
            "time_spent_s >= 0",
            name=op.f("ck_case_discussion_time_nonneg"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_case_discussion_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_case_discussion_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of("timing", "prospective", "retrospective"),
            name=op.f("ck_case_discussion_ck_casetiming"),
        ),
        sa.CheckConstraint(
            _one_of("triage", "full_discussion", "standard_of_care"),
            name=op.f("ck_case_discussion_ck_triage"),
        ),
        sa.CheckConstraint(
            _one_of("status", "pending", "discussed", "deferred"),
            name=op.f("ck_case_discussion_ck_discussionstatus"),
        ),
    )
    op.create_index(
        "ix_case_discussion_meeting_id", "case_discussion", ["meeting_id"], unique=False
    )
    op.create_index(
        "ix_case_discussion_patient_id", "case_discussion", ["patient_id"], unique=False
    )
    op.create_index(
        "ix_discussion_meeting_position",
        "case_discussion",
        ["meeting_id", "position"],
        unique=False,
    )
    op.create_table(
        "imaging_study",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("modality", sa.String(length=40), nullable=False),
        sa.Column("krenning", sa.Integer(), nullable=True),
        sa.Column("avidity", sa.String(length=40), nullable=True),
        sa.Column("response", sa.String(length=40), nullable=True),
        sa.Column("finding", sa.Text(), nullable=False),
        sa.Column("largest_lesion_mm", sa.Float(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imaging_study")),
        sa.CheckConstraint(
            "krenning IS NULL OR (krenning >= 0 AND krenning <= 4)",
            name=op.f("ck_imaging_study_krenning"),
        ),
        sa.CheckConstraint(
            "largest_lesion_mm IS NULL OR largest_lesion_mm >= 0",
            name=op.f("ck_imaging_study_lesion"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_imaging_study_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of(
                "modality",
                "ct",
                "mri",
                "sstr_pet",
                "fdg_pet",
                "mibg_scan",
                "ultrasound",
                "endoscopic_ultrasound",
                "other",
            ),
            name=op.f("ck_imaging_study_ck_imagingmodality"),
        ),
        sa.CheckConstraint(
            _one_of("avidity", "positive", "negative", "equivocal"),
            name=op.f("ck_imaging_study_ck_avidity"),
        ),
        sa.CheckConstraint(
            _one_of("response", "cr", "pr", "sd", "pd", "ne"),
            name=op.f("ck_imaging_study_ck_response"),
        ),
    )
    op.create_index(
        "ix_imaging_patient_date", "imaging_study", ["patient_id", "date"], unique=False
    )
    op.create_index("ix_imaging_study_patient_id", "imaging_study", ["patient_id"], unique=False)
    op.create_table(
        "lab_result",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("analyte", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_result")),
        sa.CheckConstraint(
            "value >= 0",
            name=op.f("ck_lab_result_value_nonneg"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_lab_result_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of(
                "analyte",
                "chromogranin_a",
                "urine_5hiaa",
                "plasma_5hiaa",
                "nse",
                "gastrin",
                "insulin",
                "metanephrines",
                "creatinine",
                "platelets",
                "neutrophils",
                "bilirubin",
                "other",
            ),
            name=op.f("ck_lab_result_ck_analyte"),
        ),
    )
    op.create_index("ix_lab_result_patient_id", "lab_result", ["patient_id"], unique=False)
    op.create_table(
        "performance_status",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("ecog", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_performance_status")),
        sa.CheckConstraint(
            "ecog >= 0 AND ecog <= 5",
            name=op.f("ck_performance_status_ecog_range"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_performance_status_patient_id_patient"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_performance_status_patient_id", "performance_status", ["patient_id"], unique=False
    )
    op.create_table(
        "tumor",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("primary_site", sa.String(length=40), nullable=False),
        sa.Column("histology", sa.String(length=40), nullable=False),
        sa.Column("diagnosis_date", sa.Date(), nullable=True),
        sa.Column("functional_syndrome", sa.String(length=40), nullable=False),
        sa.Column("hereditary_syndrome", sa.String(length=40), nullable=False),
        sa.Column("primary_size_mm", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tumor")),
        sa.CheckConstraint(
            "primary_size_mm IS NULL OR primary_size_mm >= 0",
            name=op.f("ck_tumor_size_nonneg"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_tumor_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of(
                "primary_site",
                "pancreas",
                "small_intestine",
                "duodenum",
                "stomach",
                "appendix",
                "colon",
                "rectum",
                "lung",
                "thymus",
                "unknown_primary",
                "paraganglioma",
                "other",
            ),
            name=op.f("ck_tumor_ck_primarysite"),
        ),
        sa.CheckConstraint(
            _one_of("histology", "net", "nec_small_cell", "nec_large_cell", "minen", "ppgl"),
            name=op.f("ck_tumor_ck_histology"),
        ),
        sa.CheckConstraint(
            _one_of(
                "functional_syndrome",
                "none",
                "carcinoid_syndrome",
                "insulinoma",
                "gastrinoma",
                "vipoma",
                "glucagonoma",
                "catecholamine_excess",
                "other",
            ),
            name=op.f("ck_tumor_ck_functionalsyndrome"),
        ),
        sa.CheckConstraint(
            _one_of("hereditary_syndrome", "none", "men1", "vhl", "nf1", "sdhx", "other"),
            name=op.f("ck_tumor_ck_hereditarysyndrome"),
        ),
    )
    op.create_index("ix_tumor_patient_id", "tumor", ["patient_id"], unique=False)
    op.create_table(
        "action_item",
        sa.Column("discussion_id", sa.String(length=36), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_item")),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["case_discussion.id"],
            name=op.f("fk_action_item_discussion_id_case_discussion"),
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_action_item_discussion_id", "action_item", ["discussion_id"], unique=False)
    op.create_table(
        "addendum",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.String(length=36), nullable=False),
        sa.Column("discussion_id", sa.String(length=36), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addendum")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_addendum_meeting_id_meeting"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["case_discussion.id"],
            name=op.f("fk_addendum_discussion_id_case_discussion"),
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_addendum_discussion_id", "addendum", ["discussion_id"], unique=False)
    op.create_index("ix_addendum_meeting_id", "addendum", ["meeting_id"], unique=False)
    op.create_table(
        "decision",
        sa.Column("discussion_id", sa.String(length=36), nullable=False),
        sa.Column("recommendation", sa.Text(), nullable=False),
        sa.Column("agreement", sa.String(length=40), nullable=False),
        sa.Column("dissent_note", sa.Text(), nullable=False),
        sa.Column("follow_up_weeks", sa.Integer(), nullable=True),
        sa.Column("next_review", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision")),
        sa.CheckConstraint(
            "follow_up_weeks IS NULL OR follow_up_weeks >= 0",
            name=op.f("ck_decision_follow_up"),
        ),
        sa.UniqueConstraint("discussion_id", name=op.f("uq_decision_discussion_id")),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["case_discussion.id"],
            name=op.f("fk_decision_discussion_id_case_discussion"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of("agreement", "consensus", "dissent"),
            name=op.f("ck_decision_ck_agreement"),
        ),
    )
    op.create_table(
        "pathology_result",
        sa.Column("tumor_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("specimen_site", sa.String(length=200), nullable=False),
        sa.Column("ki67", sa.Float(), nullable=True),
        sa.Column("mitoses", sa.Float(), nullable=True),
        sa.Column("differentiation", sa.String(length=40), nullable=True),
        sa.Column("necrosis", sa.Boolean(), nullable=False),
        sa.Column("grade", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pathology_result")),
        sa.CheckConstraint(
            "ki67 IS NULL OR (ki67 >= 0 AND ki67 <= 100)",
            name=op.f("ck_pathology_result_ki67_range"),
        ),
        sa.CheckConstraint(
            "mitoses IS NULL OR mitoses >= 0",
            name=op.f("ck_pathology_result_mitoses_nonneg"),
        ),
        sa.ForeignKeyConstraint(
            ["tumor_id"],
            ["tumor.id"],
            name=op.f("fk_pathology_result_tumor_id_tumor"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of("differentiation", "well", "poor", "mixed"),
            name=op.f("ck_pathology_result_ck_differentiation"),
        ),
        sa.CheckConstraint(
            _one_of(
                "grade",
                "g1",
                "g2",
                "g3",
                "nec",
                "typical_carcinoid",
                "atypical_carcinoid",
                "unknown",
            ),
            name=op.f("ck_pathology_result_ck_grade"),
        ),
    )
    op.create_index("ix_pathology_result_tumor_id", "pathology_result", ["tumor_id"], unique=False)
    op.create_table(
        "staging_assessment",
        sa.Column("tumor_id", sa.String(length=36), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("t", sa.String(length=20), nullable=False),
        sa.Column("n", sa.String(length=20), nullable=False),
        sa.Column("m", sa.String(length=20), nullable=False),
        sa.Column("stage_group", sa.String(length=20), nullable=False),
        sa.Column("metastatic_sites", sa.String(length=400), nullable=False),
        sa.Column("liver_burden_pct", sa.Float(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staging_assessment")),
        sa.CheckConstraint(
            "liver_burden_pct IS NULL OR (liver_burden_pct >= 0 AND liver_burden_pct <= 100)",
            name=op.f("ck_staging_assessment_liver_burden_range"),
        ),
        sa.ForeignKeyConstraint(
            ["tumor_id"],
            ["tumor.id"],
            name=op.f("fk_staging_assessment_tumor_id_tumor"),
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_staging_assessment_tumor_id", "staging_assessment", ["tumor_id"], unique=False
    )
    op.create_table(
        "therapy_course",
        sa.Column("patient_id", sa.String(length=36), nullable=False),
        sa.Column("option_id", sa.String(length=60), nullable=False),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("modality", sa.String(length=40), nullable=False),
        sa.Column("intent", sa.String(length=40), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("dose", sa.String(length=200), nullable=False),
        sa.Column("schedule", sa.String(length=200), nullable=False),
        sa.Column("cycles", sa.Integer(), nullable=True),
        sa.Column("site_of_care", sa.String(length=200), nullable=False),
        sa.Column("best_response", sa.String(length=40), nullable=True),
        sa.Column("reason_ended", sa.String(length=40), nullable=True),
        sa.Column("trial_id", sa.String(length=60), nullable=False),
        sa.Column("decision_id", sa.String(length=36), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_therapy_course")),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date",
            name=op.f("ck_therapy_course_end_after_start"),
        ),
        sa.CheckConstraint(
            "cycles IS NULL OR cycles >= 0",
            name=op.f("ck_therapy_course_cycles_nonneg"),
        ),
        sa.ForeignKeyConstraint(
            ["patient_id"],
            ["patient.id"],
            name=op.f("fk_therapy_course_patient_id_patient"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of(
                "modality",
                "surgery",
                "ablation",
                "radiation",
                "liver_directed",
                "somatostatin_analog",
                "targeted",
                "chemotherapy",
                "nuclear_medicine",
                "immunotherapy",
                "clinical_trial",
                "surveillance",
                "supportive_care",
            ),
            name=op.f("ck_therapy_course_ck_modality"),
        ),
        sa.CheckConstraint(
            _one_of(
                "intent",
                "curative",
                "adjuvant",
                "neoadjuvant",
                "palliative",
                "disease_control",
                "symptom_control",
            ),
            name=op.f("ck_therapy_course_ck_intent"),
        ),
        sa.CheckConstraint(
            _one_of("best_response", "cr", "pr", "sd", "pd", "ne"),
            name=op.f("ck_therapy_course_ck_response"),
        ),
        sa.CheckConstraint(
            _one_of(
                "reason_ended",
                "completed",
                "progression",
                "toxicity",
                "patient_choice",
                "death",
                "other",
            ),
            name=op.f("ck_therapy_course_ck_reasonended"),
        ),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decision.id"],
            name=op.f("fk_therapy_course_decision_id_decision"),
            ondelete="SET NULL",
        ),
    )
    op.create_index(
        "ix_therapy_course_decision_id", "therapy_course", ["decision_id"], unique=False
    )
    op.create_index("ix_therapy_course_patient_id", "therapy_course", ["patient_id"], unique=False)
    op.create_index(
        "ix_therapy_patient_start", "therapy_course", ["patient_id", "start_date"], unique=False
    )
    op.create_table(
        "option_considered",
        sa.Column("discussion_id", sa.String(length=36), nullable=False),
        sa.Column("option_id", sa.String(length=60), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("stance", sa.String(length=40), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("revisits_option_id", sa.String(length=36), nullable=True),
        sa.Column("revisits_course_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_option_considered")),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["case_discussion.id"],
            name=op.f("fk_option_considered_discussion_id_case_discussion"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            _one_of("stance", "recommended", "alternative", "later", "not_now"),
            name=op.f("ck_option_considered_ck_stance"),
        ),
        sa.ForeignKeyConstraint(
            ["revisits_option_id"],
            ["option_considered.id"],
            name=op.f("fk_option_considered_revisits_option_id_option_considered"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["revisits_course_id"],
            ["therapy_course.id"],
            name=op.f("fk_option_considered_revisits_course_id_therapy_course"),
            ondelete="SET NULL",
        ),
    )
    op.create_index(
        "ix_option_considered_discussion_id", "option_considered", ["discussion_id"], unique=False
    )
    op.create_table(
        "toxicity",
        sa.Column("course_id", sa.String(length=36), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_toxicity")),
        sa.CheckConstraint(
            "grade >= 1 AND grade <= 5",
            name=op.f("ck_toxicity_ctcae_range"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["therapy_course.id"],
            name=op.f("fk_toxicity_course_id_therapy_course"),
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_toxicity_course_id", "toxicity", ["course_id"], unique=False)
    info = sa.table("netboard_info", sa.column("key", sa.String), sa.column("value", sa.String))
    op.bulk_insert(
        info,
        [
            {"key": "application", "value": "NETboard"},
            {"key": "created_at", "value": datetime.now(UTC).isoformat(timespec="seconds")},
        ],
    )


def downgrade() -> None:
    op.drop_table("toxicity")
    op.drop_table("option_considered")
    op.drop_table("therapy_course")
    op.drop_table("staging_assessment")
    op.drop_table("pathology_result")
    op.drop_table("decision")
    op.drop_table("addendum")
    op.drop_table("action_item")
    op.drop_table("tumor")
    op.drop_table("performance_status")
    op.drop_table("lab_result")
    op.drop_table("imaging_study")
    op.drop_table("case_discussion")
    op.drop_table("attendance")
    op.drop_table("patient")
    op.drop_table("netboard_info")
    op.drop_table("meeting")
    op.drop_table("audit_entry")
