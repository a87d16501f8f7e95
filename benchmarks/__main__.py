"""``python -m benchmarks``: build (or reuse) the demo databases and print one JSON document.

The core measurements come first; then every ``benchmarks/bench_*.py`` that exposes
``run(cache: Path) -> dict[str, object]`` runs and its result is added under its name (the part
after ``bench_``). A failing extra benchmark is reported in the JSON and makes the exit status 1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from benchmarks import core
from benchmarks.data import cache_dir

SIZES = (1_000, 10_000, 100_000)


def discover() -> list[str]:
    """Module names of the extra benchmarks, in name order."""
    folder = Path(__file__).resolve().parent
    return [f"benchmarks.{p.stem}" for p in sorted(folder.glob("bench_*.py"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", default=",".join(str(n) for n in SIZES),
                        help="patient counts of the demo databases (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=20, help="runs per query (median)")
    parser.add_argument("--only", default="", metavar="NAME",
                        help="run only 'core' or one extra benchmark by name")
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    started = time.perf_counter()
    result: dict[str, Any] = {"machine": _machine()}
    status = 0
    if args.only in ("", "core"):
        result["core"] = core.run(sizes, args.repeats)
    for module_name in discover():
        name = module_name.rsplit(".", 1)[1].removeprefix("bench_")
        if args.only not in ("", name):
            continue
        try:
            module = importlib.import_module(module_name)
            result[name] = module.run(cache_dir())
        except Exception:  # one broken benchmark must not hide the others
            result[name] = {"error": traceback.format_exc().strip().splitlines()[-1]}
            traceback.print_exc(file=sys.stderr)
            status = 1
    result["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result, indent=2, default=str))
    return status


def _machine() -> dict[str, Any]:
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        load = None
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpu_count": os.cpu_count(), "load_average": load}


if __name__ == "__main__":
    sys.exit(main())
