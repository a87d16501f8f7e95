"""Who closed an action item, and when (issue 11).

Revision ID: 0005
Revises: 0011
Create Date: 2026-12-04

An action item's status is data: ``done`` with ``done_by`` (the user) and ``done_at`` (UTC), set
by the database layer whenever an item is ticked done and cleared when it is opened again.

Older data is kept readable:
- before actions of a finalized meeting could be ticked, such an action was closed by an addendum
  reading "Action done: <the action's text>" on the same case discussion. Each open action with
  such an addendum becomes done, closed by the addendum's author at its time (the addendum itself
  stays, as the record's history);
- an action already done takes who and when from its latest "status" audit entry, when it has
  one; otherwise both stay empty ("not recorded").
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DONE_PREFIX = "Action done: "

ACTION = sa.table(
    "action_item",
    sa.column("id", sa.String),
    sa.column("discussion_id", sa.String),
    sa.column("description", sa.Text),
    sa.column("done", sa.Boolean),
    sa.column("done_by", sa.String),
    sa.column("done_at", sa.DateTime(timezone=True)),
)
ADDENDUM = sa.table(
    "addendum",
    sa.column("discussion_id", sa.String),
    sa.column("text", sa.Text),
    sa.column("author", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)
AUDIT = sa.table(
    "audit_entry",
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.String),
    sa.column("action", sa.String),
    sa.column("who", sa.String),
    sa.column("at", sa.DateTime(timezone=True)),
    sa.column("seq", sa.Integer),
)


def _closing_addendum(column: sa.ColumnClause[object]) -> sa.ScalarSelect[object]:
    """The first "Action done: <text>" addendum on the action's discussion (its ``column``)."""
    return (
        sa.select(column)
        .where(
            ADDENDUM.c.discussion_id == ACTION.c.discussion_id,
            ADDENDUM.c.text == sa.literal(DONE_PREFIX, sa.Text) + ACTION.c.description,
        )
        .order_by(ADDENDUM.c.created_at)
        .limit(1)
        .scalar_subquery()
    )


def _latest_status(column: sa.ColumnClause[object]) -> sa.ScalarSelect[object]:
    """The newest "status" audit entry of the action (its ``column``)."""
    return (
        sa.select(column)
        .where(
            AUDIT.c.entity == "action",
            AUDIT.c.entity_id == ACTION.c.id,
            AUDIT.c.action == "status",
        )
        .order_by(AUDIT.c.seq.desc())
        .limit(1)
        .scalar_subquery()
    )


def upgrade() -> None:
    op.add_column("action_item", sa.Column("done_by", sa.String(length=200), nullable=True))
    op.add_column("action_item", sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
    closed_by_addendum = sa.exists(
        sa.select(ADDENDUM.c.author).where(
            ADDENDUM.c.discussion_id == ACTION.c.discussion_id,
            ADDENDUM.c.text == sa.literal(DONE_PREFIX, sa.Text) + ACTION.c.description,
        )
    )
    op.execute(
        ACTION.update()
        .where(ACTION.c.done == sa.false(), closed_by_addendum)
        .values(
            done=True,
            done_by=_closing_addendum(ADDENDUM.c.author),
            done_at=_closing_addendum(ADDENDUM.c.created_at),
        )
    )
    op.execute(
        ACTION.update()
        .where(ACTION.c.done == sa.true(), ACTION.c.done_by.is_(None))
        .values(done_by=_latest_status(AUDIT.c.who), done_at=_latest_status(AUDIT.c.at))
    )


def downgrade() -> None:
    with op.batch_alter_table("action_item") as batch:
        batch.drop_column("done_at")
        batch.drop_column("done_by")
