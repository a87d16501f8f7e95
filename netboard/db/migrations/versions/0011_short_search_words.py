"""Search words of one or two characters from an index (SQLite and PostgreSQL).

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-04

SQLite: the trigram table is rebuilt with the key followed by two spaces (so every one- or
two-character substring begins a trigram) and gains its vocabulary table; the triggers that keep
it in step are written again. PostgreSQL: a GIN index on the array of each key's one- and
two-character substrings (an SQL function, no extension). See ``netboard.db.search_index``.
Downgrading drops the new objects; the padded trigram table keeps answering longer words.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from netboard.db import search_index

revision: str = "0011"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        search_index.drop(conn)
        search_index.ensure_sqlite(conn)
    elif conn.dialect.name == "postgresql":
        search_index.create_grams(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {search_index.VOCAB_TABLE}")
    elif conn.dialect.name == "postgresql":
        search_index.drop_grams(conn)
