"""Generated rows made ready for the database driver: Core INSERTs and bound parameter sets.

Each table gets ``insert(table)`` compiled once for the dialect, with the bookkeeping columns
(version, timestamps) rendered as SQL constants; each value goes through its column type's own
bind processor, exactly as ``Connection.execute`` would send it (a test compares the stored rows
with plain ``Connection.execute(insert(table), rows)``). Doing that in one tight loop instead of
building per-row parameter dictionaries is what lets the demo write 1,000+ patients a second,
and lets a worker process do it while the writer is busy with the previous batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, Dialect, Enum, Table, insert, literal, literal_column
from sqlalchemy.types import TypeEngine

from netboard.db import models as m
from netboard.demo.generate import Chunk

TABLES: tuple[Table, ...] = tuple(
    model.__table__  # type: ignore[misc]
    for model in (
        m.MeetingRow, m.AttendanceRow, m.PatientRow, m.TumorRow, m.PathologyRow, m.StagingRow,
        m.ImagingRow, m.LabRow, m.PerformanceRow, m.CaseDiscussionRow, m.DecisionRow,
        m.TherapyCourseRow, m.ToxicityRow, m.OptionConsideredRow, m.ActionItemRow,
    )
)
"""Insert order: every row's references are already written."""
_BY_NAME = {table.name: table for table in TABLES}


@dataclass(frozen=True, slots=True)
class Prepared:
    """One batch: how many patients it holds and each table's parameter sets, in insert order."""

    patients: int
    tables: tuple[tuple[str, list[Any]], ...]


class Inserter:
    """The compiled INSERT of one table and the conversion of rows into its parameters."""

    def __init__(self, table: Table, stamp: datetime, dialect: Dialect) -> None:
        fixed: dict[str, Any] = {}
        for name, value in (("version", 1), ("created_at", stamp), ("updated_at", stamp)):
            if name in table.c:
                type_ = table.c[name].type
                sql = literal(value, type_).compile(dialect=dialect,
                                                    compile_kwargs={"literal_binds": True})
                fixed[name] = literal_column(str(sql), type_)
        keys = [c.key for c in table.c if c.key not in fixed]
        compiled = insert(table).values(**fixed).compile(dialect=dialect, column_keys=keys)
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        self.keys: list[str] = list(compiled.positiontup or ()) if self.positional else keys
        self._get = itemgetter(*self.keys)
        self._processors = [
            (i, proc) for i, key in enumerate(self.keys)
            if (proc := _processor(table.c[key].type, dialect)) is not None
        ]

    def parameters(self, rows: list[dict[str, Any]]) -> list[Any]:
        """Driver parameters for ``rows`` (tuples for positional paramstyles, else dicts)."""
        get, processors, keys = self._get, self._processors, self.keys
        single = len(keys) == 1
        out: list[Any] = []
        add = out.append
        for row in rows:
            values = [get(row)] if single else list(get(row))
            for i, proc in processors:
                values[i] = proc(values[i])
            add(tuple(values) if self.positional else dict(zip(keys, values, strict=True)))
        return out


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's bind processor, with two equivalent shortcuts for the hot columns.

    A vocabulary column receives members of its own enumeration, whose ``value`` is what the
    Enum type would bind; SQLite stores a date as its ISO text, which ``date.isoformat`` gives
    directly. A test compares the stored rows with ``Connection.execute(insert(table), rows)``.
    """
    if isinstance(type_, Enum) and type_.enum_class is not None:
        return _enum_value
    if dialect.name == "sqlite" and type(type_) is Date:
        return _iso_date
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _enum_value(value: Any) -> Any:
    return None if value is None else value.value


def _iso_date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class Copier:
    """PostgreSQL: the COPY statement of one table and its rows as tuples in column order.

    The values go through the same bind processors as the INSERT's; psycopg's COPY then sends
    them in text form, which is what makes the PostgreSQL demo load several times faster than
    ``executemany``.
    """

    def __init__(self, table: Table, stamp: datetime, dialect: Dialect) -> None:
        fixed = {"version": 1, "created_at": stamp, "updated_at": stamp}
        self.columns = [c.name for c in table.c]
        self.sql = f"COPY {table.name} ({', '.join(self.columns)}) FROM STDIN"
        self.keys = [c.key for c in table.c]
        self._fixed = {
            i: _convert(table.c[key].type, dialect, fixed[key])
            for i, key in enumerate(self.keys) if key in fixed
        }  # fmt: skip
        self._processors = [
            (i, proc) for i, key in enumerate(self.keys)
            if i not in self._fixed and (proc := _processor(table.c[key].type, dialect)) is not None
        ]  # fmt: skip
        self._get = itemgetter(*(k for i, k in enumerate(self.keys) if i not in self._fixed))
        self._slots = [i for i in range(len(self.keys)) if i not in self._fixed]

    def parameters(self, rows: list[dict[str, Any]]) -> list[Any]:
        """One tuple per row, every column in table order."""
        template: list[Any] = [None] * len(self.keys)
        for i, value in self._fixed.items():
            template[i] = value
        get, slots, processors = self._get, self._slots, self._processors
        single = len(slots) == 1
        out: list[Any] = []
        for row in rows:
            values = template.copy()
            got = (get(row),) if single else get(row)
            for i, value in zip(slots, got, strict=True):
                values[i] = value
            for i, proc in processors:
                values[i] = proc(values[i])
            out.append(tuple(values))
        return out


def _convert(type_: TypeEngine[Any], dialect: Dialect, value: Any) -> Any:
    proc = _processor(type_, dialect)
    return proc(value) if proc is not None else value


def uses_copy(dialect: Dialect) -> bool:
    """Whether demo rows for this dialect are written with COPY (PostgreSQL through psycopg)."""
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


_INSERTERS: dict[tuple[str, datetime, str, str], Inserter | Copier] = {}


def inserter(table_name: str, stamp: datetime, dialect: Dialect) -> Inserter | Copier:
    """The (cached) inserter of a table for this dialect and timestamp (a Copier for COPY)."""
    key = (table_name, stamp, dialect.name, dialect.driver)
    found = _INSERTERS.get(key)
    if found is None:
        kind = Copier if uses_copy(dialect) else Inserter
        found = _INSERTERS[key] = kind(_BY_NAME[table_name], stamp, dialect)
    return found


def prepare(batch: list[Chunk], dialect: Dialect, stamp: datetime) -> Prepared:
    """Gather a batch of chunks by table and convert them into driver parameters."""
    per_table: dict[str, list[dict[str, Any]]] = {name: [] for name in _BY_NAME}
    patients = 0
    for chunk in batch:
        for name, rows in chunk.items():
            per_table[name].extend(rows)
        patients += len(chunk.get("patient", ()))
    tables = tuple(
        (name, inserter(name, stamp, dialect).parameters(rows))
        for name, rows in per_table.items() if rows
    )
    return Prepared(patients, tables)
