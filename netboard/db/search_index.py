"""The index behind patient search: substring matches without reading every patient.

``patient.search_key`` holds one folded text per patient ("family given mrn"). A search word of
three characters or more is looked up in a trigram index of that key:

* PostgreSQL: a GIN index with ``gin_trgm_ops`` (extension ``pg_trgm``) on ``search_key``, so
  ``search_key LIKE '%word%'`` is answered from the index. When the extension cannot be created
  (not installed, or the role may not create it) the migration logs :data:`NO_TRGM_MESSAGE` and
  search runs as the plain query.
* SQLite: an FTS5 table with the trigram tokenizer (``patient_search``) whose rowid is the
  patient's place in the name order (revision 0012): ``patient_search_order`` maps each place to
  the patient (its rowid) and holds the name columns. Refilling numbers the patients in name
  order (family, given, id), so the matches of a common name ("har" in every Harvold) sit
  together in that small table and a page sorted by name reads them in one sweep instead of a
  row of ``patient`` each, anywhere in the file. Patients added later take the next place (they
  are still found and sorted exactly; only that sweep gets longer until the next refill:
  ``netboard db reindex-search``). Triggers on ``patient`` keep both tables in step with every
  write (``db.operations``, bulk loaders, imports); :func:`ensure_sqlite` puts them back after a
  migration that rebuilt the patient table and refills the index when it is out of step.

Words of one or two characters (revision 0011, see ``search_short``):

* SQLite: the indexed text is the key followed by two spaces (:data:`PAD`), so every occurrence
  of a one- or two-character word in the key begins one of the text's trigrams; the table's
  vocabulary (``patient_search_vocab``, an ``fts5vocab`` table) lists the trigrams that begin
  with the word, and the word becomes "any of these trigrams".
* PostgreSQL: a GIN index on :data:`GRAMS_FUNCTION` ``(search_key)``, the array of the key's
  distinct one- and two-character substrings (no extension needed), so ``grams @> ARRAY[word]``
  is an index lookup.

PostgreSQL has no such table: ``reindex-search`` there rewrites ``patient`` in name order
(``CLUSTER`` on the name index, then ``VACUUM ANALYZE``), which gives the same locality to the rows
a trigram lookup returns.

All these objects live outside the ORM metadata (``include_name`` keeps Alembic's comparison and
autogenerate away from them).
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, Engine, TableClause, column, table, text

log = logging.getLogger(__name__)

FTS_TABLE = "patient_search"
TRGM_INDEX = "ix_patient_search_trgm"
EXTENSION = "pg_trgm"
VOCAB_TABLE = f"{FTS_TABLE}_vocab"
ORDER_TABLE = f"{FTS_TABLE}_order"
NAME_INDEX = "ix_patient_family_given"
"""The name order's index (family, given, id, search_key); PostgreSQL clusters ``patient`` on it."""
GRAMS_INDEX = "ix_patient_search_grams"
GRAMS_FUNCTION = "netboard_search_grams"
PAD = "  "
"""SQLite: appended to the key in the trigram table (see the module docstring)."""
MIN_INDEXED = 3
"""Words shorter than this cannot be looked up in a trigram index (see ``search_short``)."""
NO_TRGM_MESSAGE = (
    "PostgreSQL extension pg_trgm is not available in this database, so patient search reads "
    "every patient instead of an index (slow with many patients). A database administrator can "
    "install it (package postgresql-contrib) and run CREATE EXTENSION pg_trgm; then run "
    "'netboard db reindex-search'."
)
_ORDER_DDL = (
    f"CREATE TABLE {ORDER_TABLE} (name_rank INTEGER PRIMARY KEY, "
    "patient_rowid INTEGER NOT NULL UNIQUE, family_name TEXT NOT NULL, "
    "given_name TEXT NOT NULL, id TEXT NOT NULL)"
)
_RANK_OF_OLD = f"(SELECT name_rank FROM {ORDER_TABLE} WHERE patient_rowid = old.rowid)"
_TRIGGERS = {
    f"{FTS_TABLE}_insert": (
        f"AFTER INSERT ON patient BEGIN INSERT INTO {ORDER_TABLE}"
        "(patient_rowid, family_name, given_name, id) "
        "VALUES (new.rowid, new.family_name, new.given_name, new.id); "
        f"INSERT INTO {FTS_TABLE}(rowid, key) VALUES ((SELECT name_rank FROM {ORDER_TABLE} "
        f"WHERE patient_rowid = new.rowid), new.search_key || '{PAD}'); END"
    ),
    f"{FTS_TABLE}_update": (
        "AFTER UPDATE OF search_key, family_name, given_name ON patient "
        "WHEN old.search_key IS NOT new.search_key OR old.family_name IS NOT new.family_name "
        "OR old.given_name IS NOT new.given_name "
        f"BEGIN UPDATE {ORDER_TABLE} SET family_name = new.family_name, "
        "given_name = new.given_name WHERE patient_rowid = old.rowid; "
        f"UPDATE {FTS_TABLE} SET key = new.search_key || '{PAD}' WHERE rowid = {_RANK_OF_OLD}; END"
    ),
    f"{FTS_TABLE}_delete": (
        f"AFTER DELETE ON patient BEGIN DELETE FROM {FTS_TABLE} WHERE rowid = {_RANK_OF_OLD}; "
        f"DELETE FROM {ORDER_TABLE} WHERE patient_rowid = old.rowid; END"
    ),
}


