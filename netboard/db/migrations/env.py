"""Alembic environment: runs on the connection that ``netboard.db.store`` hands over.

The store opens the connection (with its SQLite settings and transaction), puts it in
``config.attributes["connection"]`` and commits or rolls back afterwards. ``alembic`` on the command
line also works when ``sqlalchemy.url`` is set in the config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from netboard.db import search_index
from netboard.db.models import Base

config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=search_index.include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def _offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=Base.metadata,
        literal_binds=True,
        render_as_batch=True,
        include_name=search_index.include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _offline()
else:
    given = config.attributes.get("connection")
    if given is not None:
        _run(given)
    else:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
        with create_engine(url).begin() as conn:
            _run(conn)
