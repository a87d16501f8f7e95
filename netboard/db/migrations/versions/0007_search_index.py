"""Patient search from an index: pg_trgm GIN index (PostgreSQL) or FTS5 trigram table (SQLite).

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-04

The objects are described in ``netboard.db.search_index`` (they are not part of the ORM metadata).
The name index gains ``search_key`` as its last column, so a search sorted by name tests each
index entry without reading the table.
On PostgreSQL without the pg_trgm extension the revision still applies: it logs what to do and
search keeps working as the plain query.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from netboard.db import search_index

revision: str = "0007"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


NAME_INDEX = "ix_patient_family_given"


def upgrade() -> None:
    op.drop_index(NAME_INDEX, table_name="patient")
    op.create_index(NAME_INDEX, "patient", ["family_name", "given_name", "id", "search_key"])
    search_index.create(op.get_bind())


def downgrade() -> None:
    search_index.drop(op.get_bind())
    op.drop_index(NAME_INDEX, table_name="patient")
    op.create_index(NAME_INDEX, "patient", ["family_name", "given_name", "id"])
