"""Cached demo databases for benchmarks, keyed by generator version, schema revision and seed.

A database is built once (the build's write rate is kept beside it) and reused until the
generator or the schema changes; stale files of the same size and seed are removed. A build is
written under a temporary name and renamed when complete, so an interrupted run leaves no
half-built cache.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from netboard.config import sqlite_url
from netboard.db.store import Store, head_revision
from netboard.demo import DEMO_TODAY, GENERATOR_VERSION, write_demo

CACHE = Path(__file__).resolve().with_name(".cache")
SEED = 1
USER = "benchmark"


def cache_dir() -> Path:
    """The cache folder (``NETBOARD_BENCH_CACHE`` overrides ``benchmarks/.cache``)."""
    folder = Path(os.environ.get("NETBOARD_BENCH_CACHE", "") or CACHE)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _stem(n_patients: int, seed: int) -> str:
    return f"demo-g{GENERATOR_VERSION}-r{head_revision()}-s{seed}-n{n_patients}"


def demo_path(n_patients: int, *, seed: int = SEED) -> Path:
    """Where the cached database of this size lives (built or not)."""
    return cache_dir() / f"{_stem(n_patients, seed)}.sqlite"


def demo_db(n_patients: int, *, seed: int = SEED) -> str:
    """The URL of a demo database with ``n_patients`` patients, built on first use."""
    path = demo_path(n_patients, seed=seed)
    if not path.exists():
        _build(path, n_patients, seed)
    return sqlite_url(path)


def build_info(n_patients: int, *, seed: int = SEED) -> dict[str, Any]:
    """What the build of this database measured (write rate, seconds, size)."""
    sidecar = demo_path(n_patients, seed=seed).with_suffix(".json")
    if not sidecar.exists():
        return {}
    info: dict[str, Any] = json.loads(sidecar.read_text(encoding="utf-8"))
    return info


def _build(path: Path, n_patients: int, seed: int) -> None:
    _remove_stale(n_patients, seed)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    for leftover in partial.parent.glob(f"{partial.name}*"):
        leftover.unlink()
    store = Store.open(sqlite_url(partial), user=USER)
    try:
        started = time.perf_counter()
        write_demo(store, n_patients, seed, DEMO_TODAY)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    _seal(partial, n_patients)
    os.replace(partial, path)
    info = {
        "patients": n_patients,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "schema": head_revision(),
        "write_seconds": round(seconds, 2),
        "write_patients_per_s": round(n_patients / seconds, 1),
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "cpu_count": os.cpu_count(),
        "load_average_at_end": _load_average(),
    }
    path.with_suffix(".json").write_text(json.dumps(info, indent=2), encoding="utf-8")


def _seal(path: Path, n_patients: int) -> None:
    """Fold the write-ahead log into the file and check it, so one file is the whole cache."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        found = conn.execute("SELECT count(*) FROM patient").fetchone()[0]
    finally:
        conn.close()
    if found != n_patients:
        raise RuntimeError(f"{path} holds {found} patients after the build, not {n_patients}")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _remove_stale(n_patients: int, seed: int) -> None:
    keep = _stem(n_patients, seed)
    for old in cache_dir().glob(f"demo-g*-s{seed}-n{n_patients}.*"):
        if not old.name.startswith(keep + "."):
            old.unlink()


def _load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):  # not on every platform
        return None
