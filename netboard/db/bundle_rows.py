"""Rows for offline case bundles: what a bundle takes out of a database, how a working copy is
built from it, and the board database's current rows and ledger for a merge.

Rows travel as plain JSON-ready dicts of every column (enumerations by value, dates and times as
ISO text), keyed by record kind (``db.operations.KINDS``); ORM objects never leave this package.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table, insert, select
from sqlalchemy import Enum as SAEnum

from netboard.db import models as m
from netboard.db.operations_kinds import KINDS, TABLE_KIND
from netboard.db.operations_lists import refresh_patient_lists
from netboard.db.store import Store

Row = dict[str, Any]
RowsByKind = dict[str, list[Row]]

TABLES: dict[str, Table] = {kind: info.row.__table__ for kind, info in KINDS.items()}
KIND_ORDER: tuple[str, ...] = tuple(
    TABLE_KIND[t.name] for t in m.Base.metadata.sorted_tables if t.name in TABLE_KIND
)
"""Record kinds, parents before children (the order rows can be inserted in)."""

DATABASE_ID_KEY = "database_id"
BUNDLE_ID_KEY = "bundle_id"
IMPORT_ENTITY = "bundle"
IMPORT_ACTION = "import"


def to_json(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def from_json(table: Table, column: str, value: object) -> object:
    """A column value back from its JSON form (for inserting it)."""
    if value is None:
        return None
    col_type = table.c[column].type
    if isinstance(col_type, SAEnum) and col_type.enum_class is not None:
        return col_type.enum_class(value)
    if isinstance(col_type, DateTime) or getattr(col_type, "impl", None).__class__ is DateTime:
        return datetime.fromisoformat(str(value))
    if isinstance(col_type, Date):
        return date.fromisoformat(str(value))
    return value


def _jsonable_row(row: Mapping[Any, Any]) -> Row:
    return {key: to_json(value) for key, value in row.items()}


# --- the database's identity and the import ledger --------------------------------------------


def info_value(store: Store, key: str) -> str | None:
    table: Table = m.AppInfoRow.__table__  # type: ignore[assignment]
    with store.read() as conn:  # a Core query: the window's start does not configure the ORM
        found = conn.execute(select(table.c.value).where(table.c.key == key)).first()
    return None if found is None else str(found[0])


def set_info(store: Store, key: str, value: str) -> None:
    table: Table = m.AppInfoRow.__table__  # type: ignore[assignment]
    with store.unit_of_work() as session:
        conn = session.connection()
        conn.execute(table.delete().where(table.c.key == key))
        conn.execute(insert(table).values(key=key, value=value))


def database_id(store: Store) -> str:
    """This database's stable id (made on first use): a bundle names where it came from."""
    found = info_value(store, DATABASE_ID_KEY)
    if found:
        return found
    made = str(uuid.uuid4())
    set_info(store, DATABASE_ID_KEY, made)
    return made


def applied_at(store: Store, bundle_id: str) -> tuple[str, datetime] | None:
    """Who imported this bundle and when (from the audit log), or None if it never was."""
    with store.read() as conn:
        found = conn.execute(
            select(m.AuditRow.who, m.AuditRow.at)
            .where(m.AuditRow.entity == IMPORT_ENTITY, m.AuditRow.entity_id == bundle_id)
            .where(m.AuditRow.action == IMPORT_ACTION)
            .limit(1)
        ).first()
    return None if found is None else (str(found[0]), found[1])


# --- taking a bundle out ------------------------------------------------------------------------


def _select_in(conn: Connection, kind: str, column: str, ids: Iterable[str]) -> list[Row]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    table = TABLES[kind]
    found: list[Row] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(table).where(table.c[column].in_(chunk)).order_by(table.c.id)
        found.extend(dict(r) for r in conn.execute(query).mappings())
    return found


def _ids(rows: list[Row]) -> list[str]:
    return [str(r["id"]) for r in rows]


