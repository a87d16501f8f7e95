"""The revisions in ``versions/``, oldest first, written down so that opening an up-to-date
database needs no alembic import (alembic loads in about 0.3 s; it is needed only to create or
upgrade a schema). ``tests/db/test_db_store.py`` checks this list against alembic's own reading of
the scripts: add a revision there and here together.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0007",
    "0004",
    "0003",
    "0009",
    "0011",
    "0005",
    "0010",
    "0012",
)
"""Every revision id, oldest first; the last is the head."""
