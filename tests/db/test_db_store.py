"""Opening, creating, refusing, migrating and backing up databases (netboard.db.store)."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pg_server import PgServer

from netboard.db import search_index
from netboard.db import store as store_module
from netboard.db.errors import StoreError
from netboard.db.models import Base, PatientRow
from netboard.db.store import Store, head_revision


def _schema_diff(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        opts = {"compare_type": True, "include_name": search_index.include_name}
        context = MigrationContext.configure(conn, opts=opts)
        return list(compare_metadata(context, Base.metadata))


def _tables(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return set(sa.inspect(conn).get_table_names())


def _add_patient(store: Store, mrn: str = "ZZ-0001") -> None:
    with store.unit_of_work() as session:
        session.add(PatientRow(mrn=mrn, family_name="Testperson", given_name="Ada"))


def _count_patients(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(PatientRow)).scalar_one())


# --- a new database -----------------------------------------------------------------------


def test_new_database_is_at_head_with_marker(store: Store) -> None:
    assert store.current_revision() == head_revision() == store.head_revision()
    with store.read() as conn:
        info = dict(conn.execute(sa.text("SELECT key, value FROM netboard_info")).all())
    assert info["application"] == "NETboard"
    assert _schema_diff(store) == []


@pytest.mark.postgres
def test_empty_postgresql_database_gets_the_schema(pg_server: PgServer) -> None:
    with Store.open(pg_server.create_database("from_empty"), user="dr-tester") as store:
        assert store.current_revision() == head_revision()
        assert _schema_diff(store) == []
        assert "netboard_info" in _tables(store)
        assert store.display_url.endswith("/from_empty")


def test_sqlite_settings_on_every_connection(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as first, sqlite_store.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


@pytest.mark.postgres
def test_postgresql_plans_every_statement_for_its_values(pg_url: str) -> None:
    """A search's plan depends on the word typed: no generic plan for a prepared statement."""
    with Store.open(pg_url, user="dr-tester") as store, store.read() as conn:
        assert conn.exec_driver_sql("SHOW plan_cache_mode").scalar() == "force_custom_plan"


def test_zero_byte_file_becomes_a_new_database(sqlite_path: Path) -> None:
    sqlite_path.touch()
    with Store.open(f"sqlite:///{sqlite_path}", user="dr-tester") as store:
        assert store.current_revision() == head_revision()
    assert sqlite_path.read_bytes().startswith(b"SQLite format 3\x00")


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "data" / "netboard" / "cases.db"
    with Store.open(f"sqlite:///{path}", user="dr-tester") as store:
        _add_patient(store)
    assert path.exists()
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_user_is_required(sqlite_path: Path) -> None:
    with pytest.raises(StoreError, match="user name"):
        Store.open(f"sqlite:///{sqlite_path}", user="  ")
    assert not sqlite_path.exists()


def test_unit_of_work_commits_or_rolls_back(store: Store) -> None:
    _add_patient(store, "ZZ-0001")
    with pytest.raises(RuntimeError), store.unit_of_work() as session:
        session.add(PatientRow(mrn="ZZ-0002", family_name="Rolledback"))
        session.flush()
        raise RuntimeError("boom")
    assert _count_patients(store) == 1


def test_foreign_keys_are_enforced(store: Store) -> None:
    from netboard.db.models import TumorRow

    with pytest.raises(sa.exc.IntegrityError), store.unit_of_work() as session:
        session.add(
            TumorRow(patient_id="no-such-patient", primary_site="pancreas", histology="net")
        )


# --- migrations -----------------------------------------------------------------------------


def test_migrations_head_base_head(store: Store) -> None:
    assert _schema_diff(store) == []
    store.downgrade("base")
    assert store.current_revision() is None
    assert _tables(store) <= {"alembic_version"}
    store.upgrade()
    assert store.current_revision() == head_revision()
    assert _schema_diff(store) == []
    assert {t.name for t in Base.metadata.sorted_tables} <= _tables(store)
    _add_patient(store)
    assert _count_patients(store) == 1


def _with_extra_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the store at a copy of the migrations that has one more (test) revision."""
    copy = tmp_path / "migrations"
    shutil.copytree(store_module.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "9001_test_extra.py").write_text(
        '"""Test-only revision."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f'revision = "9001"\ndown_revision = "{head_revision()}"\n'
        "branch_labels = None\ndepends_on = None\n\n\n"
        "def upgrade() -> None:\n"
        '    op.create_table("extra_test", sa.Column("id", sa.Integer, primary_key=True))\n\n\n'
        "def downgrade() -> None:\n"
        '    op.drop_table("extra_test")\n'
    )
    monkeypatch.setattr(store_module, "MIGRATIONS_DIR", copy)
    return "9001"