def bundle_rows(store: Store, patient_ids: Iterable[str], meeting_id: str | None) -> RowsByKind:
    """The patients' whole records (with every board discussion of them and those meetings) and
    the meeting (attendance, agenda, meeting-wide addenda), in one read."""
    out: dict[str, list[Row]] = {kind: [] for kind in KIND_ORDER}
    with store.read() as conn:
        patients = _select_in(conn, "patient", "id", patient_ids)
        pids = _ids(patients)
        out["patient"] = patients
        tumors = _select_in(conn, "tumor", "patient_id", pids)
        out["tumor"] = tumors
        for kind in ("pathology", "staging"):
            out[kind] = _select_in(conn, kind, "tumor_id", _ids(tumors))
        for kind in ("imaging", "lab", "performance", "therapy"):
            out[kind] = _select_in(conn, kind, "patient_id", pids)
        out["toxicity"] = _select_in(conn, "toxicity", "course_id", _ids(out["therapy"]))
        discussions = _select_in(conn, "discussion", "patient_id", pids)
        meeting_ids = {str(d["meeting_id"]) for d in discussions}
        if meeting_id is not None:
            meeting_ids.add(meeting_id)
            known = set(_ids(discussions))
            discussions += [
                d
                for d in _select_in(conn, "discussion", "meeting_id", [meeting_id])
                if d["id"] not in known
            ]
        out["discussion"] = discussions
        out["meeting"] = _select_in(conn, "meeting", "id", meeting_ids)
        if meeting_id is not None:
            out["attendance"] = _select_in(conn, "attendance", "meeting_id", [meeting_id])
        dids = _ids(discussions)
        for kind in ("option", "decision", "action"):
            out[kind] = _select_in(conn, kind, "discussion_id", dids)
        addenda = _select_in(conn, "addendum", "discussion_id", dids)
        if meeting_id is not None:
            addenda += [
                a
                for a in _select_in(conn, "addendum", "meeting_id", [meeting_id])
                if a["discussion_id"] is None
            ]
        out["addendum"] = addenda
    return {kind: [_jsonable_row(r) for r in rows] for kind, rows in out.items()}


def all_rows(store: Store) -> RowsByKind:
    """Every record of a (working copy) database."""
    with store.read() as conn:
        return {
            kind: [
                _jsonable_row(r)
                for r in conn.execute(select(TABLES[kind]).order_by(TABLES[kind].c.id)).mappings()
            ]
            for kind in KIND_ORDER
        }


def rows_by_id(store: Store, wanted: Mapping[str, Iterable[str]]) -> dict[str, dict[str, Row]]:
    """The current rows of these ids per kind (absent ids are simply missing)."""
    with store.read() as conn:
        return {
            kind: {str(r["id"]): _jsonable_row(r) for r in _select_in(conn, kind, "id", ids)}
            for kind, ids in wanted.items()
        }


def meetings_of_discussions(store: Store, discussion_ids: Iterable[str]) -> dict[str, str]:
    with store.read() as conn:
        return {
            str(r["id"]): str(r["meeting_id"])
            for r in _select_in(conn, "discussion", "id", discussion_ids)
        }


def load_rows(store: Store, rows: Mapping[str, list[Row]]) -> None:
    """Insert rows exactly as they were (ids, versions, times) into an empty working copy."""
    with store.unit_of_work() as session:
        conn = session.connection()
        later: list[tuple[Table, str, str, object]] = []
        for kind in KIND_ORDER:
            table = TABLES[kind]
            batch = []
            for row in rows.get(kind, []):
                values = {k: from_json(table, k, v) for k, v in row.items() if k in table.c}
                for fk in table.foreign_keys:
                    name = fk.parent.name
                    if fk.parent.nullable and values.get(name) is not None:
                        later.append((table, str(values["id"]), name, values[name]))
                        values[name] = None
                batch.append(values)
            if batch:
                conn.execute(insert(table), batch)
        for table, row_id, name, target in later:
            conn.execute(table.update().where(table.c.id == row_id).values({name: target}))
        refresh_patient_lists(conn)


def cascades(
    store: Store, records: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """For each (kind, id): the records a delete of it would take along on the board now."""
    from netboard.db.errors import InUseError
    from netboard.db.operations_delete import collect_dependents

    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    with store.read() as conn:
        for kind, entity_id in records:
            table = TABLES[kind]
            root = conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
            if root is None:
                continue
            try:
                found = collect_dependents(conn, table, root, kind)
            except InUseError:
                found = {}
            out[(kind, entity_id)] = [
                (TABLE_KIND[name], row_id)
                for name, by_id in found.items()
                for row_id in by_id
                if row_id != entity_id
            ]
    return out
