"""A decision's agreement can be not yet chosen (issue 12).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

"Consensus" was the form's silent default, so a summary printed "Consensus of the board" for
decisions where nobody chose it. The column now allows NULL: not yet chosen (the summary says so).
Existing decisions keep the value they have. Batch mode rebuilds the SQLite table; PostgreSQL
alters in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("decision") as batch:
        batch.alter_column("agreement", existing_type=sa.String(length=40), nullable=True)


def downgrade() -> None:
    op.execute("UPDATE decision SET agreement = 'consensus' WHERE agreement IS NULL")
    with op.batch_alter_table("decision") as batch:
        batch.alter_column("agreement", existing_type=sa.String(length=40), nullable=False)