def include_name(name: str | None, type_: str, _parent: Any) -> bool:
    """Alembic hook: leave the search index objects out of schema comparison."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(FTS_TABLE)
    return not (type_ == "index" and name in (TRGM_INDEX, GRAMS_INDEX))


# -- schema --------------------------------------------------------------------------------------


def create(conn: Connection) -> bool:
    """Create the search index of this backend and fill it; False when it cannot exist here."""
    if conn.dialect.name == "sqlite":
        return ensure_sqlite(conn)
    if conn.dialect.name == "postgresql":
        create_grams(conn)
        return _create_trgm(conn)
    return False


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for name in _TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {VOCAB_TABLE}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {ORDER_TABLE}")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {TRGM_INDEX}")
        drop_grams(conn)


def create_grams(conn: Connection) -> None:
    """PostgreSQL: the function giving a key's one- and two-character substrings, and the GIN
    index on it (short search words)."""
    conn.exec_driver_sql(
        f"CREATE OR REPLACE FUNCTION {GRAMS_FUNCTION}(key text) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
        "SELECT array(SELECT DISTINCT substr(key, i, n) FROM generate_series(1, 2) AS n, "
        "generate_series(1, length(key) - n + 1) AS i) $$"
    )
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {GRAMS_INDEX} ON patient USING gin "
        f"({GRAMS_FUNCTION}(search_key))"
    )


def drop_grams(conn: Connection) -> None:
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {GRAMS_INDEX}")
    conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {GRAMS_FUNCTION}(text)")


def _create_trgm(conn: Connection) -> bool:
    if not _has_extension(conn):
        savepoint = conn.begin_nested()
        try:
            conn.exec_driver_sql(f"CREATE EXTENSION IF NOT EXISTS {EXTENSION}")
            savepoint.commit()
        except Exception as exc:  # not installed, or this role may not create it
            savepoint.rollback()
            log.warning("%s (%s)", NO_TRGM_MESSAGE, str(exc).splitlines()[0])
            return False
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON patient USING gin (search_key gin_trgm_ops)"
    )
    return True


def _has_extension(conn: Connection) -> bool:
    found = conn.execute(
        text("SELECT 1 FROM pg_extension WHERE extname = :name"), {"name": EXTENSION}
    ).first()
    return found is not None


def _fts5_trigram(conn: Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (SQLite 3.34 and later)."""
    raw: Any = conn.connection.dbapi_connection
    try:
        raw.execute("CREATE VIRTUAL TABLE temp.netboard_probe USING fts5(k, tokenize='trigram')")
        raw.execute("DROP TABLE temp.netboard_probe")
    except Exception:  # sqlite3.OperationalError: no such module / tokenizer
        return False
    return True


def ensure_sqlite(conn: Connection) -> bool:
    """Create the FTS table and its triggers where missing, and refill the index when anything
    was missing (a migration that rebuilds ``patient`` drops its triggers and may renumber its
    rowids)."""
    tables = {
        str(row[0])
        for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    exists = FTS_TABLE in tables and ORDER_TABLE in tables
    if not exists:
        if not _fts5_trigram(conn):
            log.warning("This SQLite has no FTS5 trigram tokenizer; search reads every patient.")
            return False
        for name in _TRIGGERS:  # an older layout's triggers (rowid = the patient's rowid)
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(key, tokenize='trigram')"
        )
        if ORDER_TABLE not in tables:
            conn.exec_driver_sql(_ORDER_DDL)
    triggers = {
        row[0]
        for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    missing = [name for name in _TRIGGERS if name not in triggers]
    for name in missing:
        conn.exec_driver_sql(f"CREATE TRIGGER {name} {_TRIGGERS[name]}")
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_TABLE} USING fts5vocab({FTS_TABLE}, 'row')"
    )
    if not exists or missing:
        refill(conn)
    return True


