"""A patient once per agenda (unique meeting + patient) and the audit log as a hash chain.

Revision ID: 0004
Revises: 0007
Create Date: 2026-12-04

The agenda rule was checked only by the program; two writers at once on PostgreSQL could both pass
the check. The unique constraint makes the database hold it. (One decision per discussion was
already unique.) The audit log gets ``seq`` (its place in the chain) and ``digest`` (SHA-256 over
the previous digest and the entry, see ``netboard.db.audit_chain``); existing entries are chained
in the order they were written (time, then id).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from netboard.db.audit_chain import GENESIS, entry_digest

revision: str = "0004"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_discussion = sa.table(
    "case_discussion",
    sa.column("meeting_id", sa.String(36)),
    sa.column("patient_id", sa.String(36)),
)
_audit = sa.table(
    "audit_entry",
    sa.column("id", sa.String(36)),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("who", sa.String(200)),
    sa.column("entity", sa.String(60)),
    sa.column("entity_id", sa.String(36)),
    sa.column("action", sa.String(10)),
    sa.column("changes", sa.JSON()),
    sa.column("seq", sa.Integer()),
    sa.column("digest", sa.String(64)),
)


def upgrade() -> None:
    conn = op.get_bind()
    twice = conn.execute(
        sa.select(_discussion.c.meeting_id, _discussion.c.patient_id)
        .group_by(_discussion.c.meeting_id, _discussion.c.patient_id)
        .having(sa.func.count() > 1)
        .limit(5)
    ).all()
    if twice:
        pairs = "; ".join(f"meeting {m}, patient {p}" for m, p in twice)
        raise RuntimeError(
            f"A patient is on one meeting's agenda twice ({pairs}); remove the extra agenda item "
            "with the older NETboard, then upgrade."
        )
    with op.batch_alter_table("case_discussion") as batch:
        batch.create_unique_constraint(
            "uq_case_discussion_meeting_id", ["meeting_id", "patient_id"]
        )
    with op.batch_alter_table("audit_entry") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("digest", sa.String(length=64), nullable=True))
    _chain_existing(conn)
    with op.batch_alter_table("audit_entry") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("digest", existing_type=sa.String(length=64), nullable=False)
        batch.create_unique_constraint("uq_audit_entry_seq", ["seq"])


def _chain_existing(conn: sa.Connection) -> None:
    rows = conn.execute(sa.select(_audit).order_by(_audit.c.at, _audit.c.id)).all()
    previous = GENESIS
    for seq, row in enumerate(rows, start=1):
        at = row.at
        digest = entry_digest(
            previous, seq, at, row.who, row.entity, row.entity_id, row.action, row.changes
        )
        conn.execute(
            _audit.update().where(_audit.c.id == row.id).values(seq=seq, digest=digest)
        )
        previous = digest


def downgrade() -> None:
    with op.batch_alter_table("audit_entry") as batch:
        batch.drop_constraint("uq_audit_entry_seq", type_="unique")
        batch.drop_column("digest")
        batch.drop_column("seq")
    with op.batch_alter_table("case_discussion") as batch:
        batch.drop_constraint("uq_case_discussion_meeting_id", type_="unique")
