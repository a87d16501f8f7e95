"""The store: one database (SQLite file or server URL), its engine, migrations, backups, sessions.

``Store.open`` refuses anything that is not a NETboard database before writing a single byte,
creates a new database when the path is new, and brings an older schema up to date after a
backup copy. The schema revision is read with plain SQL and compared with the revisions listed in
``migrations/head.py``; alembic is imported only when a schema is created or upgraded.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from netboard.db import cipher, search_index
from netboard.db.cipher import Passphrase
from netboard.db.errors import StoreError
from netboard.db.migrations.head import REVISIONS
from netboard.db.store_errors import typed_errors
from netboard.db.store_files import (
    PRIVATE_FILE,
    copy_database,
    make_private,
    make_private_dir,
    new_private_file,
    partial_name,
    remove_stale_partials,
)
from netboard.db.store_sqlite import (
    BUSY_TIMEOUT,
    MARKER_TABLE,
    WRITE_OPTION,
    inspect_sqlite_file,
    is_memory,
    sqlite_engine,
)

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

PACKAGED_MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATIONS_DIR = PACKAGED_MIGRATIONS
"""Where the migrations are read from (a test points this at a copy with an extra revision)."""
VERSION_TABLE = "alembic_version"
WRITE_LOCK = 0x4E455462  # "NETb"
"""PostgreSQL advisory lock every write unit holds until it commits: writes serialize, so a
check (finalized? already on the agenda? already decided?) still holds when the write lands."""
SCHEMA_LOCK = 0x4E455473  # "NETs"
"""PostgreSQL advisory lock held while a schema is created or upgraded (clients opening a new
database at once: one migrates, the others wait and find it done)."""
CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan"
"""PostgreSQL session setting: statements are always planned for their own values."""
INTERACTIVE_BUSY_TIMEOUT = 0.5
"""Seconds the window's writes wait for another program's lock: a busy database becomes a
BusyError message at once instead of a frozen window (the command line waits BUSY_TIMEOUT)."""


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config pointing at the packaged migrations (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _revisions() -> tuple[str, ...]:
    """Known revisions, oldest first: the written-down list for the packaged migrations (no
    alembic import), alembic's reading of the scripts for any other directory."""
    if MIGRATIONS_DIR == PACKAGED_MIGRATIONS:
        return REVISIONS
    return tuple(reversed([script.revision for script in _script().walk_revisions()]))


def head_revision() -> str:
    """The newest schema revision this program knows."""
    revisions = _revisions()
    assert revisions, "the migrations directory has no revisions"
    return revisions[-1]


def known_revisions() -> set[str]:
    return set(_revisions())


def read_revision(conn: Connection) -> str | None:
    """The schema revision recorded in the database (plain SQL); None for an empty database."""
    if not inspect(conn).has_table(VERSION_TABLE):
        return None
    rows = conn.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    if len(rows) > 1:
        raise StoreError(
            f"The database records {len(rows)} schema revisions at once "
            f"({', '.join(str(r[0]) for r in rows)}); it was not made by NETboard's migrations."
        )
    return str(rows[0][0]) if rows else None


def _newer_schema(where: str, revision: str) -> StoreError:
    return StoreError(
        f"{where} was written by a newer NETboard (schema {revision}); this version knows up to "
        f"{head_revision()}. Update NETboard to open it."
    )


def _safe(sa_url: URL) -> str:
    return sa_url.render_as_string(hide_password=True)


