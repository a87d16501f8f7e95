"""The navigator's phone number and a plan correction by addendum (issue 10, the handout).

Revision ID: 0009
Revises: 0003
Create Date: 2026-12-04

Adds ``patient.navigator_phone`` (the phone of the patient's own navigator, printed on the plan
handout; existing rows get an empty text through a server default, so SQLite adds the column
without rebuilding the patient table) and ``addendum.plan_option_id`` (an addendum that
corrects the plan names the catalog option now recommended; NULL for any other addendum).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("patient") as batch:
        batch.add_column(
            sa.Column("navigator_phone", sa.String(length=40), nullable=False, server_default="")
        )
    with op.batch_alter_table("addendum") as batch:
        batch.add_column(sa.Column("plan_option_id", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("addendum") as batch:
        batch.drop_column("plan_option_id")
    with op.batch_alter_table("patient") as batch:
        batch.drop_column("navigator_phone")