def refill(conn: Connection) -> None:
    """Rebuild the SQLite search index from ``patient``, numbering the patients in name order
    (bulk loads, repairs, ``netboard db reindex-search``)."""
    conn.exec_driver_sql(f"DELETE FROM {FTS_TABLE}")
    conn.exec_driver_sql(f"DELETE FROM {ORDER_TABLE}")
    conn.exec_driver_sql(
        f"INSERT INTO {ORDER_TABLE}(name_rank, patient_rowid, family_name, given_name, id) "
        "SELECT row_number() OVER (ORDER BY family_name, given_name, id), rowid, family_name, "
        "given_name, id FROM patient"
    )
    conn.exec_driver_sql(
        f"INSERT INTO {FTS_TABLE}(rowid, key) SELECT o.name_rank, p.search_key || '{PAD}' "
        f"FROM {ORDER_TABLE} AS o JOIN patient AS p ON p.rowid = o.patient_rowid "
        "ORDER BY o.name_rank"
    )


def order_by_name(engine: Engine) -> None:
    """Put the patients in name order for search after a large load: SQLite numbers its index
    again (``refill``), PostgreSQL clusters the patient table (``cluster_postgresql``)."""
    if engine.dialect.name == "postgresql":
        cluster_postgresql(engine)
        return
    with engine.begin() as conn:
        if available(conn, {}):
            refill(conn)


def cluster_postgresql(engine: Engine) -> None:
    """PostgreSQL: rewrite ``patient`` in name order and refresh its statistics and visibility
    map (without which a walk of an index must visit the table). CLUSTER locks the table for
    as long as it runs: about a minute at a million patients."""
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CLUSTER patient USING {NAME_INDEX}")
    with engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
            "VACUUM ANALYZE patient"
        )


def rebuild(engine: Engine) -> bool:
    """Build the search index again from the stored keys, with the patients in name order
    (``netboard db reindex-search``); False when this database cannot have one (then search
    reads every patient)."""
    with engine.begin() as conn:
        drop(conn)
        built = create(conn)
    if engine.dialect.name == "postgresql":
        cluster_postgresql(engine)
    return built


def describe(engine: Engine) -> str:
    """One line for ``netboard db current``: how patient search finds matches here."""
    with engine.connect() as conn:
        if available(conn, {}):
            kind = "FTS5 trigram table" if conn.dialect.name == "sqlite" else "pg_trgm GIN index"
            return f"indexed ({kind})"
    if engine.dialect.name == "postgresql":
        return "reads every patient: " + NO_TRGM_MESSAGE
    return "reads every patient (no trigram index in this database)"


# -- use -----------------------------------------------------------------------------------------


def indexed_words(words: list[str]) -> list[str]:
    """The words that a trigram index can look up."""
    return [word for word in words if len(word) >= MIN_INDEXED]


def available(conn: Connection, cache: dict[str, Any]) -> bool:
    """Whether this database has its search index (remembered in the store's cache)."""
    known = cache.get("search_index")
    if known is None:
        if conn.dialect.name == "sqlite":
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"
            name = FTS_TABLE
        else:
            sql = "SELECT 1 FROM pg_indexes WHERE indexname = :name"
            name = TRGM_INDEX
        known = conn.execute(text(sql), {"name": name}).first() is not None
        cache["search_index"] = known
    return bool(known)


def fts_query(
    words: list[str],
    terms: dict[str, list[str]] | None = None,
    pieces: dict[str, list[str]] | None = None,
) -> str:
    """An FTS5 query matching rows whose key contains every word (each a quoted string); a
    short word given in ``terms`` matches any of its trigrams (see ``search_short``); a word
    given in ``pieces`` matches rows that have all of those pieces (more rows than the word:
    the caller tests the word itself on each)."""

    def quoted(word: str) -> str:
        return '"' + word.replace('"', '""') + '"'

    parts = []
    for word in words:
        options = (terms or {}).get(word)
        some = (pieces or {}).get(word)
        if options is not None:
            parts.append("(" + " OR ".join(quoted(t) for t in options) + ")")
        elif some:
            parts.append(" AND ".join(quoted(p) for p in some))
        else:
            parts.append(quoted(word))
    return " AND ".join(parts)


def fts_table() -> TableClause:
    """The SQLite search table for Core selects (rowid = the patient's name rank)."""
    return table(FTS_TABLE, column("rowid"), column("key"))


def order_table() -> TableClause:
    """SQLite: each name rank's patient (rowid) and name columns, for Core selects."""
    return table(ORDER_TABLE, column("name_rank"), column("patient_rowid"),
                 column("family_name"), column("given_name"), column("id"))  # fmt: skip