class Store:
    """One open NETboard database. Pass it to ``db.queries`` and ``db.operations``."""

    def __init__(
        self,
        url: str,
        user: str,
        engine: Engine,
        path: Path | None,
        *,
        read_only: bool = False,
        key: Passphrase | None = None,
    ) -> None:
        self.url = url
        self.key = key
        """The passphrase of an encrypted SQLite file (None for a plain one)."""
        self.read_only = read_only
        """Opened for reading only: writes are refused and the file is never changed."""
        self.user = user
        self.engine = engine
        self.path = path
        """The SQLite file, or None for a server database or an in-memory one."""
        self.is_sqlite = engine.dialect.name == "sqlite"
        self.cache: dict[str, Any] = {}
        """Memo for cheap reads; each write through this store clears it."""

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str,
        *,
        user: str,
        upgrade: bool = True,
        read_only: bool = False,
        busy_timeout: float = BUSY_TIMEOUT,
        key: Passphrase | None = None,
    ) -> Store:
        """Open (or create) the database at ``url``; raises StoreError with what to do next.

        ``read_only``: the database must exist; it is neither created nor upgraded nor changed
        (SQLite: opened with ``mode=ro``, also in a folder the user cannot write).
        ``busy_timeout``: seconds a write waits for another program's lock before BusyError (the
        window passes a fraction of a second so that its GUI thread never waits for long).
        ``key``: the passphrase of an encrypted SQLite file (PassphraseNeededError without it,
        WrongPassphraseError when it does not fit); ignored for a plain file. New databases are
        plain; ``netboard db encrypt`` encrypts one.
        """
        if not user.strip():
            raise StoreError("A user name is needed: every change is recorded with who made it.")
        try:
            sa_url = make_url(url)
        except ArgumentError as exc:
            raise StoreError(f"'{url}' is not a database URL ({exc}).") from exc
        try:
            if sa_url.get_backend_name() == "sqlite":
                where = sa_url.database or "the in-memory database"
                with typed_errors(where, str(Path(where).parent)):
                    return cls._open_sqlite(
                        url, sa_url, user, upgrade, read_only, busy_timeout, key
                    )
            return cls._open_server(url, sa_url, user, upgrade, read_only, busy_timeout)
        except NoSuchModuleError as exc:
            raise StoreError(f"No database driver for '{_safe(sa_url)}': {exc}.") from exc

    @classmethod
    def _open_sqlite(
        cls,
        url: str,
        sa_url: URL,
        user: str,
        upgrade: bool,
        read_only: bool,
        timeout: float,
        key: Passphrase | None,
    ) -> Store:
        if is_memory(sa_url):
            store = cls(url, user, sqlite_engine(sa_url), None)
            store._migrate("head")
            return store
        assert sa_url.database is not None
        path = Path(sa_url.database).expanduser()
        revision = inspect_sqlite_file(path, read_only=read_only, key=key)
        key = key if revision is not None and cipher.looks_encrypted(path) else None
        if not read_only:
            remove_stale_partials(path.parent, keep=path)
            make_private(path)
        if revision is None:
            _create_sqlite_file(path, sa_url)
        elif revision not in known_revisions():
            raise _newer_schema(str(path), revision)
        engine = sqlite_engine(
            sa_url.set(database=str(path)), read_only=read_only, timeout=timeout, key=key
        )
        store = cls(url, user, engine, path, read_only=read_only, key=key)
        if revision is not None and upgrade and not read_only and revision != head_revision():
            store.upgrade()
        elif revision is not None and revision != head_revision():
            log.warning(
                "%s is at schema %s, behind %s; not upgraded", path, revision, head_revision()
            )
        return store

    @classmethod
    def _open_server(
        cls, url: str, sa_url: URL, user: str, upgrade: bool, read_only: bool, timeout: float
    ) -> Store:
        # Every statement is planned for its own values: a search's best plan depends on the
        # typed word (psycopg prepares a statement run five times, and PostgreSQL's generic
        # plan for it took "har" on a million patients from 24 to 33 ms).
        settings = f"-c lock_timeout={max(1, round(timeout * 1000))} " + CUSTOM_PLANS
        options = {"options": settings}
        engine = create_engine(sa_url, pool_pre_ping=True, connect_args=options)
        if read_only:
            engine = engine.execution_options(postgresql_readonly=True)
        where = _safe(sa_url)
        try:
            with engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
                revision = read_revision(conn)
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(
                f"Cannot connect to {where}: {exc.orig}. Check that the server is running and "
                "that the URL, user and password are right."
            ) from exc
        if tables and MARKER_TABLE not in tables:
            engine.dispose()
            shown = ", ".join(sorted(tables)[:6])
            raise StoreError(
                f"{where} is not a NETboard database (it holds other tables: {shown}). "
                "It was left unchanged; use an empty database for NETboard."
            )
        if revision is not None and revision not in known_revisions():
            engine.dispose()
            raise _newer_schema(where, revision)
        if read_only and revision is None:
            engine.dispose()
            raise StoreError(f"{where} holds no NETboard database yet (nothing was created).")
        store = cls(url, user, engine, None, read_only=read_only)
        if not read_only and (revision is None or (upgrade and revision != head_revision())):
            store.upgrade()
        return store

    # -- schema ----------------------------------------------------------------------------------

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return read_revision(conn)

    def head_revision(self) -> str:
        return head_revision()

    def server_role(self) -> str:
        """The role the server knows this connection as (PostgreSQL), for the audit log."""
        with self.read() as conn:
            return str(conn.exec_driver_sql("SELECT current_user").scalar_one())

    def upgrade(self) -> None:
        """Bring the schema to the newest revision; an SQLite file is backed up first."""
        if self.is_sqlite:
            self._upgrade()
            return
        with self.typed_errors(), self.engine.connect() as lock:
            lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SCHEMA_LOCK})
            try:
                self._upgrade()
            finally:
                lock.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SCHEMA_LOCK})

    def _upgrade(self) -> None:
        current = self.current_revision()
        if current == head_revision():
            return
        if self.read_only:
            raise StoreError(f"{self.display_url} was opened read-only; it cannot be upgraded.")
        if current is not None and self.path is not None:
            target = _free_name(self.path.with_name(f"{self.path.name}.before-{current}.bak"))
            self._backup_sqlite(target)
            log.info(
                "Backed up %s to %s before upgrading its schema from %s to %s",
                self.path,
                target,
                current,
                head_revision(),
            )
        self._migrate("head")
        log.info("Schema of %s is now %s", self.display_url, head_revision())

    def _migrate(self, target: str, *, down: bool = False) -> None:
        """Run migrations in one transaction (SQLite: foreign keys off while tables are rebuilt)."""
        from alembic import command

        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA foreign_keys = OFF"
                )
            try:
                conn = conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    cfg = alembic_config(conn)
                    if down:
                        command.downgrade(cfg, target)
                    else:
                        command.upgrade(cfg, target)
                        if self.is_sqlite and target == "head":
                            search_index.ensure_sqlite(conn)
                    if self.is_sqlite:
                        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                        if broken:
                            raise StoreError(f"Migration left broken references: {broken[:5]}")
            finally:
                if self.is_sqlite:
                    conn.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                        "PRAGMA foreign_keys = ON"
                    )
        self.cache.clear()

    def downgrade(self, target: str) -> None:
        """Take the schema back to ``target`` (for tests and support; data may be lost)."""
        self._migrate(target, down=True)

    # -- sessions --------------------------------------------------------------------------------

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A Session for one write: committed on success, rolled back on any error."""
        if self.read_only:
            raise StoreError(f"{self.display_url} was opened read-only; nothing can be changed.")
        bind = self.engine.execution_options(**{WRITE_OPTION: True})
        session = Session(bind, expire_on_commit=False, autoflush=False)
        with self.typed_errors():
            try:
                if not self.is_sqlite:  # one writer at a time, as BEGIN IMMEDIATE on SQLite
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                session.close()
                self.cache.clear()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A Connection in one read transaction (one consistent snapshot), always rolled back."""
        with self.typed_errors(), self.engine.connect() as conn:
            yield conn

    def typed_errors(self) -> AbstractContextManager[None]:
        """Database failures inside become typed DbErrors (busy, disk full, read-only, ...)."""
        folder = str(self.path.parent) if self.path is not None else self.display_url
        return typed_errors(self.display_url, folder)

    # -- files -----------------------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        """An SQLCipher file (its backups are encrypted with the same passphrase)."""
        return self.key is not None

    @property
    def display_url(self) -> str:
        return str(self.path) if self.path is not None else _safe(make_url(self.url))

    def backup(self, path: Path) -> Path:
        """Copy the open database to ``path`` (SQLite online backup: safe while in use)."""
        if self.is_sqlite and self.path is None:
            raise StoreError("An in-memory database has no file to back up.")
        if self.path is None:
            raise StoreError(
                f"{self.display_url} is a server database; back it up with the server's tools "
                "(for PostgreSQL: pg_dump)."
            )
        path = Path(path).expanduser()
        if path.exists():
            raise StoreError(f"{path} already exists; choose a new file name for the backup.")
        if path.resolve() == self.path.resolve():
            raise StoreError("A backup cannot overwrite the database it copies.")
        self._backup_sqlite(path)
        log.info("Backed up %s to %s", self.path, path)
        return path

    def _backup_sqlite(self, target: Path) -> None:
        """A checked copy; the copy of an encrypted database is encrypted with its passphrase."""
        assert self.path is not None
        copy_database(self.path, target, key=self.key)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r}, user={self.user!r})"


