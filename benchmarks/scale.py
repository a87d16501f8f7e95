"""``make bench-scale``: the patient list and a case on a million patients, SQLite and PostgreSQL.

Both databases are built once and cached, then the same measurements run on both and one table is
printed side by side (then the JSON). The demo is written at 1,000-1,400 patients a second on a
2-core machine (its drafting runs in worker processes, but the writer and the database need a core
of their own), so a full million-patient demo takes 12 to 17 minutes on an idle machine, hours on
a busy one, and about 14 GB. The scale database is therefore a cached full demo of
``--full`` patients (default 100,000; ``benchmarks.data``) topped up to ``--patients`` with
patient rows only: new ids, names from the demo's name generator, MRNs continuing the demo's, and
the list columns (site, grade, Ki-67, next review, status, birth date) of a random full patient.
The patient list and search read only the patient table, so they see a million real rows; the
largest case is a full history. PostgreSQL gets the same rows by COPY from the SQLite file (its own
cluster in the cache, see ``pg_cluster``). Both then get ``netboard db reindex-search``, as the
operating notes ask after a large import (patients in name order: SQLite's search index, and
PostgreSQL's table by CLUSTER). Keystrokes are timed in passes through ``TYPED``, in typing
order. Targets (issue 16): a search keystroke p95 <= 30 ms, any page <= 10 ms, the largest case
<= 30 ms to load, start-up unchanged.

    python -m benchmarks.scale [--patients 1000000] [--repeats 7] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.pg_cluster import Cluster, bin_dir
from netboard.db import queries
from netboard.db.queries import SORT_KEYS
from netboard.db.store import Store, head_revision
from netboard.demo import GENERATOR_VERSION

PATIENTS = 1_000_000
FULL = 100_000
SIDECARS: dict[str, Path] = {}
"""Database URL -> the JSON file beside its build."""
PAGE = 100
TYPED = ("h", "ha", "har", "harr", "m", "mu", "mul", "mull", "muller", "d", "de", "dem",
         "demo-", "demo-0004", "demo-00042", "demo-000042", "demo-9", "ann", "anna b", "zz")
"""Keystrokes: what the list runs as someone types (prefixes of names and of an MRN)."""


def ms(action: Callable[[], object], repeats: int) -> list[float]:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        runs.append((time.perf_counter() - started) * 1000)
    return runs


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2)


# -- building ----------------------------------------------------------------------------------


def scale_path(n: int, full: int) -> Path:
    name = f"scale-g{GENERATOR_VERSION}-r{head_revision()}-s{data.SEED}-f{full}-n{n}.sqlite"
    return data.cache_dir() / name


def sqlite_db(n: int, full: int) -> tuple[str, dict[str, Any]]:
    """The SQLite scale database: the full demo of ``full`` patients, topped up to ``n``."""
    path = scale_path(n, full)
    sidecar = path.with_suffix(".json")
    if not path.exists() or not sidecar.exists():
        data.demo_db(full)
        partial = path.with_name(f".{path.name}.partial")
        shutil.copyfile(data.demo_path(full), partial)
        started = time.perf_counter()
        added = _top_up(partial, n)
        seconds = time.perf_counter() - started
        reindex = _reindex(data.sqlite_url(partial))
        os.replace(partial, path)
        info = {"patients": n, "full_histories": full, "full_build": data.build_info(full),
                "patient_rows_added": added, "top_up_seconds": round(seconds, 1),
                "reindex_search_seconds": reindex}  # fmt: skip
        sidecar.write_text(json.dumps(info, indent=2), encoding="utf-8")
    SIDECARS[data.sqlite_url(path)] = sidecar
    return data.sqlite_url(path), json.loads(sidecar.read_text(encoding="utf-8"))


DONOR_COLUMNS = ("sex", "birth_date", "status", "list_site", "list_grade", "list_ki67",
                 "list_next_review", "home_institution", "treating_physician", "nurse_navigator")


def _top_up(path: Path, n: int) -> int:
    """Add patient rows until the file holds ``n`` patients (triggers keep the search index)."""
    import sqlite3
    import uuid
    from random import Random

    from netboard.db.queries_search import search_key_for
    from netboard.demo import mrn
    from netboard.demo.names import family_name, given_name
    from netboard.domain.vocab import Sex

    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA cache_size = -1000000")
        have = int(conn.execute("SELECT count(*) FROM patient").fetchone()[0])
        donors = conn.execute(f"SELECT {', '.join(DONOR_COLUMNS)} FROM patient").fetchall()
        stamp = conn.execute("SELECT max(created_at) FROM patient").fetchone()[0]
        rng = Random(data.SEED)
        columns = ("id", "mrn", "family_name", "given_name", "notes", "search_key", "version",
                   "created_at", "updated_at", *DONOR_COLUMNS)  # fmt: skip
        sql = (f"INSERT INTO patient ({', '.join(columns)}) "
               f"VALUES ({', '.join('?' * len(columns))})")  # fmt: skip
        conn.execute("BEGIN")
        for start in range(have, n, 50_000):
            batch = []
            for index in range(start, min(n, start + 50_000)):
                donor = rng.choice(donors)
                family, given = family_name(rng), given_name(rng, Sex(donor[0]))
                number = mrn(index)
                batch.append((str(uuid.UUID(int=rng.getrandbits(128), version=4)), number,
                              family, given, "", search_key_for(family, given, number), 1,
                              stamp, stamp, *donor))  # fmt: skip
            conn.executemany(sql, batch)
            print(f"  sqlite: {start + len(batch):,} / {n:,} patients", file=sys.stderr,
                  flush=True)  # fmt: skip
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return max(0, n - have)


def _reindex(url: str) -> float:
    """``netboard db reindex-search`` on the built database (what its operating notes ask after
    a large import): SQLite numbers the search index in name order, PostgreSQL clusters
    ``patient`` by name. Returns the seconds it took."""
    from netboard.db import search_index

    print("  reindex-search (patients in name order)", file=sys.stderr, flush=True)
    started = time.perf_counter()
    with Store.open(url, user=data.USER) as store:
        search_index.rebuild(store.engine)
    return round(time.perf_counter() - started, 1)


def pg_db(cluster: Cluster, n: int, full: int) -> tuple[str, dict[str, Any]]:
    """The PostgreSQL database of ``n`` demo patients in the cache cluster, built if missing.

    Generating the demo is the slow part (one core, sequential), so the rows are not generated a
    second time: they are copied from the cached SQLite build with COPY, table by table, into a
    database migrated to head (secondary indexes built after the copy, foreign keys not
    re-checked: the source enforced them). Both backends then hold the same rows.
    """
    name = f"scale_g{GENERATOR_VERSION}_r{head_revision()}_s{data.SEED}_f{full}_n{n}"
    sidecar = cluster.root / f"{name}.json"
    if name not in cluster.databases() or not sidecar.exists():
        building = f"{name}_building"
        cluster.admin(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
        cluster.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cluster.admin(f'CREATE DATABASE "{building}"')
        Store.open(cluster.url(building), user=data.USER).close()  # the schema, at head
        started = time.perf_counter()
        rows = _copy_from_sqlite(scale_path(n, full), cluster, building)
        seconds = time.perf_counter() - started
        reindex = _reindex(cluster.url(building))
        cluster.admin(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        info = {"patients": n, "copied_rows": rows, "copy_seconds": round(seconds, 1),
                "copy_rows_per_s": round(rows / seconds), "load_average_at_end": _load(),
                "reindex_search_seconds": reindex,
                "source": "rows copied from the SQLite build"}  # fmt: skip
        sidecar.write_text(json.dumps(info, indent=2), encoding="utf-8")
    SIDECARS[cluster.url(name)] = sidecar
    return cluster.url(name), json.loads(sidecar.read_text(encoding="utf-8"))


def _copy_from_sqlite(source: Path, cluster: Cluster, database: str) -> int:
    import sqlite3

    import psycopg

    from netboard.demo.prepare import TABLES

    copied = 0
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres",
                         dbname=database) as dst:  # fmt: skip
        dst.execute("SET TIME ZONE 'UTC'")  # SQLite holds UTC wall-clock times
        dst.execute("SET session_replication_role = replica")  # no per-row foreign-key checks
        indexes = dst.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "AND indexname LIKE 'ix%%'"
        ).fetchall()
        for index_name, _sql in indexes:
            dst.execute(f'DROP INDEX "{index_name}"'.encode())
        for table in TABLES:
            columns = ", ".join(c.name for c in table.c)
            print(f"  postgresql: copying {table.name}", file=sys.stderr, flush=True)
            with dst.cursor() as cursor, cursor.copy(
                f"COPY {table.name} ({columns}) FROM STDIN".encode()
            ) as copy:
                for row in src.execute(f"SELECT {columns} FROM {table.name}"):
                    copy.write_row(row)
                    copied += 1
        print("  postgresql: building indexes", file=sys.stderr, flush=True)
        for _name, sql in indexes:
            dst.execute(sql.encode())
        dst.commit()
        dst.autocommit = True
        dst.execute("VACUUM ANALYZE")
    src.close()
    return copied


def _progress(label: str) -> Callable[[int, int], None]:
    last = [0.0]

    def show(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 30 or done == total:
            last[0] = now
            print(f"  {label}: {done:,} / {total:,} patients", file=sys.stderr, flush=True)

    return show


def _load() -> list[float] | None:
    import os

    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


# -- measuring ---------------------------------------------------------------------------------


def measure(url: str, n: int, repeats: int, largest: tuple[str, int] | None) -> dict[str, Any]:
    started = time.perf_counter()
    store = Store.open(url, user=data.USER)
    first = queries.list_patients(store, limit=PAGE)
    opened_ms = (time.perf_counter() - started) * 1000
    try:
        shown = f"{'more than ' if first.capped else ''}{first.total:,}"
        out: dict[str, Any] = {"open_and_first_page_ms": round(opened_ms, 1),
                               "total_shown": shown}
        per_text = _typing(store, repeats)
        keystrokes = [t for runs in per_text.values() for t in runs]
        out["keystroke_p50_ms"] = round(statistics.median(keystrokes), 2)
        out["keystroke_p95_ms"] = p95(keystrokes)
        out["keystroke_max_ms"] = round(max(keystrokes), 2)
        medians = {text: round(statistics.median(runs), 1) for text, runs in per_text.items()}
        out["keystroke_median_ms_per_text"] = medians
        out["keystroke_worst"] = max(medians, key=lambda t: medians[t])
        out["pages"] = _pages(store, n, repeats)
        page_ms = [v for p in out["pages"].values() for v in (p["first"], p["next_deep"])]
        out["page_max_ms"] = round(max(page_ms), 2)
        if largest is not None:
            runs = ms(lambda: queries.get_case(store, largest[0]), repeats)
            out["largest_case_ms"] = round(statistics.median(runs), 2)
            out["largest_case_rows"] = largest[1]
        return out
    finally:
        store.close()


def _search(store: Store, text: str) -> object:
    return queries.list_patients(store, search=text, limit=PAGE)


def _typing(store: Store, passes: int) -> dict[str, list[float]]:
    """Each text's times over ``passes`` runs through TYPED in order, as someone types: every
    search follows other ones (the same search run again at once would find its pages cached and
    look faster than typing ever is). The first pass, right after opening, counts too."""
    runs: dict[str, list[float]] = {text: [] for text in TYPED}
    for _ in range(passes):
        for text in TYPED:
            runs[text].extend(ms(partial(_search, store, text), 1))
    return runs


def _pages(store: Store, n: int, repeats: int) -> dict[str, dict[str, float]]:
    """Per sort: the first page, and a page continued after a row deep in the list (keyset)."""
    result = {}
    for sort in SORT_KEYS:
        for descending in (False, True):
            key = f"{sort}{' desc' if descending else ''}"
            page = _pager(store, sort, descending)
            deep = page(offset=n // 2).rows
            after = deep[-1] if deep else None
            result[key] = {
                "first": round(statistics.median(ms(page, repeats)), 2),
                "next_deep": round(statistics.median(ms(partial(page, after=after), repeats)), 2),
            }
    return result


def _pager(store: Store, sort: str, descending: bool) -> Callable[..., Any]:
    def page(**kw: Any) -> Any:
        return queries.list_patients(store, sort=sort, descending=descending, limit=PAGE, **kw)

    return page


def largest_history(url: str) -> tuple[str, int]:
    from benchmarks.core import largest_history as find

    with Store.open(url, user=data.USER) as store:
        return find(store)


def table(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    lines = ["| | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]

    def row(label: str, get: Callable[[dict[str, Any]], object]) -> None:
        lines.append(f"| {label} | " + " | ".join(str(get(results[n])) for n in names) + " |")

    row("build", _build_text)
    row("open + first page (ms)", lambda r: r["open_and_first_page_ms"])
    row("list count shown", lambda r: r["total_shown"])
    row("search keystroke p50 / p95 / max (ms)",
        lambda r: f"{r['keystroke_p50_ms']} / {r['keystroke_p95_ms']} / {r['keystroke_max_ms']}")
    row("slowest keystrokes (median ms)", _slowest)
    row("slowest page (ms)", lambda r: r["page_max_ms"])
    for key in ("name", "grade", "ki67 desc", "next_review"):
        row(f"page by {key}: first / deep (ms)",
            lambda r, key=key: f"{r['pages'][key]['first']} / {r['pages'][key]['next_deep']}")
    row("largest case (ms)",
        lambda r: f"{r.get('largest_case_ms', '?')} ({r.get('largest_case_rows', '?')} rows)")
    return "\n".join(lines)


def _slowest(result: dict[str, Any]) -> str:
    medians = result["keystroke_median_ms_per_text"]
    worst = sorted(medians, key=lambda t: -medians[t])[:4]
    return ", ".join(f'"{t}" {medians[t]}' for t in worst)


def _build_text(result: dict[str, Any]) -> str:
    build = result["build"]
    reindex = f"; reindex-search {build.get('reindex_search_seconds', '?')} s"
    if "copy_rows_per_s" in build:
        return f"rows copied by COPY, {build['copy_rows_per_s']:,} rows/s{reindex}"
    rate = build.get("full_build", {}).get("write_patients_per_s", "?")
    return (f"{build.get('full_histories', 0):,} full histories ({rate} patients/s) + "
            f"{build.get('patient_rows_added', 0):,} list rows{reindex}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__)
    parser.add_argument("--patients", type=int, default=PATIENTS)
    parser.add_argument("--full", type=int, default=FULL, metavar="N",
                        help="patients with a full generated history (default %(default)s)")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--only", choices=("sqlite", "postgresql"), default=None)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args(argv)
    urls: dict[str, tuple[str, dict[str, Any]]] = {}
    cluster = None
    try:
        sqlite = sqlite_db(args.patients, args.full)  # PostgreSQL's rows are copied from it
        if args.only in (None, "sqlite"):
            urls["SQLite"] = sqlite
        if args.only in (None, "postgresql"):
            binaries = bin_dir()
            if binaries is None:
                print("PostgreSQL server binaries not found; measuring SQLite only.",
                      file=sys.stderr)  # fmt: skip
            else:
                cluster = Cluster(data.cache_dir() / "pg-cluster", binaries)
                cluster.start()
                urls["PostgreSQL"] = pg_db(cluster, args.patients, args.full)
        if args.build_only:
            return 0
        results: dict[str, dict[str, Any]] = {}
        for name, (url, info) in urls.items():
            largest = info.get("largest") or largest_history(url)
            _remember_largest(SIDECARS[url], largest)
            measured = measure(url, args.patients, args.repeats, tuple(largest))
            results[name] = {"build": info, **measured}
        if len(urls) == 2:
            print(f"same rows on both backends: {_same(urls, largest)}", file=sys.stderr)
        print(table(results))
        print(json.dumps({"patients": args.patients, "load_average": _load(),
                          "results": results}, indent=2, default=str))  # fmt: skip
        return 0
    finally:
        if cluster is not None:
            cluster.stop()


def _same(urls: dict[str, tuple[str, dict[str, Any]]], largest: Any) -> bool:
    """The largest case and the first page by grade read the same on both backends."""
    seen = []
    for url, _info in urls.values():
        with Store.open(url, user=data.USER) as store:
            seen.append((queries.get_case(store, largest[0]),
                         queries.list_patients(store, sort="grade", limit=PAGE)))  # fmt: skip
    return seen[0] == seen[1]


def _remember_largest(sidecar: Path, largest: Any) -> None:
    """Keep the largest history in the build's sidecar (finding it reads every clinical row)."""
    info = json.loads(sidecar.read_text(encoding="utf-8"))
    if "largest" not in info:
        info["largest"] = list(largest)
        sidecar.write_text(json.dumps(info, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
