"""Delete a record with everything that depends on it, and restore it exactly (the UI's undo).

Which rows go with a record follows the foreign keys of the schema: ON DELETE CASCADE children
are collected (and removed by the database), SET NULL references are remembered so ``restore``
can put them back, and RESTRICT children refuse the delete (InUseError).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Table, insert, select, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from netboard.db.errors import InUseError, NotFoundError
from netboard.db.models import Base
from netboard.db.operations_kinds import (
    KINDS,
    TABLE_KIND,
    StaleError,
    audit,
    check_open,
    conflict,
    kind_info,
    meeting_of,
    patient_of,
)
from netboard.db.operations_lists import refresh_patient_lists
from netboard.db.queries_rows import split_sites
from netboard.db.store import Store
from netboard.domain.validation import fields


@dataclass(frozen=True, slots=True)
class Deleted:
    """What a delete removed, as plain values: enough to restore it with the same ids."""

    kind: str
    entity_id: str
    rows: tuple[tuple[str, Mapping[str, Any]], ...]
    """(table, column values) of the record and its dependent rows, parents first."""
    relinks: tuple[tuple[str, str, str, str], ...] = ()
    """(table, row id, column, referenced id) of references the delete set to NULL."""

    @property
    def dependents(self) -> int:
        """How many rows went with the record."""
        return len(self.rows) - 1


_ORDER = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}
_TABLES: dict[str, Table] = {table.name: table for table in Base.metadata.sorted_tables}

_REVERSE: dict[str, list[tuple[Table, Column[Any], str]]] = defaultdict(list)
for _table in Base.metadata.sorted_tables:
    for _fk in _table.foreign_keys:
        _REVERSE[_fk.column.table.name].append(
            (_table, _fk.parent, (_fk.ondelete or "NO ACTION").upper())
        )

_DEPENDENT_NAMES = {
    "case_discussion": ("agenda item", "agenda items"),
    "addendum": ("addendum", "addenda"),
}


def _values(table_name: str, row: Mapping[Any, Any]) -> dict[str, object]:
    """Snapshot-field values of a stored row (for the audit log and the finalized check)."""
    kind = TABLE_KIND[table_name]
    out: dict[str, object] = {"id": row["id"]}
    for name in fields(kind):
        if name in row:
            value = row[name]
            out[name] = split_sites(value) if name == "metastatic_sites" else value
    return out


def _collect(
    conn: Connection, table: Table, root: Mapping[Any, Any], kind: str
) -> tuple[dict[str, dict[str, dict[str, Any]]], list[tuple[str, str, str, str]]]:
    found: dict[str, dict[str, dict[str, Any]]] = {table.name: {root["id"]: dict(root)}}
    relinks: list[tuple[str, str, str, str]] = []
    queue: list[tuple[Table, list[str]]] = [(table, [root["id"]])]
    while queue:
        parent, ids = queue.pop(0)
        for child, column, ondelete in _REVERSE[parent.name]:
            rows = conn.execute(select(child).where(column.in_(ids))).mappings().all()
            if not rows:
                continue
            if ondelete == "CASCADE":
                seen = found.setdefault(child.name, {})
                new = [r for r in rows if r["id"] not in seen]
                seen.update({r["id"]: dict(r) for r in new})
                if new:
                    queue.append((child, [r["id"] for r in new]))
            elif ondelete == "SET NULL":
                relinks.extend((child.name, r["id"], column.name, r[column.name]) for r in rows)
            else:
                one, many = _DEPENDENT_NAMES.get(child.name, (child.name, child.name + " rows"))
                raise InUseError(kind, root["id"], f"{len(rows)} {one if len(rows) == 1 else many}")
    relinks = [link for link in relinks if link[1] not in found.get(link[0], {})]
    return found, relinks


def collect_dependents(
    conn: Connection, table: Table, root: Mapping[Any, Any], kind: str
) -> dict[str, dict[str, dict[str, Any]]]:
    """The rows a delete of ``root`` would remove (by table and id), the root included."""
    return _collect(conn, table, root, kind)[0]


def _check_not_finalized(
    session: Session, kind: str, rows: dict[str, dict[str, dict[str, Any]]]
) -> None:
    noun = kind_info(kind).noun
    for table_name, by_id in rows.items():
        row_kind = TABLE_KIND[table_name]
        if not KINDS[row_kind].meeting_scoped:
            continue
        what = f"This {noun}" if row_kind == kind else f"This {noun}'s {KINDS[row_kind].noun}"
        for row in by_id.values():
            check_open(session, meeting_of(session, row_kind, _values(table_name, row)), what)


def delete_in(
    session: Session, who: str, kind: str, entity_id: str, expected_version: int | None
) -> Deleted:
    table = _TABLES[kind_info(kind).row.__tablename__]
    conn = session.connection()
    root = conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    if root is None:
        raise NotFoundError(kind, entity_id)
    versioned = "version" in table.c
    if versioned and expected_version is not None and root["version"] != expected_version:
        raise StaleError()
    rows, relinks = _collect(conn, table, root, kind)
    _check_not_finalized(session, kind, rows)
    for table_name, row_id, _column, _target in relinks:
        row_kind = TABLE_KIND[table_name]
        if KINDS[row_kind].meeting_scoped:
            stored = (
                conn.execute(select(_TABLES[table_name]).where(_TABLES[table_name].c.id == row_id))
                .mappings()
                .one()
            )
            check_open(
                session,
                meeting_of(session, row_kind, _values(table_name, stored)),
                f"This {kind_info(kind).noun} is referred to by an {KINDS[row_kind].noun} that",
            )
    affected = (
        set() if kind == "patient" else {patient_of(session, kind, _values(table.name, root))}
    )
    statement = sql_delete(table).where(table.c.id == entity_id)
    if versioned:
        statement = statement.where(table.c.version == root["version"])
    if conn.execute(statement).rowcount != 1:
        raise StaleError()
    audit(session, who, kind, entity_id, "delete",
          {k: (v, None) for k, v in _values(table.name, root).items() if k != "id"})  # fmt: skip
    for table_name, by_id in rows.items():
        for row_id in by_id:
            if row_id != entity_id:
                audit(session, who, TABLE_KIND[table_name], row_id, "delete",
                      {"deleted with": (None, f"{kind} {entity_id}")})  # fmt: skip
    ordered = sorted(
        ((name, row) for name, by_id in rows.items() for row in by_id.values()),
        key=lambda item: (_ORDER[item[0]], item[0] != table.name),
    )
    session.flush()
    refresh_patient_lists(conn, {p for p in affected if p})
    return Deleted(kind, entity_id, tuple(ordered), tuple(relinks))


def restore_in(session: Session, who: str, deleted: Deleted) -> None:
    conn = session.connection()
    root_table = _TABLES[kind_info(deleted.kind).row.__tablename__]
    if conn.execute(select(root_table.c.id).where(root_table.c.id == deleted.entity_id)).first():
        raise StaleError()
    restoring = {(name, row["id"]) for name, row in deleted.rows}
    by_table: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for name, row in deleted.rows:
        by_table[name][row["id"]] = dict(row)
    later: list[tuple[str, str, str, str]] = []
    for name, row in deleted.rows:
        table = _TABLES[name]
        for fk in table.foreign_keys:
            target = row.get(fk.parent.name)
            if target is None:
                continue
            target_table = fk.column.table.name
            if fk.parent.nullable:
                later.append((name, row["id"], fk.parent.name, target))
            elif (target_table, target) not in restoring and not _exists(
                conn, target_table, target
            ):
                raise NotFoundError(TABLE_KIND[target_table], target)
    # Finalized meetings stay untouched: check each restored row's meeting exists and is open.
    _check_not_finalized(session, deleted.kind, by_table)
    for name, row in deleted.rows:
        nulled = {column: None for (t, i, column, _v) in later if t == name and i == row["id"]}
        conn.execute(insert(_TABLES[name]).values({**row, **nulled}))
    for name, row_id, column, target in [*later, *deleted.relinks]:
        target_table = next(
            fk.column.table.name for fk in _TABLES[name].foreign_keys if fk.parent.name == column
        )
        if _exists(conn, target_table, target):
            table = _TABLES[name]
            conn.execute(
                update(table)
                .where(table.c.id == row_id, table.c[column].is_(None))
                .values({column: target})
            )
    for name, row in deleted.rows:
        row_kind = TABLE_KIND[name]
        if row["id"] == deleted.entity_id:
            values = _values(name, row)
            changes: dict[str, tuple[object, object]] = {
                k: (None, v) for k, v in values.items() if k != "id" and v not in (None, "")
            }
        else:
            changes = {"restored with": (None, f"{deleted.kind} {deleted.entity_id}")}
        audit(session, who, row_kind, row["id"], "restore", changes)
    session.flush()
    root = next(row for name, row in deleted.rows if row["id"] == deleted.entity_id)
    patients = {patient_of(session, deleted.kind, _values(root_table.name, root))}
    refresh_patient_lists(conn, {p for p in patients if p})


def _exists(conn: Connection, table_name: str, row_id: str) -> bool:
    table = _TABLES[table_name]
    return conn.execute(select(table.c.id).where(table.c.id == row_id)).first() is not None


def delete(
    store: Store, kind: str, entity_id: str, *, expected_version: int | None = None
) -> Deleted:
    """Delete a record and what depends on it (a patient's whole record); returns what is needed
    to restore it. Refused for anything of a finalized meeting (FinalizedError) and for a
    meeting that still has an agenda (InUseError)."""
    try:
        with store.unit_of_work() as session:
            return delete_in(session, store.user, kind, entity_id, expected_version)
    except (StaleError, StaleDataError):
        raise conflict(store, kind, entity_id) from None


def restore(store: Store, deleted: Deleted) -> None:
    """Put back what ``delete`` removed, with the same ids and versions (undo of a delete)."""
    try:
        with store.unit_of_work() as session:
            restore_in(session, store.user, deleted)
    except StaleError:
        raise conflict(store, deleted.kind, deleted.entity_id) from None
