"""Recompute every patient's search key with the one accent fold.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04

The search key used to keep the letters NFKD does not split (ł ø đ æ œ þ …), so "lukasz" did not
find "Łukasz". The key is now made by ``netboard.domain.privacy.fold`` (shared with the
de-identifier); this data migration rewrites the stored keys with it, in batches, on SQLite and
PostgreSQL alike. Downgrading keeps the new keys: the old search still finds every plain-ASCII
spelling, and the next upgrade rewrites them anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from netboard.db.queries_search import search_key_for

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000

_patient = sa.table(
    "patient",
    sa.column("id", sa.String(36)),
    sa.column("family_name", sa.String(120)),
    sa.column("given_name", sa.String(120)),
    sa.column("mrn", sa.String(40)),
    sa.column("search_key", sa.String(300)),
)


def upgrade() -> None:
    conn = op.get_bind()
    after = ""
    while True:
        rows = conn.execute(
            sa.select(
                _patient.c.id,
                _patient.c.family_name,
                _patient.c.given_name,
                _patient.c.mrn,
                _patient.c.search_key,
            )
            .where(_patient.c.id > after)
            .order_by(_patient.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        changed = [
            {"row_id": r.id, "key": key}
            for r in rows
            if (key := search_key_for(r.family_name, r.given_name or "", r.mrn)) != r.search_key
        ]
        if changed:
            conn.execute(
                _patient.update()
                .where(_patient.c.id == sa.bindparam("row_id"))
                .values(search_key=sa.bindparam("key")),
                changed,
            )
        after = rows[-1].id


def downgrade() -> None:
    """Nothing to undo in the schema; the keys stay folded (see the module docstring)."""
