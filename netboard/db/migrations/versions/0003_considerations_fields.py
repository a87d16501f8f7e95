"""Fields for the site and syndrome points of the considerations (issue 10).

Revision ID: 0003
Revises: 0004
Create Date: 2026-12-04

Adds, all optional: the resection margin (R0/R1/R2/Rx) and lymphovascular invasion of a pathology
result, the number of metastatic lesions of a staging, whether the symptoms of a functional
syndrome are controlled (tumor), and the body weight at an ECOG assessment (creatinine clearance by
Cockcroft-Gault). Existing rows keep NULL ("not stated"). Batch mode rebuilds the SQLite tables so
that the CHECK constraints exist there too; PostgreSQL alters in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _one_of(column: str, *values: str) -> str:
    """SQL of an enumeration CHECK: NULL or one of the vocabulary's values."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def upgrade() -> None:
    with op.batch_alter_table("pathology_result") as batch:
        batch.add_column(sa.Column("margin", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("lymphovascular_invasion", sa.String(length=40), nullable=True))
        batch.create_check_constraint(
            op.f("ck_pathology_result_ck_margin"), _one_of("margin", "r0", "r1", "r2", "rx")
        )
        batch.create_check_constraint(
            op.f("ck_pathology_result_ck_presence"),
            _one_of("lymphovascular_invasion", "present", "absent"),
        )
    with op.batch_alter_table("staging_assessment") as batch:
        batch.add_column(sa.Column("lesion_count", sa.Integer(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_staging_assessment_lesion_count_nonneg"),
            "lesion_count IS NULL OR lesion_count >= 0",
        )
    with op.batch_alter_table("tumor") as batch:
        batch.add_column(sa.Column("symptom_control", sa.String(length=40), nullable=True))
        batch.create_check_constraint(
            op.f("ck_tumor_ck_symptomcontrol"),
            _one_of("symptom_control", "controlled", "uncontrolled"),
        )
    with op.batch_alter_table("performance_status") as batch:
        batch.add_column(sa.Column("weight_kg", sa.Float(), nullable=True))
        batch.create_check_constraint(
            op.f("ck_performance_status_weight_range"),
            "weight_kg IS NULL OR (weight_kg > 0 AND weight_kg <= 500)",
        )


def downgrade() -> None:
    with op.batch_alter_table("performance_status") as batch:
        batch.drop_constraint(op.f("ck_performance_status_weight_range"), type_="check")
        batch.drop_column("weight_kg")
    with op.batch_alter_table("tumor") as batch:
        batch.drop_constraint(op.f("ck_tumor_ck_symptomcontrol"), type_="check")
        batch.drop_column("symptom_control")
    with op.batch_alter_table("staging_assessment") as batch:
        batch.drop_constraint(op.f("ck_staging_assessment_lesion_count_nonneg"), type_="check")
        batch.drop_column("lesion_count")
    with op.batch_alter_table("pathology_result") as batch:
        batch.drop_constraint(op.f("ck_pathology_result_ck_presence"), type_="check")
        batch.drop_constraint(op.f("ck_pathology_result_ck_margin"), type_="check")
        batch.drop_column("lymphovascular_invasion")
        batch.drop_column("margin")
