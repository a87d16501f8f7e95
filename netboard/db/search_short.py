"""Search words of one or two characters: looked up in an index when few patients have them.

A trigram index cannot look up a word shorter than three characters. Such a word is either
common (in :data:`COMMON` of the patients or more: "d" is in every demo MRN): then the list walks
its sort order and tests each row, and a page fills after a few rows; or it is rarer ("zz", "qx",
"mu"): then a walk could read every patient before it knows there is nothing more, so the word is
looked up instead:

* SQLite: the trigrams of the (padded) search text that begin with the word, from the trigram
  table's vocabulary; the word matches where any of them occurs (``search_index.fts_query``);
* PostgreSQL: ``netboard_search_grams(search_key) @> ARRAY[word]`` from its GIN index.

Which words are rare is judged from a random sample of keys (``search_sample``). The choice
only decides speed: every word is tested on the key again, so the rows found are the
same either way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Text, cast, func, text

from netboard.db import search_index, search_sample
from netboard.db.queries_rows import PATIENT

P = PATIENT.c
COMMON = 0.1
"""A short word in at least this share of the sample is common: the sort order is walked and a
page fills after a few rows; rarer ones are looked up."""
MAX_TERMS = 400
"""SQLite: a short word that begins more trigrams than this is treated as common."""


def rare(conn: Connection, cache: dict[str, Any], words: list[str]) -> list[str]:
    """The short ``words`` that few patients have (looked up in the index, if there is one)."""
    short = [w for w in words if len(w) < search_index.MIN_INDEXED]
    if not short or not _has_index(conn, cache):
        return []
    sample = search_sample.get(conn, cache)
    return [w for w in short if sample.share([w]) < COMMON]


def _has_index(conn: Connection, cache: dict[str, Any]) -> bool:
    known = cache.get("search_short")
    if known is None:
        if conn.dialect.name == "sqlite":
            sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"
            name = search_index.VOCAB_TABLE
        else:
            sql = "SELECT 1 FROM pg_indexes WHERE indexname = :name"
            name = search_index.GRAMS_INDEX
        known = conn.execute(text(sql), {"name": name}).first() is not None
        cache["search_short"] = known
    return bool(known)


def sqlite_terms(conn: Connection, word: str) -> list[str] | None:
    """The trigrams that begin with ``word`` (None: more than MAX_TERMS, treat it as common)."""
    rows = conn.exec_driver_sql(
        f"SELECT term FROM {search_index.VOCAB_TABLE} WHERE term >= ? AND term <= ? LIMIT ?",
        (word, word + "\U0010ffff", MAX_TERMS + 1),
    ).all()
    terms = [str(r[0]) for r in rows if str(r[0]).startswith(word)]
    return None if len(rows) > MAX_TERMS else terms


def pg_condition(word: str) -> Any:
    """PostgreSQL: the key has ``word`` (one or two characters), answered by the grams index."""
    # Imported here: the PostgreSQL dialect costs a desktop on SQLite ~40 ms of start-up.
    from sqlalchemy.dialects.postgresql import ARRAY, array

    grams = getattr(func, search_index.GRAMS_FUNCTION)(P.search_key, type_=ARRAY(Text))
    return grams.op("@>")(cast(array([word]), ARRAY(Text)))
