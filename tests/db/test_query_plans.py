"""The patient list and the case view stay fast because SQLite answers them from indexes.

Speed itself is measured by `make bench` (benchmarks/), never by a timed test. What a test can
check deterministically is the *plan*: every statement that the list and the case view run is
captured and passed to ``EXPLAIN QUERY PLAN``; a sorted patient page must walk an index in sort
order (no temporary sort of the patient table), a search must scan the small covering search-key
index rather than the table, and the case view must reach every table through an index.
Without ANALYZE statistics SQLite's plan does not depend on table size, so a few thousand
synthetic patients stand in for 100,000.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select

from netboard.db import queries as q
from netboard.db.queries_rows import (
    ACTION,
    DECISION,
    DISCUSSION,
    IMAGING,
    LAB,
    MEETING,
    OPTION,
    PATHOLOGY,
    PATIENT,
    PERFORMANCE,
    STAGING,
    THERAPY,
    TOXICITY,
    TUMOR,
)
from netboard.db.store import Store
from netboard.domain import vocab as v

N_PATIENTS = 2_000
BIG_CASE_INDEX = 1_234

FAMILIES = [
    "Ashgrove", "Brambleton", "Copperfield", "Dunmore", "Elderwood", "Fenwick", "Greystone",
    "Hollins", "Ivesdale", "Juniper", "Kettleby", "Larkspur", "Marlow", "Northcote", "Oakhurst",
    "Pemberly", "Quillan", "Rookwood", "Stanmore", "Thistle",
]  # fmt: skip
GIVEN = ["Ada", "Bram", "Cora", "Dov", "Esme", "Fitz", "Gwen", "Hal", "Iris", "Jude", "Kit"]


def _stamp() -> dict[str, object]:
    now = datetime.now(UTC)
    return {"version": 1, "created_at": now, "updated_at": now}


def _patients(rnd: random.Random) -> Iterator[dict[str, object]]:
    sites = [*v.PrimarySite, None]
    grades = [*v.Grade, None]
    for i in range(N_PATIENTS):
        family = f"{rnd.choice(FAMILIES)}{rnd.randint(1, 999)}"
        given, mrn = rnd.choice(GIVEN), f"ZZ{i:07d}"
        yield {
            "id": str(uuid.UUID(int=rnd.getrandbits(128))), "mrn": mrn, "family_name": family,
            "given_name": given, "sex": "unknown", "status": rnd.choice(list(v.PatientStatus)),
            "birth_date": date(1930, 1, 1) + timedelta(days=rnd.randint(0, 30000)),
            "home_institution": "", "treating_physician": "", "nurse_navigator": "", "notes": "",
            "list_site": rnd.choice(sites), "list_grade": rnd.choice(grades),
            "list_ki67": rnd.choice([None, round(rnd.uniform(0, 80), 1)]),
            "list_next_review": rnd.choice(
                [None, date(2026, 1, 1) + timedelta(rnd.randint(0, 400))]
            ),
            "search_key": q.search_key_for(family, given, mrn), **_stamp(),
        }  # fmt: skip


def _big_case(conn: object, patient_id: str, rnd: random.Random) -> int:
    """About 300 clinical rows for one patient; returns how many."""
    rows: dict[object, list[dict[str, object]]] = {}

    def add(table: object, **values: object) -> str:
        row_id = str(uuid.uuid4())
        rows.setdefault(table, []).append({"id": row_id, **values, **_stamp()})
        return row_id

    day = date(2012, 1, 1)
    tumors = [add(TUMOR, patient_id=patient_id, primary_site=site, histology="net",
                  functional_syndrome="none", hereditary_syndrome="none", notes="")
              for site in ("small_intestine", "pancreas")]  # fmt: skip
    for i in range(20):
        add(PATHOLOGY, tumor_id=tumors[i % 2], date=day + timedelta(days=150 * i),
            specimen_site="liver", ki67=float(i), necrosis=False, grade="g2", notes="")  # fmt: skip
    for i in range(10):
        add(STAGING, tumor_id=tumors[0], date=day + timedelta(days=300 * i), t="T3", n="N1",
            m="M1", stage_group="IV", metastatic_sites="liver, bone")  # fmt: skip
    for i in range(80):
        add(IMAGING, patient_id=patient_id, date=day + timedelta(days=40 * i),
            modality=rnd.choice(["ct", "mri", "sstr_pet"]), finding="")  # fmt: skip
    for i in range(110):
        add(LAB, patient_id=patient_id, date=day + timedelta(days=30 * i),
            analyte="chromogranin_a", value=float(100 + i), unit="ng/mL")  # fmt: skip
    for i in range(20):
        add(PERFORMANCE, patient_id=patient_id, date=day + timedelta(days=150 * i), ecog=1)
    for i in range(15):
        course = add(THERAPY, patient_id=patient_id, option_id="ssa_lanreotide", agent="Lanreotide",
                     modality="somatostatin_analog", start_date=day + timedelta(days=200 * i),
                     dose="", schedule="", site_of_care="", trial_id="", notes="")  # fmt: skip
        add(TOXICITY, course_id=course, term="Fatigue", grade=1)
    for i in range(8):
        meeting = add(MEETING, starts_at=datetime(2013 + i, 3, 1, tzinfo=UTC), title=f"Board {i}",
                      chair="", location="", status="finalized")  # fmt: skip
        discussion = add(DISCUSSION, meeting_id=meeting, patient_id=patient_id, position=0,
                         presenter="", question="?", timing="prospective",
                         triage="full_discussion", stage_discussed="", guideline_cited="",
                         trial_eligibility_discussed=False, patient_preferences="", notes="",
                         time_spent_s=300, status="discussed")  # fmt: skip
        add(OPTION, discussion_id=discussion, option_id="everolimus", details="",
            stance="recommended", rationale="")  # fmt: skip
        add(DECISION, discussion_id=discussion, recommendation="r", agreement="consensus",
            dissent_note="")  # fmt: skip
        add(ACTION, discussion_id=discussion, description="a", owner="", done=False)
    for table in (TUMOR, PATHOLOGY, STAGING, IMAGING, LAB, PERFORMANCE, THERAPY, TOXICITY,
                  MEETING, DISCUSSION, OPTION, DECISION, ACTION):  # fmt: skip
        conn.execute(table.insert(), rows[table])  # type: ignore[attr-defined]
    return sum(len(r) for r in rows.values())


def _build(path: Path) -> str:
    """Create the big database at ``path``; returns the id of the patient with the big case."""
    rnd = random.Random(2026)
    patients = list(_patients(rnd))
    with Store.open(f"sqlite:///{path}", user="perf") as store, store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA cache_size = -200000")
        # Bulk load without the patient indexes, then build them once (much faster).
        indexes = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'patient' "
            "AND sql IS NOT NULL"
        ).all()
        for name, _sql in indexes:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        for start in range(0, N_PATIENTS, 20_000):
            conn.execute(PATIENT.insert(), patients[start : start + 20_000])
        for _name, sql in indexes:
            conn.exec_driver_sql(sql)
        big_id = str(patients[BIG_CASE_INDEX]["id"])
        assert _big_case(conn, big_id, rnd) >= 300
    return big_id


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    path = tmp_path_factory.mktemp("plans") / "patients.db"
    big_id = _build(path)
    store = Store.open(f"sqlite:///{path}", user="plans")
    yield store, big_id
    store.close()


def _plans(store: Store, action: Callable[[], object]) -> list[tuple[str, list[str]]]:
    """Each SELECT that ``action`` runs, with the detail lines of its query plan."""
    statements: list[tuple[str, object]] = []

    def capture(_conn: object, _cursor: object, sql: str, params: object, *_: object) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            statements.append((sql, params))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        action()
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    plans = []
    with store.engine.connect() as conn:
        for sql, params in statements:
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()  # type: ignore[arg-type]
            plans.append((sql, [str(row[-1]) for row in rows]))
    return plans


def _patient_page_plans(plans: list[tuple[str, list[str]]]) -> list[list[str]]:
    """The plans of statements that read the patient table for the page (not the meeting lookup)."""
    return [lines for _sql, lines in plans if any(" patient " in f" {ln} " for ln in lines)]


@pytest.mark.parametrize("keyset", [False, True], ids=["offset", "after"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", q.SORT_KEYS)
def test_sorted_page_walks_an_index(
    big_store: tuple[Store, str], sort: str, descending: bool, keyset: bool
) -> None:
    store, _ = big_store
    middle = q.list_patients(store, sort=sort, descending=descending, offset=N_PATIENTS // 2)
    assert len(middle.rows) == 50 and middle.capped and middle.total == q.COUNT_LIMIT

    def read() -> object:
        if keyset:
            return q.list_patients(store, sort=sort, descending=descending, after=middle.rows[-1])
        return q.list_patients(store, sort=sort, descending=descending, offset=N_PATIENTS // 2)

    plans = _patient_page_plans(_plans(store, read))
    assert plans, "the page read no patient rows"
    ordering = plans[0]
    assert any("INDEX" in line for line in ordering), ordering
    assert not any("TEMP B-TREE FOR ORDER BY" in line for line in ordering), ordering
    assert not any(line.startswith("SCAN patient") and "INDEX" not in line
                   for lines in plans for line in lines), plans  # fmt: skip
    if keyset:
        # A continued page starts inside the index (a range), it does not step over rows.
        assert any(line.startswith("SEARCH patient USING") for line in ordering), ordering


@pytest.mark.parametrize("text", ["ashgrove1", "zz0000999", "cora", "northcote7 kit"])
def test_search_finds_matches_from_the_search_index(
    big_store: tuple[Store, str], text: str
) -> None:
    store, _ = big_store
    page = q.list_patients(store, search=text)
    assert page.rows and all(
        all(word in f"{r.family_name} {r.given_name} {r.mrn}".lower() for word in text.split())
        for r in page.rows
    )
    plans = _patient_page_plans(_plans(store, lambda: q.list_patients(store, search=text)))
    lines = [ln for p in plans for ln in p]
    # The trigram table (FTS5) answers the MATCH; patients are then read by rowid.
    assert any(ln.startswith("SCAN patient_search VIRTUAL TABLE INDEX") and ":M" in ln
               for ln in lines), lines  # fmt: skip
    assert not any(ln.startswith("SCAN patient ") for ln in lines), lines


@pytest.mark.parametrize("text", ["ke", "a", "ke 7"])
def test_short_search_words_read_the_narrow_search_key_index(
    big_store: tuple[Store, str], text: str
) -> None:
    """Words under three letters cannot use a trigram index: the covering search-key index is
    scanned (never the table) or, when matches are dense, a sort index is walked."""
    store, _ = big_store
    page = q.list_patients(store, search=text)
    assert page.rows
    plans = _patient_page_plans(_plans(store, lambda: q.list_patients(store, search=text)))
    lines = [ln for p in plans for ln in p]
    assert not any(ln.startswith("SCAN patient") and "INDEX" not in ln for ln in lines), lines


def _rare_pair(keys: list[str]) -> str:
    """A two-character substring that few keys have (but some do)."""
    counts: dict[str, int] = {}
    for key in keys:
        for pair in {key[i : i + 2] for i in range(len(key) - 1)}:
            counts[pair] = counts.get(pair, 0) + 1
    return min((n, pair) for pair, n in counts.items() if " " not in pair)[1]


def test_rare_short_words_read_the_trigram_vocabulary(big_store: tuple[Store, str]) -> None:
    """A word of two letters that few patients have is looked up (the trigrams it begins, from
    the FTS vocabulary), not tested on every row."""
    store, _ = big_store
    with store.read() as conn:
        keys = [str(k) for k in conn.execute(select(PATIENT.c.search_key)).scalars()]
    pair = _rare_pair(keys)
    page = q.list_patients(store, search=pair)
    assert {r.id for r in page.rows} and page.total == sum(pair in k for k in keys)
    plans = _patient_page_plans(_plans(store, lambda: q.list_patients(store, search=pair)))
    lines = [ln for p in plans for ln in p]
    assert any(ln.startswith("SCAN patient_search VIRTUAL TABLE INDEX") and ":M" in ln
               for ln in lines), lines  # fmt: skip
    assert not any(ln.startswith("SCAN patient ") for ln in lines), lines


def test_filtered_page_uses_indexes(big_store: tuple[Store, str]) -> None:
    store, _ = big_store
    plans = _plans(store, lambda: q.list_patients(store, site="pancreas", grade=["g2", "g3"],
                                                  sort="ki67", offset=50))  # fmt: skip
    lines = [ln for _sql, p in plans for ln in p]
    assert not any(ln.startswith("SCAN patient") and "INDEX" not in ln for ln in lines), lines


def test_case_snapshot_reaches_every_table_through_an_index(big_store: tuple[Store, str]) -> None:
    store, big_id = big_store
    case = q.get_case(store, big_id)
    rows = (
        len(case.tumors) + len(case.pathology) + len(case.staging) + len(case.imaging)
        + len(case.labs) + len(case.performance) + len(case.therapies)
        + sum(len(c.toxicities) for c in case.therapies) + len(case.discussions) * 4
    )  # fmt: skip
    assert rows >= 300
    plans = _plans(store, lambda: q.get_case(store, big_id))
    assert len(plans) >= 8
    scans = [ln for _sql, p in plans for ln in p if ln.startswith("SCAN")]
    assert scans == [], f"full table scans in the case view: {scans}"
