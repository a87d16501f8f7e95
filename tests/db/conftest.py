"""Database fixtures: every ``store`` test runs on a fresh SQLite file and on a fresh PostgreSQL
database (one throwaway server per test session; the PostgreSQL cases skip, with the reason, when
the server binaries are not installed)."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from pg_server import MISSING_REASON, PgServer, find_bin_dir

from netboard.db.store import Store

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(MISSING_REASON)
    server = PgServer(bin_dir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A PostgreSQL database migrated to head once; each test gets a copy (CREATE ... TEMPLATE)."""
    name = "netboard_template"
    Store.open(pg_server.create_database(name), user="dr-tester").close()
    return name


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a new database: an SQLite file that does not exist yet, or a fresh copy of a
    migrated PostgreSQL database (creating one from empty is tested in test_db_store)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'netboard.db'}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    template: str = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:16]}"
    yield server.create_database(name, template=template)
    drop_database(server, name)


@pytest.fixture
def pg_url(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    """A fresh, migrated PostgreSQL database (for tests that only make sense there)."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    yield pg_server.create_database(name, template=pg_template)
    drop_database(pg_server, name)


def drop_database(server: PgServer, name: str) -> None:
    """Drop a test's database when the test is done (closing any connection it left open).

    A copy takes about 8 MB in some 300 files; a session that kept a hundred of them spent 10-25 s
    removing the cluster in its very last teardown (whichever test ran last was blamed for it).
    """
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=server.port, user=server.superuser, dbname="postgres",
        autocommit=True,
    ) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # names come from here


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url, user="dr-tester")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "netboard.db"


@pytest.fixture
def sqlite_store(sqlite_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{sqlite_path}", user="dr-tester")
    try:
        yield opened
    finally:
        opened.close()
