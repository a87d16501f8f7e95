"""Benchmark: the window's targets (issue 4), each measured in a fresh process where it matters.

- cold start to an interactive window on the 10,000-patient demo database: median < 1.5 s and
  <= 2.0 x a bare PySide6 window + ``import sqlalchemy.orm`` measured in the same run (issue 11),
  with none of matplotlib, reportlab, numpy or alembic loaded (they wait for a case, a report or
  a schema upgrade). Both start from compiled bytecode, as an installed program does;
- opening a case with ~300 timeline items (query, considerations, chart drawn): median < 60 ms
  both flipping between two cases, as a board does (the chart's pixels are reused), and for the
  first view of cases not shown before (the chart drawn from nothing) (issue 11);
- search keystroke to updated list on 100,000 patients: median < 50 ms (the 150 ms typing
  debounce comes on top and is reported separately);
- peak memory with the 100,000-patient database open (a case opened, the list scrolled to the
  end, a few searches): < 400 MB.

Run alone from the repository root with ``python -m benchmarks.bench_ui [--sizes 10000,100000]``
(``--parts cold_start,open_case`` for some of them).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
START_PATIENTS = 10_000
LARGE_PATIENTS = 100_000
COLD_RUNS = 7
CASE_RUNS = 15
FIRST_VIEWS = 8
"""Busy cases opened once each after the timed ones: the cost with nothing drawn before."""
TARGET_ITEMS = 300
KEYSTROKES = ("h", "ha", "har", "hart", "b", "br", "bra", "demo-0000", "demo-00004", "demo-000042")

COLD_START_S = 1.5
COLD_RATIO = 2.0
OPEN_CASE_MS = 60.0
SEARCH_MS = 50.0
PEAK_MB = 400.0

_APP_CHILD = """
import time
t0 = time.perf_counter()
import os, sys, tempfile
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from netboard.db.store import Store
from netboard.ui.app import apply_style, build_main_window
from netboard.ui.context import build_context
t_imports = time.perf_counter()
app = QApplication(sys.argv[:1])
apply_style(app)
store = Store.open(sys.argv[1], user="benchmark")
ini = os.path.join(tempfile.mkdtemp(), "settings.ini")
context = build_context(store, is_demo=True, settings=QSettings(ini, QSettings.Format.IniFormat))
t_store = time.perf_counter()
window = build_main_window(context)
window.show()
t_window = time.perf_counter()
def ready():
    t_ready = time.perf_counter()
    lazy = [m for m in ("matplotlib", "reportlab", "numpy", "alembic") if m in sys.modules]
    marks = (t0, t_imports, t_store, t_window, t_ready)
    phases = ",".join(str(round(b - a, 4)) for a, b in zip(marks, marks[1:]))
    cpu = round(time.process_time(), 4)
    print("READY", round(t_ready - t0, 4), cpu, ",".join(lazy) or "-", phases, flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""
PHASES = ("imports", "app_style_store_context", "window_built_and_shown", "first_event_turn")
"""What the app child's time is spent on (seconds, the child's own clock)."""

_APP_WITHOUT_MEETINGS_CHILD = _APP_CHILD.replace(
    "window = build_main_window(context)",
    "import netboard.ui.main_window as main_window\n"
    "class _NoMeetings:\n"
    "    built_workspace = None\n"
    "    def __init__(self, window, context): pass\n"
    "main_window.MeetingsController = _NoMeetings\n"
    "window = build_main_window(context)",
)
"""Diagnostic only: the same start without the meetings part, to show which part costs what."""

_BARE_CHILD = """
import time
t0 = time.perf_counter()
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlalchemy.orm
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1600, 1000)
window.show()
def ready():
    print("READY", round(time.perf_counter() - t0, 4), round(time.process_time(), 4), "-", "-",
          flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    # Children run from compiled bytecode, as an installed program does (pip compiles a wheel's
    # modules). With PYTHONDONTWRITEBYTECODE set (some shells and CI images set it) every launch
    # compiled NETboard's modules from source (~0.1 s) while the bare window's PySide6 and
    # SQLAlchemy loaded compiled: a comparison of unequal things. The bytecode is kept in the
    # benchmark cache, not in the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_bytecode_dir())
    return env


def _bytecode_dir() -> Path:
    from benchmarks.data import cache_dir

    folder = cache_dir() / "bytecode"
    folder.mkdir(exist_ok=True)
    return folder


class ChildTime(NamedTuple):
    wall: float
    """Seconds from launch to READY, measured here."""
    cpu: float
    """The child's own CPU seconds (user + system) until READY: less moved by other work on
    a shared machine than the wall time."""
    lazy: str
    """Heavy modules loaded at start ('-': none)."""
    phases: list[float]
    """The child's phases in seconds (see PHASES); empty for the bare window."""


def _time_child(code: str, *args: str) -> ChildTime:
    """Launch a child and time it to its READY line."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("READY"):
            wall = time.perf_counter() - started
            _, _inner, cpu, lazy, phases = line.split()
            proc.wait(timeout=60)
            split = [float(x) for x in phases.split(",")] if phases != "-" else []
            return ChildTime(wall, float(cpu), lazy, split)
    proc.wait(timeout=60)
    raise RuntimeError(f"child exited with {proc.returncode} before the window was ready")


def cold_start(url: str, runs: int = COLD_RUNS) -> dict[str, Any]:
    """Median launch-to-interactive time of NETboard and of a bare window, interleaved."""
    _time_child(_APP_CHILD, url)  # warm the file cache and bytecode
    _time_child(_BARE_CHILD)
    app_runs: list[ChildTime] = []
    bare_runs: list[ChildTime] = []
    for _ in range(runs):
        app_runs.append(_time_child(_APP_CHILD, url))
        bare_runs.append(_time_child(_BARE_CHILD))
    lazy = {m for run in app_runs if run.lazy != "-" for m in run.lazy.split(",")}
    app_s = statistics.median(r.wall for r in app_runs)
    bare_s = statistics.median(r.wall for r in bare_runs)
    app_cpu = statistics.median(r.cpu for r in app_runs)
    bare_cpu = statistics.median(r.cpu for r in bare_runs)
    without = statistics.median(
        _time_child(_APP_WITHOUT_MEETINGS_CHILD, url).wall for _ in range(max(3, runs // 2))
    )
    return {
        "median_s": round(app_s, 3),
        "bare_window_median_s": round(bare_s, 3),
        "without_meetings_part_median_s": round(without, 3),
        "ratio": round(app_s / bare_s, 2),
        "cpu_median_s": round(app_cpu, 3),
        "bare_window_cpu_median_s": round(bare_cpu, 3),
        "cpu_ratio": round(app_cpu / bare_cpu, 2),
        "app_phases_median_s": {
            name: round(statistics.median(r.phases[i] for r in app_runs), 3)
            for i, name in enumerate(PHASES)
        },
        "bytecode": "compiled once, cached (PYTHONPYCACHEPREFIX in the benchmark cache)",
        "load_average_1min": _load(),
        "runs": runs,
        "heavy_modules_loaded_at_start": sorted(lazy),
        "budget_s": COLD_START_S,
        "budget_ratio": COLD_RATIO,
        "passed": app_s < COLD_START_S and app_s / bare_s <= COLD_RATIO and not lazy,
    }


def _load() -> float | None:
    """The 1-minute load average when the measurement ended (timings on a busy machine mislead)."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):  # not on every platform
        return None


def busiest_patients(path: Path, limit: int = 5) -> list[tuple[str, int]]:
    """Patients with the most dated records (therapies, imaging, labs, discussions)."""
    query = """
        select p.id,
               (select count(*) from therapy_course t where t.patient_id = p.id)
             + (select count(*) from imaging_study i where i.patient_id = p.id)
             + (select count(*) from lab_result l where l.patient_id = p.id)
             + (select count(*) from case_discussion d where d.patient_id = p.id) as n
        from patient p order by n desc limit ?
    """
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return [(str(pid), int(n)) for pid, n in conn.execute(query, (limit,))]


def _path_of(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


# -- measurements inside one child process ----------------------------------------------------


class _Opens:
    """Case openings timed: wall and CPU milliseconds, and the workspace's phases."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.phases: dict[str, list[float]] = {}

    def time(self, window: Any, patient: str, *, keep: bool = True) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        window.open_case(patient)
        wall_ms, cpu_ms = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
        if keep:
            self.wall.append(wall_ms)
            self.cpu.append(cpu_ms)
            for phase, ms in window.case_workspace.last_load_breakdown.items():
                self.phases.setdefault(phase, []).append(ms)

    def report(self, prefix: str) -> dict[str, Any]:
        return {
            f"{prefix}median_ms": round(statistics.median(self.wall), 1),
            f"{prefix}max_ms": round(max(self.wall), 1),
            f"{prefix}cpu_median_ms": round(statistics.median(self.cpu), 1),
            f"{prefix}phases_median_ms": {
                k: round(statistics.median(v), 1) for k, v in self.phases.items()
            },
        }


def _child_open_case(url: str) -> dict[str, Any]:
    """Time CaseWorkspace.show_patient on the ~300-item case (alternating two patients), then
    the first view of busy cases not shown before (CPU time beside wall time: steadier on a
    busy machine)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db.store import Store
    from netboard.demo import DEMO_TODAY
    from netboard.ui.app import apply_style, build_main_window
    from netboard.ui.context import build_context

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)  # type: ignore[arg-type]
    store = Store.open(url, user="benchmark")
    ini = str(Path(tempfile.mkdtemp()) / "settings.ini")
    context = build_context(
        store, settings=QSettings(ini, QSettings.Format.IniFormat), today=lambda: DEMO_TODAY
    )
    window = build_main_window(context)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    ranked = busiest_patients(_path_of(url), 2 + FIRST_VIEWS)
    (big, big_rows), (other, _rows) = ranked[:2]
    first_open = time.perf_counter()
    workspace = window.open_case(other)  # builds the workspace, imports matplotlib
    first_ms = (time.perf_counter() - first_open) * 1000
    app.processEvents()
    flips, firsts = _Opens(), _Opens()
    for _ in range(CASE_RUNS):
        for patient in (big, other):
            flips.time(window, patient, keep=patient == big)
            app.processEvents()
    for patient, _n in ranked[2:]:  # cases not shown before: nothing to reuse
        firsts.time(window, patient)
        app.processEvents()
    window.open_case(big)
    assert workspace.timeline is not None
    items = sum(1 for _ in workspace.timeline.items())
    window.close()
    store.close()
    median, first_view = statistics.median(flips.wall), statistics.median(firsts.wall)
    return {
        **flips.report(""),
        "first_open_ms_incl_matplotlib_import": round(first_ms, 1),
        **firsts.report("first_view_"),
        "first_views": len(firsts.wall),
        "timeline_items": items,
        "records": big_rows,
        "runs": len(flips.wall),
        "budget_ms": OPEN_CASE_MS,
        "load_average_1min": _load(),
        "passed": median < OPEN_CASE_MS and first_view < OPEN_CASE_MS,
    }


def _child_search(url: str) -> dict[str, Any]:
    """Keystroke to repainted list: set the search text, apply it, let the view repaint."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db.store import Store
    from netboard.ui.app import build_main_window
    from netboard.ui.context import build_context
    from netboard.ui.views.patient_list import SEARCH_DELAY_MS

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = Store.open(url, user="benchmark")
    ini = str(Path(tempfile.mkdtemp()) / "settings.ini")
    context = build_context(store, settings=QSettings(ini, QSettings.Format.IniFormat))
    window = build_main_window(context)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    view = window.patient_list
    timings: list[float] = []
    totals: dict[str, int] = {}
    per_text: dict[str, list[float]] = {}
    for _round in range(3):
        for text in (*KEYSTROKES, ""):
            started = time.perf_counter()
            view.search.setText(text)
            view.apply_search()  # what the debounce timer calls
            view.table.viewport().repaint()
            elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            per_text.setdefault(text or "(empty)", []).append(elapsed)
            totals[text] = view.model.total
    total = view.model.total
    window.close()
    store.close()
    median = statistics.median(timings)
    return {
        "median_ms": round(median, 1),
        "p90_ms": round(sorted(timings)[int(0.9 * (len(timings) - 1))], 1),
        "max_ms": round(max(timings), 1),
        "debounce_ms": SEARCH_DELAY_MS,
        "patients": total,
        "matches": {k or "(empty)": v for k, v in totals.items()},
        "median_ms_per_text": {k: round(statistics.median(v), 1) for k, v in per_text.items()},
        "keystrokes": len(timings),
        "budget_ms": SEARCH_MS,
        "passed": median < SEARCH_MS,
    }


def _child_memory(url: str) -> dict[str, Any]:
    """Peak resident memory of a session: window, a case, list scrolled to the end, searches."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from netboard.db.store import Store
    from netboard.ui.app import build_main_window
    from netboard.ui.context import build_context

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = Store.open(url, user="benchmark")
    ini = str(Path(tempfile.mkdtemp()) / "settings.ini")
    context = build_context(store, settings=QSettings(ini, QSettings.Format.IniFormat))
    window = build_main_window(context)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    big = busiest_patients(_path_of(url), 1)[0][0]
    window.open_case(big)
    app.processEvents()
    table = window.patient_list.table
    table.scrollToBottom()
    app.processEvents()
    for text in ("a", "br", "demo-0001", ""):
        window.patient_list.search.setText(text)
        window.patient_list.apply_search()
        app.processEvents()
    cached = window.patient_list.model.cached_rows()
    window.close()
    store.close()
    peak_mb, source = own_peak_mb()
    return {
        "peak_mb": round(peak_mb, 1),
        "measured_by": source,
        "cached_list_rows": cached,
        "budget_mb": PEAK_MB,
        "passed": peak_mb < PEAK_MB,
    }


def own_peak_mb() -> tuple[float, str]:
    """This process's own peak resident memory in MB, and how it was measured.

    ``VmHWM`` from /proc/self/status belongs to this process's address space, which exec made
    new. ``ru_maxrss`` is not: Linux carries the parent's peak over a fork + exec, so a child of a
    benchmark that had just built a 1.4 GB cache reported that instead of its own ~200 MB.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024, "VmHWM"
    except OSError:
        pass
    import resource  # not Linux: the best there is (macOS reports bytes)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024), "ru_maxrss"


_CHILDREN = {"open_case": _child_open_case, "search": _child_search, "memory": _child_memory}


def _run_child(name: str, url: str) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_ui", "--child", name, url],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=ROOT,
        timeout=1800,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
            return result
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    raise RuntimeError(f"{name} benchmark failed: {tail}")


PARTS = ("cold_start", "open_case", "search", "memory")


def run(
    cache: Path | None = None,
    *,
    start_patients: int = START_PATIENTS,
    large_patients: int = LARGE_PATIENTS,
    parts: tuple[str, ...] = PARTS,
) -> dict[str, Any]:
    """The measurements named in ``parts`` (all four by default); ``cache`` is where
    benchmarks.data keeps the demo databases."""
    if cache is not None:
        os.environ.setdefault("NETBOARD_BENCH_CACHE", str(cache))
    from benchmarks.data import demo_db

    start_url = demo_db(start_patients)
    large_url = demo_db(large_patients) if {"search", "memory"} & set(parts) else ""
    measure = {
        "cold_start": lambda: {"patients": start_patients, **cold_start(start_url)},
        "open_case": lambda: {"patients": start_patients, **_run_child("open_case", start_url)},
        "search": lambda: {"patients": large_patients, **_run_child("search", large_url)},
        "memory": lambda: {"patients": large_patients, **_run_child("memory", large_url)},
    }
    result: dict[str, Any] = {
        "name": "ui",
        "what": "window targets of issues 4 and 11 (offscreen Qt, fresh processes)",
        **{part: measure[part]() for part in PARTS if part in parts},
    }
    result["passed"] = all(
        part["passed"] for key, part in result.items() if isinstance(part, dict) and key != "name"
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_ui", description=__doc__)
    parser.add_argument("--child", choices=sorted(_CHILDREN))
    parser.add_argument("url", nargs="?")
    parser.add_argument("--sizes", default=f"{START_PATIENTS},{LARGE_PATIENTS}")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="which measurements, e.g. cold_start,open_case (default: all)")
    args = parser.parse_args(argv)
    if args.child:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print("RESULT " + json.dumps(_CHILDREN[args.child](args.url)), flush=True)
        return 0
    start, large = (int(n) for n in args.sizes.split(","))
    parts = tuple(p for p in args.parts.split(",") if p)
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))} (one of {', '.join(PARTS)})")
    print(json.dumps(run(start_patients=start, large_patients=large, parts=parts), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
