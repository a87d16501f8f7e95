"""Search from the trigram index and keyset paging, on SQLite and PostgreSQL alike.

The oracle is plain Python over the rows the test wrote: a patient matches when every folded word
of the search occurs in the folded "family given mrn" (folding is ``queries_search.normalise``,
the one the product uses for keys and typed words alike), and the sort is ``_expected`` from
test_db_queries. The index paths are forced both ways (few matches sorted at once / sort index
walked) and the count bound is made small to see "more than N".
"""

from __future__ import annotations

import random

import pytest
from db_helpers import patient_values
from test_db_queries import SORTS, Fake, _bulk, _expected

from netboard.db import operations as ops
from netboard.db import queries as q
from netboard.db import queries_patient_list, search_index, search_sample, search_short
from netboard.db.queries_search import normalise, search_words
from netboard.db.store import Store, head_revision

NAMES = [("Łukaszewicz", "Łucja"), ("Müller-Lüdenscheidt", "Zoë"), ("Ødegård", "Søren"),
         ("Dvořák", "Anežka"), ("O'Brien", "Siobhán"), ("Nguyễn", "Thị"), ("Straße", "Jürgen"),
         ("Harrow", "Hal"), ("Harper", "Ada"), ("Sharma", "Ravi")]  # fmt: skip


def _key(f: Fake) -> str:
    return normalise(f"{f.family} {f.given} {f.mrn}")


def _found(store: Store, text: str) -> set[str]:
    return {r.id for r in q.list_patients(store, search=text, limit=1000).rows}


def _oracle(fakes: list[Fake], text: str) -> set[str]:
    words = search_words(text)
    return {f.id for f in fakes if all(word in _key(f) for word in words)}


def _add_named(store: Store) -> list[str]:
    return [
        ops.create(store, "patient", patient_values(f"ZZ-N{i:03d}", family=f, given_name=g))
        for i, (f, g) in enumerate(NAMES)
    ]


