"""SQLite: the trigram table's rows numbered in name order, beside a narrow table of names.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-05

The trigram table's rowid becomes the patient's place in the name order, and
``patient_search_order`` maps each place to the patient's rowid with the name columns, so a page of
a common name's matches sorted by name reads that small table in one sweep (see
``netboard.db.search_index``). The triggers that keep the index in step are written again and the
index is refilled. PostgreSQL: nothing changes in the schema (``netboard db reindex-search``
clusters ``patient`` by name there). Downgrading restores revision 0011's layout: rowid = the
patient's rowid, no order table.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from netboard.db import search_index

revision: str = "0012"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PAD = "  "
_TRIGGERS_0011 = {
    "patient_search_insert": (
        "AFTER INSERT ON patient BEGIN INSERT INTO patient_search(rowid, key) "
        f"VALUES (new.rowid, new.search_key || '{_PAD}'); END"
    ),
    "patient_search_update": (
        "AFTER UPDATE OF search_key ON patient WHEN old.search_key IS NOT new.search_key "
        f"BEGIN UPDATE patient_search SET key = new.search_key || '{_PAD}' "
        "WHERE rowid = old.rowid; END"
    ),
    "patient_search_delete": (
        "AFTER DELETE ON patient BEGIN DELETE FROM patient_search WHERE rowid = old.rowid; END"
    ),
}


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        search_index.drop(conn)
        search_index.ensure_sqlite(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for name in _TRIGGERS_0011:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for name in ("patient_search_vocab", "patient_search", "patient_search_order"):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {name}")
    conn.exec_driver_sql("CREATE VIRTUAL TABLE patient_search USING fts5(key, tokenize='trigram')")
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE patient_search_vocab USING fts5vocab(patient_search, 'row')"
    )
    for name, body in _TRIGGERS_0011.items():
        conn.exec_driver_sql(f"CREATE TRIGGER {name} {body}")
    conn.exec_driver_sql(
        f"INSERT INTO patient_search(rowid, key) SELECT rowid, search_key || '{_PAD}' FROM patient"
    )