def _free_name(path: Path) -> Path:
    """``path`` itself, or with a timestamp added when a file of that name already exists."""
    if not path.exists():
        return path
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    return path.with_name(f"{path.name}.{stamp}")


def _create_sqlite_file(path: Path, sa_url: URL) -> None:
    """Build a new database beside ``path`` and move it into place only once it is complete."""
    try:
        make_private_dir(path.parent)
        path.unlink(missing_ok=True)  # a zero-byte file (checked by inspect_sqlite_file)
        building = partial_name(path, ".creating")
        new_private_file(building)
    except OSError as exc:
        raise StoreError(f"Cannot create a database at {path}: {exc.strerror or exc}.") from exc
    engine = sqlite_engine(sa_url.set(database=str(building)))
    try:
        Store(str(sa_url), "netboard", engine, building)._migrate("head")
        engine.dispose()
        if Path(f"{building}-wal").exists():
            raise OSError(f"{building}-wal is still present after closing the new database")
        Path(f"{building}-shm").unlink(missing_ok=True)
        os.chmod(building, PRIVATE_FILE)
        os.replace(building, path)
    except (SQLAlchemyError, OSError) as exc:
        engine.dispose()
        building.unlink(missing_ok=True)
        raise StoreError(f"Cannot create a database at {path}: {exc}.") from exc
    log.info("Created a new NETboard database at %s", path)
