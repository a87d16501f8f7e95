"""On PostgreSQL too the patient list reads indexes: EXPLAIN of every statement it runs.

The throwaway server holds 40,000 synthetic patients (written with COPY, then ANALYZE) so the
planner's choices are those of a big table: a sorted page (first or continued after a row) is an
index scan in sort order with no Sort of the table, a search reads the pg_trgm GIN index, and no
statement scans the patient table sequentially.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pg_server import PgServer
from sqlalchemy import event, select
from test_query_plans import _rare_pair

from netboard.db import queries as q
from netboard.db.queries_rows import PATIENT
from netboard.db.store import Store
from netboard.domain import vocab as v

pytestmark = pytest.mark.postgres

N_PATIENTS = 40_000
FAMILIES = ["Ashgrove", "Brambleton", "Copperfield", "Dunmore", "Elderwood", "Fenwick",
            "Greystone", "Hollins", "Ivesdale", "Juniper", "Kettleby", "Larkspur"]  # fmt: skip
GIVEN = ["Ada", "Bram", "Cora", "Dov", "Esme", "Fitz", "Gwen", "Hal", "Iris", "Jude", "Kit"]


def _rows(rnd: random.Random) -> Iterator[tuple[object, ...]]:
    now = datetime.now(UTC)
    sites, grades = [*v.PrimarySite, None], [*v.Grade, None]
    for i in range(N_PATIENTS):
        family, given = f"{rnd.choice(FAMILIES)}{rnd.randint(1, 9999)}", rnd.choice(GIVEN)
        mrn, site, grade = f"ZZ{i:07d}", rnd.choice(sites), rnd.choice(grades)
        status = rnd.choice(list(v.PatientStatus)).value
        review = date(2026, 1, 1) + timedelta(rnd.randint(0, 400))
        values: dict[str, Any] = {
            "id": str(uuid.UUID(int=rnd.getrandbits(128))), "mrn": mrn, "family_name": family,
            "given_name": given, "sex": "unknown", "status": status,
            "birth_date": date(1930, 1, 1) + timedelta(days=rnd.randint(0, 30000)),
            "home_institution": "", "treating_physician": "", "nurse_navigator": "", "notes": "",
            "navigator_phone": "",
            "list_site": site.value if site else None, "list_grade": grade.value if grade else None,
            "list_ki67": rnd.choice([None, round(rnd.uniform(0, 80), 1)]),
            "list_next_review": rnd.choice([None, review]),
            "search_key": q.search_key_for(family, given, mrn),
            "version": 1, "created_at": now, "updated_at": now,
        }  # fmt: skip
        yield tuple(values[c.name] for c in PATIENT.c)


@pytest.fixture(scope="module")
def big_pg(pg_server: PgServer, pg_template: str) -> Iterator[Store]:
    import psycopg

    name = f"plans_{uuid.uuid4().hex[:8]}"
    url = pg_server.create_database(name, template=pg_template)
    columns = ", ".join(c.name for c in PATIENT.c)
    with psycopg.connect(host="127.0.0.1", port=pg_server.port, user=pg_server.superuser,
                         dbname=name, autocommit=True) as conn:  # fmt: skip
        with conn.cursor() as cursor, cursor.copy(f"COPY patient ({columns}) FROM STDIN") as copy:
            for row in _rows(random.Random(2026)):
                copy.write_row(row)
        conn.execute("VACUUM ANALYZE patient")
    store = Store.open(url, user="plans")
    yield store
    store.close()


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def _plans(store: Store, action: Callable[[], object]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Each SELECT that ``action`` runs on the patient table, with the nodes of its plan."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn: object, _cursor: object, sql: str, params: Any, *_: object) -> None:
        if sql.lstrip().upper().startswith("SELECT") and "FROM patient" in sql:
            statements.append((sql, params))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        action()
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    out = []
    with store.engine.connect() as conn:
        for sql, params in statements:
            plan = conn.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).scalar_one()
            out.append((sql, list(_walk(plan[0]["Plan"]))))
    return out


def _no_seq_scan(plans: list[tuple[str, list[dict[str, Any]]]]) -> None:
    for sql, nodes in plans:
        scans = [n for n in nodes if n["Node Type"] == "Seq Scan"
                 and n.get("Relation Name") == "patient"]  # fmt: skip
        assert not scans, f"sequential scan of patient in:\n{sql}"


def _index_names(nodes: list[dict[str, Any]]) -> set[str]:
    return {str(n["Index Name"]) for n in nodes if "Index Name" in n}


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", q.SORT_KEYS)
def test_sorted_pages_are_index_scans(big_pg: Store, sort: str, descending: bool) -> None:
    first = q.list_patients(big_pg, sort=sort, descending=descending, limit=100)
    assert len(first.rows) == 100 and first.capped
    for after in (None, first.rows[-1]):
        plans = _plans(big_pg, lambda after=after: q.list_patients(
            big_pg, sort=sort, descending=descending, limit=100, after=after))  # fmt: skip
        _no_seq_scan(plans)
        page = [nodes for sql, nodes in plans if "ORDER BY" in sql]
        assert page, "no ordered read of the patient table"
        for nodes in page:
            kinds = {n["Node Type"] for n in nodes}
            assert kinds & {"Index Scan", "Index Only Scan"}, nodes[0]
            assert "Sort" not in kinds, f"{sort} desc={descending}: the page sorts rows"


@pytest.mark.parametrize("text", ["ashgrove12", "zz0001234", "kettleby77 cora", "rambl"])
def test_search_reads_the_trigram_index(big_pg: Store, text: str) -> None:
    page = q.list_patients(big_pg, search=text)
    assert page.rows and all(
        all(w in f"{r.family_name} {r.given_name} {r.mrn}".lower() for w in text.split())
        for r in page.rows
    )
    plans = _plans(big_pg, lambda: q.list_patients(big_pg, search=text))
    _no_seq_scan(plans)
    assert any("ix_patient_search_trgm" in _index_names(nodes) for _sql, nodes in plans), plans


@pytest.mark.parametrize("text", ["ke", "zq"])
def test_short_words_read_indexes_not_the_table(big_pg: Store, text: str) -> None:
    """Words under three letters: no trigram lookup, but still no sequential scan (the narrow
    search-key index or a sort index is walked)."""
    plans = _plans(big_pg, lambda: q.list_patients(big_pg, search=text))
    _no_seq_scan(plans)


def test_rare_short_words_read_the_grams_index(big_pg: Store) -> None:
    """A word of two letters that few patients have: a lookup in the GIN index of each key's
    one- and two-character substrings."""
    with big_pg.read() as conn:
        keys = [str(k) for k in conn.execute(select(PATIENT.c.search_key)).scalars()]
    pair = _rare_pair(keys)
    page = q.list_patients(big_pg, search=pair)
    assert page.rows and page.total == sum(pair in k for k in keys)
    plans = _plans(big_pg, lambda: q.list_patients(big_pg, search=pair))
    _no_seq_scan(plans)
    assert any("ix_patient_search_grams" in _index_names(nodes) for _sql, nodes in plans), plans


def test_filtered_pages_use_indexes(big_pg: Store) -> None:
    wanted: dict[str, Any] = {"site": "pancreas", "grade": ["g2", "g3"], "sort": "ki67"}
    first = q.list_patients(big_pg, **wanted)
    plans = _plans(big_pg, lambda: q.list_patients(big_pg, after=first.rows[-1], **wanted))
    _no_seq_scan(plans)