def test_older_sqlite_file_is_backed_up_then_upgraded(
    sqlite_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = f"sqlite:///{sqlite_path}"
    with Store.open(url, user="dr-tester") as old:
        _add_patient(old)
        old_revision = old.current_revision()
    new_head = _with_extra_revision(tmp_path, monkeypatch)
    caplog.set_level("INFO", logger="netboard.db.store")
    with Store.open(url, user="dr-tester") as upgraded:
        assert upgraded.current_revision() == new_head
        assert "extra_test" in _tables(upgraded)
        assert _count_patients(upgraded) == 1
    backup = sqlite_path.with_name(f"{sqlite_path.name}.before-{old_revision}.bak")
    assert backup.exists()
    assert str(backup) in caplog.text
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (old_revision,)
        assert conn.execute("SELECT count(*) FROM patient").fetchone() == (1,)
    finally:
        conn.close()


def test_upgrade_false_leaves_older_schema(
    sqlite_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{sqlite_path}"
    Store.open(url, user="dr-tester").close()
    _with_extra_revision(tmp_path, monkeypatch)
    with Store.open(url, user="dr-tester", upgrade=False) as store:
        assert store.current_revision() != store.head_revision()
        store.upgrade()
        assert store.current_revision() == store.head_revision()


def test_newer_schema_is_refused_and_file_unchanged(sqlite_path: Path) -> None:
    url = f"sqlite:///{sqlite_path}"
    with Store.open(url, user="dr-tester") as store:
        _add_patient(store)
        with store.unit_of_work() as session:
            session.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dcafe'"))
    before = sqlite_path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(url, user="dr-tester")
    message = str(caught.value)
    assert str(sqlite_path) in message
    assert "newer NETboard (schema f00dcafe)" in message
    assert f"knows up to {head_revision()}" in message
    assert "Update NETboard" in message
    assert sqlite_path.read_bytes() == before


@pytest.mark.postgres
def test_newer_schema_is_refused_on_postgresql(pg_server: PgServer) -> None:
    url = pg_server.create_database("newer_schema")
    with Store.open(url, user="dr-tester") as store:
        with store.unit_of_work() as session:
            session.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dcafe'"))
    with pytest.raises(StoreError, match=r"newer NETboard \(schema f00dcafe\)"):
        Store.open(url, user="dr-tester")


# --- files that are not NETboard databases ----------------------------------------------------


def _other_app_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.commit()
    conn.close()


def _other_app_wal_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    assert not Path(f"{path}-wal").exists()


def _empty_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 7")  # writes the header: a valid but table-less database
    conn.commit()
    conn.close()


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _text_file(path: Path) -> None:
    path.write_text("family,given\nTestperson,Ada\n")


def _zeros(path: Path) -> None:
    path.write_bytes(b"\x00" * 4096)


def _truncated_netboard(path: Path) -> None:
    full = path.with_name("full.db")
    with Store.open(f"sqlite:///{full}", user="dr-tester") as store:
        _add_patient(store)
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_mid_page(path: Path) -> None:
    full = path.with_name("full.db")
    with Store.open(f"sqlite:///{full}", user="dr-tester"):
        pass
    path.write_bytes(full.read_bytes()[:5000])


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (_random_bytes, "not an SQLite database"),
        (_text_file, "not an SQLite database"),
        (_zeros, "not an SQLite database"),
        (_truncated_netboard, "truncated"),
        (_truncated_mid_page, "truncated"),
        (_other_app_db, "another program"),
        (_other_app_wal_db, "another program; its tables are notes"),
        (_empty_sqlite, "without any tables"),
    ],
    ids=[
        "random",
        "text",
        "zeros",
        "truncated",
        "truncated-mid-page",
        "other-app",
        "other-app-wal",
        "empty-sqlite",
    ],
)
def test_not_a_netboard_database_is_refused_unchanged(
    tmp_path: Path, make: object, why: str
) -> None:
    path = tmp_path / "cases.db"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    listing = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(StoreError) as caught:
        Store.open(f"sqlite:///{path}", user="dr-tester")
    assert str(path) in str(caught.value)
    assert why in str(caught.value)
    assert "not a NETboard database" in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(f"sqlite:///{tmp_path}", user="dr-tester")


@pytest.mark.postgres
def test_postgresql_database_of_another_program_is_refused(pg_server: PgServer) -> None:
    url = pg_server.create_database("other_program")
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE recipes (id integer primary key, name text)")
    with pytest.raises(StoreError, match=r"not a NETboard database.*recipes"):
        Store.open(url, user="dr-tester")
    with engine.connect() as conn:
        assert set(sa.inspect(conn).get_table_names()) == {"recipes"}
    engine.dispose()


def test_unreachable_server_is_reported_without_password() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql+psycopg://board:s3cret@127.0.0.1:{port}/netboard"
    with pytest.raises(StoreError) as caught:
        Store.open(url, user="dr-tester")
    message = str(caught.value)
    assert f"127.0.0.1:{port}/netboard" in message
    assert "s3cret" not in message
    assert "server is running" in message


def test_not_a_url_is_refused() -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("this is not a url", user="dr-tester")


# --- backups --------------------------------------------------------------------------------


def test_backup_copies_a_database_in_use(sqlite_store: Store, tmp_path: Path) -> None:
    _add_patient(sqlite_store, "ZZ-0001")
    _add_patient(sqlite_store, "ZZ-0002")
    target = sqlite_store.backup(tmp_path / "backups" / "copy.db")
    assert target == tmp_path / "backups" / "copy.db"
    with Store.open(f"sqlite:///{target}", user="dr-tester") as copy:
        assert _count_patients(copy) == 2
    with pytest.raises(StoreError, match="already exists"):
        sqlite_store.backup(target)
    assert [p.name for p in target.parent.iterdir()] == ["copy.db"]


@pytest.mark.postgres
def test_backup_of_postgresql_points_to_pg_dump(pg_server: PgServer, tmp_path: Path) -> None:
    with Store.open(pg_server.create_database("backup_refused"), user="dr-tester") as store:
        with pytest.raises(StoreError, match="pg_dump"):
            store.backup(tmp_path / "copy.db")
    assert not (tmp_path / "copy.db").exists()


def test_memory_database_works() -> None:
    with Store.open("sqlite://", user="dr-tester") as store:
        _add_patient(store)
        assert _count_patients(store) == 1
        with pytest.raises(StoreError, match="in-memory"):
            store.backup(Path("unused.db"))
