"""The demo's fast load into an empty PostgreSQL database (``db.bulk_pg`` used by ``demo.writer``).

The loader drops the secondary indexes and foreign keys of the demo's tables, COPYs the rows and
re-creates them, all in one transaction. These tests hold it to what a user relies on: afterwards
the schema is Alembic's head and every index and constraint the catalog listed before the load is
there again, with the same definition (the oracle is read from the database itself, not from the
loader's list); the rows are those of the batch-by-batch path; a load that fails halfway leaves
the database empty with everything in place; ``--force`` into a database with patients keeps the
batch-by-batch path.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pg_server import PgServer
from sqlalchemy import text

from netboard.cli import main
from netboard.db import operations, search_index
from netboard.db.models import Base
from netboard.db.store import Store
from netboard.demo import write_demo
from netboard.demo import writer as demo_writer
from netboard.demo.prepare import TABLES

pytestmark = pytest.mark.postgres

Catalog = tuple[frozenset[tuple[Any, ...]], frozenset[tuple[Any, ...]]]


def _catalog(store: Store) -> Catalog:
    """Every index (name, table, definition, valid) and every constraint (table, name, type,
    definition, validated) of the database's own schema, as the catalog lists them."""
    with store.read() as conn:
        indexes = conn.execute(text(
            "SELECT v.indexname, v.tablename, v.indexdef, i.indisvalid, i.indisready "
            "FROM pg_indexes v JOIN pg_class c ON c.relname = v.indexname "
            "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = v.schemaname "
            "JOIN pg_index i ON i.indexrelid = c.oid WHERE v.schemaname = current_schema()"
        )).all()  # fmt: skip
        constraints = conn.execute(text(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid), "
            "convalidated, condeferrable FROM pg_constraint "
            "WHERE connamespace = current_schema()::regnamespace"
        )).all()  # fmt: skip
    return frozenset(map(tuple, indexes)), frozenset(map(tuple, constraints))


def _schema_diff(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        opts = {"compare_type": True, "include_name": search_index.include_name}
        context = MigrationContext.configure(conn, opts=opts)
        return list(compare_metadata(context, Base.metadata))


def _contents(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every demo table's rows, sorted."""
    with store.read() as conn:
        return {table.name: sorted((tuple(r) for r in conn.execute(text(
                    f"SELECT * FROM {table.name}"))), key=repr)
                for table in TABLES}  # fmt: skip


def _counts(store: Store) -> dict[str, int]:
    with store.read() as conn:
        return {table.name: int(conn.execute(text(
                    f"SELECT count(*) FROM {table.name}")).scalar_one())
                for table in TABLES}  # fmt: skip


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    with Store.open(pg_url, user="dr-tester") as store:
        yield store


@pytest.fixture
def other_pg_store(pg_server: PgServer, pg_template: str) -> Iterator[Store]:
    url = pg_server.create_database(f"t_{uuid.uuid4().hex[:16]}", template=pg_template)
    with Store.open(url, user="dr-tester") as store:
        yield store


def test_fast_load_leaves_every_index_and_constraint_as_before(pg_store: Store) -> None:
    before = _catalog(pg_store)
    assert len(before[0]) > 40 and sum(c[2] == "f" for c in before[1]) > 15  # a real schema
    steps: list[tuple[int, int]] = []
    assert write_demo(pg_store, 300, 3, finishing=lambda *step: steps.append(step)) == 300
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1] > 20  # the fast path ran
    assert _catalog(pg_store) == before
    assert _schema_diff(pg_store) == []
    assert _counts(pg_store)["patient"] == 300


def test_fast_and_batched_loads_store_the_same_rows(
    pg_store: Store, other_pg_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[tuple[int, int]] = []
    write_demo(pg_store, 300, 3, finishing=lambda *step: steps.append(step))
    assert steps  # fast
    with monkeypatch.context() as patch:  # a role that does not own the tables: batch by batch
        patch.setattr(demo_writer.bulk_pg, "owns", lambda *_: False)
        write_demo(other_pg_store, 300, 3, finishing=lambda *step: steps.append(("batched",)))
    assert ("batched",) not in steps
    fast, batched = _contents(pg_store), _contents(other_pg_store)
    assert sum(len(rows) for rows in fast.values()) > 10_000
    assert fast == batched


class _StopError(Exception):
    pass


def _raise(*_: object) -> None:
    raise _StopError


@pytest.mark.parametrize("failure", [_StopError, KeyboardInterrupt], ids=["error", "ctrl-c"])
def test_a_load_that_fails_midway_leaves_the_database_as_it_was(
    pg_store: Store, failure: type[BaseException]
) -> None:
    before = _catalog(pg_store)
    seen: list[int] = []

    def after_first_batch(done: int, _total: int) -> None:
        seen.append(done)
        raise failure

    with pytest.raises(failure):
        write_demo(pg_store, 1200, 4, progress=after_first_batch, worker=False)
    assert seen == [500]
    assert set(_counts(pg_store).values()) == {0}
    assert _catalog(pg_store) == before


def test_a_failure_while_rebuilding_leaves_the_database_as_it_was(pg_store: Store) -> None:
    before = _catalog(pg_store)
    calls: list[int] = []

    def on_third_step(done: int, _total: int) -> None:
        calls.append(done)
        if done == 3:
            raise _StopError

    with pytest.raises(_StopError):
        write_demo(pg_store, 200, 4, finishing=on_third_step)
    assert calls == [0, 1, 2, 3]
    assert set(_counts(pg_store).values()) == {0}
    assert _catalog(pg_store) == before
    assert write_demo(pg_store, 50, 4) == 50  # and the database takes a demo afterwards


def test_cli_demo_says_when_it_builds_the_indexes(pg_url: str,
                                                  capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--patients", "40", "--db", pg_url]) == 0
    err = capfd.readouterr().err
    assert "building indexes and foreign keys" in err


def test_forced_demo_into_a_database_with_patients_keeps_the_batched_path(
    pg_url: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with Store.open(pg_url, user="dr-tester") as store:
        before = _catalog(store)
        operations.create(store, "patient",
                          {"mrn": "REAL-1", "family_name": "Quorvel", "given_name": "Ilvy"})
    assert main(["demo", "--patients", "40", "--force", "--db", pg_url]) == 0
    err = capfd.readouterr().err
    assert "building indexes" not in err
    with Store.open(pg_url, user="dr-tester") as store:
        assert _counts(store)["patient"] == 41
        assert _catalog(store) == before
        assert _schema_diff(store) == []


def test_tables_in_use_by_another_session_are_written_batch_by_batch(pg_url: str) -> None:
    """A reader holding a table (e.g. an open window) keeps its lock: the indexes cannot be
    dropped, so the demo is written as into a database with patients, and nothing is lost."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    with Store.open(pg_url, user="dr-tester", busy_timeout=0.3) as store:
        before = _catalog(store)
        with psycopg.connect(host=url.host, port=url.port, user=url.username,
                             dbname=url.database) as reader:  # fmt: skip
            reader.execute("SELECT count(*) FROM patient")  # holds ACCESS SHARE until the end
            steps: list[tuple[int, int]] = []
            assert write_demo(store, 40, 6, finishing=lambda *step: steps.append(step)) == 40
        assert steps == []
        assert _counts(store)["patient"] == 40
        assert _catalog(store) == before