@pytest.fixture(params=["few", "indexed", "walk", "walk-dense"])
def match_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every way a page is read: few matches sorted by id; matches of the indexed words sorted
    (found again from the index); a sort-index walk testing the index's answer, or (dense)
    each row."""
    if request.param != "few":
        monkeypatch.setattr(queries_patient_list, "FEW", 3)
    if request.param.startswith("walk"):
        monkeypatch.setattr(queries_patient_list, "SORT_LIMIT", 3)
    if request.param == "walk-dense":
        monkeypatch.setattr(queries_patient_list, "DENSE", 3)
    return str(request.param)


def test_search_index_exists_on_each_backend(store: Store) -> None:
    with store.read() as conn:
        assert search_index.available(conn, {})


def test_search_gives_the_same_matches_as_a_plain_scan(
    store: Store, match_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fakes = _bulk(store, n=120)
    rnd = random.Random(5)
    keys = [_key(f) for f in fakes]
    queries = ["muller", "MÜLLER", "ostlund", "ashdown ada", "zz0001", "%_", "zz%_0", "de v",
               "nobody-has-this", "a", "zz", "ash own", "rane", "  birchall  ", "e,d", "vries bo"]
    for _ in range(40):  # random substrings of real keys, 1 to 6 characters, one or two words
        key = rnd.choice(keys)
        start = rnd.randrange(len(key))
        queries.append(key[start : start + rnd.randint(1, 6)].strip() or "a")
    for text in queries:
        # Words of one or two letters: looked up in the index (judged rare) or tested on each
        # row (judged common).
        for common in (2.0, 0.0):
            monkeypatch.setattr(search_short, "COMMON", common)
            assert _found(store, text) == _oracle(fakes, text), (text, match_path, common)


def test_rare_short_words_come_from_the_index(store: Store) -> None:
    """One- and two-letter words few patients have: found wherever they are in the key (first
    letter, last letters of the MRN, beside a space), alone or with other words; a word no key
    has finds nobody."""
    _bulk(store, n=60)
    ids = dict(zip((family for family, _ in NAMES), _add_named(store), strict=True))
    rows = q.list_patients(store, limit=1000).rows
    keys = {r.id: normalise(f"{r.family_name} {r.given_name} {r.mrn}") for r in rows}
    for text in ("ł", "ø", "q", "ß", "ss", "09", "-n", "n0", "zz-", "o'", "'b", "ú", "yễ",
                 "ha", "h", "ravi s", "ng", "x", "qj", "7 zz", "zoe m", "mu ll", "ye", "i"):
        words = search_words(text)
        wanted = {i for i, key in keys.items() if all(w in key for w in words)}
        assert _found(store, text) == wanted, text
    assert _found(store, "ravi s") == {ids["Sharma"]}
    assert _found(store, "qj") == set()
    with store.read() as conn:  # letters hardly anyone has are looked up; "a" is common
        assert search_short.rare(conn, store.cache, ["qj", "x", "a"]) == ["qj", "x"]


def test_accented_and_special_letters(store: Store) -> None:
    ids = dict(zip((family for family, _ in NAMES), _add_named(store), strict=True))
    # Case and accents do not matter, in the typed words or in the names.
    assert _found(store, "muller-lud") == {ids["Müller-Lüdenscheidt"]}
    assert _found(store, "DVORAK anezka") == {ids["Dvořák"]}
    assert _found(store, "siobhan o'b") == {ids["O'Brien"]}
    assert _found(store, "nguyen") == {ids["Nguyễn"]}
    assert _found(store, "łukasz") == _found(store, "ŁUKASZ") == {ids["Łukaszewicz"]}
    assert _found(store, "lukasz lucja") == {ids["Łukaszewicz"]}
    assert _found(store, "odegard soren") == {ids["Ødegård"]}
    assert _found(store, "zoe") == {ids["Müller-Lüdenscheidt"]}
    assert _found(store, "har") == {ids["Harrow"], ids["Harper"], ids["Sharma"]}
    # Whatever the fold makes of a letter, the index finds what a plain scan of the keys finds.
    every = {i for i in ids.values()}
    for family, given in NAMES:
        for text in (family, given, family[1:4], f"{given} {family[:3]}"):
            wanted = {
                ids[f] for f, g in NAMES
                if all(w in normalise(f"{f} {g}") for w in search_words(text))
            } & every  # fmt: skip
            assert _found(store, text) == wanted, text


def test_index_follows_every_write(store: Store) -> None:
    pid = ops.create(store, "patient", patient_values("ZZ-W1", family="Quenby", given_name="Ada"))
    assert _found(store, "quenby") == {pid}
    version = ops.update(store, "patient", pid, {"family_name": "Wrexham"}, expected_version=1)
    assert _found(store, "quenby") == set() and _found(store, "wrexham") == {pid}
    deleted = ops.delete(store, "patient", pid, expected_version=version)
    assert _found(store, "wrexham") == set()
    ops.restore(store, deleted)
    assert _found(store, "wrexham") == {pid}


def _keyset_pages(store: Store, page: int, **kw: object) -> tuple[list[str], set[int]]:
    ids: list[str] = []
    totals: set[int] = set()
    after = None
    while True:
        result = q.list_patients(store, after=after, limit=page, **kw)  # type: ignore[arg-type]
        totals.add(result.total)
        if not result.rows:
            return ids, totals
        ids.extend(r.id for r in result.rows)
        after = result.rows[-1]


def test_keyset_pages_follow_every_sort(store: Store, match_path: str) -> None:
    fakes = _bulk(store)
    named = [f for f in fakes if "a" in _key(f)]
    rare = [f for f in fakes if "zz0001" in _key(f)]
    for sort in SORTS:
        for descending in (False, True):
            ids, totals = _keyset_pages(store, 7, sort=sort, descending=descending)
            assert ids == _expected(fakes, sort, descending), (sort, descending)
            assert totals == {len(fakes)}
            for text, matching in (("A", named), ("zz0001", rare)):
                ids, totals = _keyset_pages(store, 4, sort=sort, descending=descending,
                                            search=text)  # fmt: skip
                assert ids == _expected(matching, sort, descending), (match_path, sort, text)
                assert totals == {len(matching)}


def test_rare_short_word_pages_follow_every_sort(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short word looked up in the index, its matches sorted from the index's answer."""
    fakes = _bulk(store)
    monkeypatch.setattr(search_short, "COMMON", 2.0)
    monkeypatch.setattr(queries_patient_list, "FEW", 3)
    matching = [f for f in fakes if "%_" in _key(f)]
    assert 3 < len(matching) < len(fakes) // 5
    for sort in SORTS:
        for descending in (False, True):
            ids, totals = _keyset_pages(store, 4, sort=sort, descending=descending, search="%_")
            assert ids == _expected(matching, sort, descending), (sort, descending)
            assert totals == {len(matching)}


