"""``python -m benchmarks`` on a tiny size: one JSON document, a cache that is reused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bench(cache: Path, *args: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    env.update({"NETBOARD_BENCH_CACHE": str(cache), "NETBOARD_USER": "bench-test",
                "NETBOARD_DATA_DIR": str(cache / "data")})
    result = subprocess.run([sys.executable, "-m", "benchmarks", *args], capture_output=True,
                            text=True, env=env, cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_core_benchmark_prints_json_and_reuses_its_cache(tmp_path: Path) -> None:
    first = bench(tmp_path, "--sizes", "40", "--repeats", "3", "--only", "core")
    core = first["core"]
    assert isinstance(core, dict)
    assert core["generation_only"]["patients_per_s"] > 0
    size = core["sizes"]["40"]
    assert size["build"]["patients"] == 40 and size["build"]["write_patients_per_s"] > 0
    for key in ("page_by_name", "page_by_grade", "search_ab", "case_snapshot_largest"):
        assert size[key]["repeats"] == 3 and size[key]["median_ms"] > 0, key
    assert size["case_snapshot_largest"]["clinical_rows"] > 20
    cached = sorted(p.name for p in tmp_path.glob("demo-*"))
    assert len(cached) == 2 and cached[0].endswith("-n40.json")
    second = bench(tmp_path, "--sizes", "40", "--repeats", "1", "--only", "core")
    assert second["core"]["sizes"]["40"]["build"] == size["build"]  # not rebuilt
    assert sorted(p.name for p in tmp_path.glob("demo-*")) == cached