def test_count_is_exact_up_to_a_bound(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = _bulk(store, n=40)
    monkeypatch.setattr(queries_patient_list, "COUNT_LIMIT", 10)
    page = q.list_patients(store, limit=5)
    assert (page.total, page.capped) == (10, True)
    assert len(page.rows) == 5
    few = [f for f in fakes if "zz0001" in _key(f)]
    assert 0 < len(few) <= 10
    page = q.list_patients(store, search="zz0001")
    assert (page.total, page.capped) == (len(few), False)
    monkeypatch.setattr(queries_patient_list, "COUNT_LIMIT", len(fakes))
    page = q.list_patients(store, limit=5)
    assert (page.total, page.capped) == (len(fakes), False)


@pytest.mark.postgres
def test_without_pg_trgm_search_says_so_and_still_works(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with Store.open(pg_url, user="dr-tester") as store:
        ids = dict(zip((family for family, _ in NAMES), _add_named(store), strict=True))
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"DROP INDEX {search_index.TRGM_INDEX}")
            conn.exec_driver_sql("DROP EXTENSION pg_trgm")
        # A server where the extension is not installed (or this role may not create it).
        monkeypatch.setattr(search_index, "EXTENSION", "pg_trgm_not_installed_here")
        with caplog.at_level("WARNING", logger="netboard.db.search_index"):
            assert search_index.rebuild(store.engine) is False
        assert "pg_trgm is not available" in caplog.text
        assert "CREATE EXTENSION pg_trgm" in caplog.text
        assert search_index.describe(store.engine).startswith("reads every patient")
    with Store.open(pg_url, user="dr-tester") as store:
        assert _found(store, "harp") == {ids["Harper"]}
        assert _found(store, "lukasz") == {ids["Łukaszewicz"]}
        monkeypatch.setattr(search_index, "EXTENSION", "pg_trgm")
        assert search_index.rebuild(store.engine) is True
        assert search_index.describe(store.engine) == "indexed (pg_trgm GIN index)"
    with Store.open(pg_url, user="dr-tester") as store:
        assert _found(store, "harp") == {ids["Harper"]}


@pytest.mark.parametrize("limit", [10, 1000])
def test_sorted_reading_counts_what_it_sorts(
    store: Store, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """A search the sample judges clustered reads its matches sorted and counts them in the same
    statement on PostgreSQL: the rows, the count and "more than" are those of a plain scan, on a
    first page, a page by offset, a page past the last match and a keyset page."""
    fakes = _bulk(store, n=80)
    reading = queries_patient_list._Reader._reading

    def sort_when_indexed(reader: queries_patient_list._Reader, *args: object) -> str:
        return "sort" if reader.indexed and reader.request.kinds == 1 else reading(reader, *args)

    monkeypatch.setattr(queries_patient_list._Reader, "_reading", sort_when_indexed)
    monkeypatch.setattr(queries_patient_list, "COUNT_LIMIT", limit)
    for text in ("a", "ash", "zz0001", "nobody-has-this", "de v"):
        matching = [f for f in fakes if f.id in _oracle(fakes, text)]
        for sort in ("name", "grade"):
            expected = _expected(matching, sort, False)
            first = q.list_patients(store, search=text, sort=sort, limit=5)
            assert [r.id for r in first.rows] == expected[:5], (text, sort)
            assert (first.total, first.capped) == (min(len(matching), limit),
                                                   len(matching) > limit), (text, sort)
            later = q.list_patients(store, search=text, sort=sort, offset=3, limit=4)
            assert [r.id for r in later.rows] == expected[3:7]
            assert later.total == first.total
            beyond = q.list_patients(store, search=text, sort=sort, offset=len(matching) + 1)
            assert (beyond.rows, beyond.total) == ((), first.total)
            ids, totals = _keyset_pages(store, 6, sort=sort, search=text)
            assert ids == expected
            assert totals == {first.total}


def test_more_than_n_proven_from_keys_that_begin_with_a_word(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL shows "more than N" by finding N + 1 matches among the keys that begin with a
    search word, when the sample expects that many; rows and counts stay a plain scan's, also
    when too few keys begin with the word and the count is taken the usual way."""
    fakes = _bulk(store, n=150)
    monkeypatch.setattr(queries_patient_list, "COUNT_LIMIT", 12)
    # Matches read by walking the sort order and counted on their own (as "ha" or "mu" are).
    monkeypatch.setattr(queries_patient_list._Reader, "_reading", lambda *_a: "walk")
    answers: list[bool] = []
    proven = queries_patient_list._Reader._many_begin_with_a_word

    def spy(reader: queries_patient_list._Reader) -> bool:
        answers.append(proven(reader))
        return answers[-1]

    monkeypatch.setattr(queries_patient_list._Reader, "_many_begin_with_a_word", spy)
    texts = ("ash", "a", "as", "mu", "müller", "zz", "de v", "crane zz", "ed", "ö", "zz0001",
             "zz0002", "ashdown zz000")
    for sample_says in ("as it is", "many everywhere"):
        if sample_says == "many everywhere":  # a sample that misjudges: the keys must decide
            monkeypatch.setattr(search_sample.Sample, "starting", lambda *_a: 1e9)
        for text in texts:
            matching = [f for f in fakes if f.id in _oracle(fakes, text)]
            for sort in ("name", "grade"):
                page = q.list_patients(store, search=text, sort=sort, limit=3)
                assert [r.id for r in page.rows] == _expected(matching, sort, False)[:3], text
                assert (page.total, page.capped) == (min(len(matching), 12),
                                                     len(matching) > 12), (text, sample_says)
    if not store.is_sqlite:
        assert True in answers and False in answers


def _sqlite_layout(store: Store) -> tuple[list[str], int, int, int]:
    """The patient ids in name-rank order, and the rows of patient, order and trigram tables."""
    with store.read() as conn:
        ranked = [str(r[0]) for r in conn.exec_driver_sql(
            f"SELECT id FROM {search_index.ORDER_TABLE} ORDER BY name_rank")]  # fmt: skip
        tables = ("patient", search_index.ORDER_TABLE, search_index.FTS_TABLE)
        counts = [int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one())
                  for t in tables]  # fmt: skip
    return ranked, *counts  # type: ignore[return-value]


def _name_ordered_ids(store: Store) -> list[str]:
    """Oracle: the patients sorted in Python by (family, given, id), code point order."""
    with store.read() as conn:
        rows = conn.exec_driver_sql("SELECT family_name, given_name, id FROM patient").all()
    return [str(r[2]) for r in sorted(rows, key=lambda r: (r[0], r[1], r[2]))]


def test_sqlite_index_numbers_patients_in_name_order(sqlite_store: Store) -> None:
    """Refilling numbers the trigram table's rows in name order; later writes keep every table in
    step (a new patient takes the next place) and every search still matches a plain scan."""
    store = sqlite_store
    fakes = _bulk(store, n=50)
    ids = dict(zip((family for family, _ in NAMES), _add_named(store), strict=True))
    assert search_index.rebuild(store.engine)
    ranked, patients, ordered, indexed = _sqlite_layout(store)
    assert ranked == _name_ordered_ids(store)
    assert patients == ordered == indexed == len(fakes) + len(NAMES)
    aabel = patient_values("ZZ-A1", family="Aabel", given_name="Al")
    newcomer = ops.create(store, "patient", aabel)
    ranked, *counts = _sqlite_layout(store)
    assert ranked[-1] == newcomer and counts == [patients + 1] * 3
    assert q.list_patients(store, search="aab", limit=5).rows[0].id == newcomer
    assert q.list_patients(store, sort="name", limit=1).rows[0].id == newcomer
    version = ops.update(store, "patient", ids["Harper"], {"family_name": "Quarrie"},
                         expected_version=1)  # fmt: skip
    assert _found(store, "harp") == set() and _found(store, "quarr") == {ids["Harper"]}
    ops.delete(store, "patient", ids["Harper"], expected_version=version)
    ranked, *counts = _sqlite_layout(store)
    assert ids["Harper"] not in ranked and counts == [patients] * 3
    assert search_index.rebuild(store.engine)
    assert _sqlite_layout(store)[0] == _name_ordered_ids(store)


def test_sqlite_layout_of_revision_0011_comes_back_and_goes_again(sqlite_store: Store) -> None:
    """Downgrading to 0011 restores its layout (trigram rowid = patient rowid, no order table)
    and search keeps working there; upgrading numbers the patients in name order again."""
    store = sqlite_store
    fakes = _bulk(store, n=40)
    store.downgrade("0011")
    with store.read() as conn:
        tables = {str(r[0]) for r in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}  # fmt: skip
        same = conn.exec_driver_sql(
            f"SELECT count(*) FROM {search_index.FTS_TABLE} AS s JOIN patient AS p "
            "ON p.rowid = s.rowid AND s.key = p.search_key || '  '"
        ).scalar_one()
    assert search_index.ORDER_TABLE not in tables and same == len(fakes)
    store.upgrade()
    assert store.current_revision() == head_revision()
    assert _sqlite_layout(store)[0] == _name_ordered_ids(store)
    for text in ("ash", "zz0001", "de v", "muller"):
        assert _found(store, text) == _oracle(fakes, text), text


@pytest.mark.postgres
def test_reindex_puts_postgresql_patients_in_name_order(pg_url: str) -> None:
    """``reindex-search`` on PostgreSQL rewrites ``patient`` in name order (its rows' physical
    order, ctid, follows (family, given, id)) and the search still matches a plain scan."""
    with Store.open(pg_url, user="dr-tester") as store:
        fakes = _bulk(store, n=60)
        _add_named(store)
        assert search_index.rebuild(store.engine) is True
        with store.read() as conn:
            physical = [str(r[0]) for r in conn.exec_driver_sql(
                "SELECT id FROM patient ORDER BY ctid")]  # fmt: skip
            clustered = conn.exec_driver_sql(
                "SELECT c.relname FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid "
                "WHERE i.indisclustered"
            ).scalars().all()
        assert physical == _name_ordered_ids(store)
        assert clustered == [search_index.NAME_INDEX]
        with store.read() as conn:
            keys = {str(r[0]): normalise(f"{r[1]} {r[2]} {r[3]}") for r in conn.exec_driver_sql(
                "SELECT id, family_name, given_name, mrn FROM patient")}  # fmt: skip
        assert len(keys) == len(fakes) + len(NAMES)
        for text in ("ash", "zz0001", "de v", "a", "har", "lukasz"):
            words = search_words(text)
            assert _found(store, text) == {
                i for i, key in keys.items() if all(w in key for w in words)}, text


def test_a_large_demo_ends_with_its_patients_in_name_order(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``netboard demo`` of many patients ends as ``db reindex-search`` leaves a database (here
    "many" is lowered to 30): SQLite's search ranks, PostgreSQL's table rows, in name order."""
    from netboard import cli

    monkeypatch.setattr(cli, "NAME_ORDER_FROM", 30)
    assert cli.main(["--db", db_url, "demo", "--patients", "40", "--today", "2026-11-27"]) == 0
    assert "Patients in name order for search" in capsys.readouterr().out
    with Store.open(db_url, user="dr-tester") as store:
        if store.is_sqlite:
            assert _sqlite_layout(store)[0] == _name_ordered_ids(store)
        else:
            with store.read() as conn:
                physical = [str(r[0]) for r in conn.exec_driver_sql(
                    "SELECT id FROM patient ORDER BY ctid")]  # fmt: skip
            assert physical == _name_ordered_ids(store)
        assert len(_name_ordered_ids(store)) == 40
