"""Start-up stays light: the main window over an existing database, meetings part included, is
built without matplotlib, reportlab, numpy or alembic. They load when a case, a presentation, a
report or a schema upgrade needs them (issue 4: cold start under 1.5 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from netboard.db.store import Store
from tests.ui.conftest import USER, build_ui_db

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "reportlab", "numpy", "alembic")

_START = """
import os, sys, tempfile
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from netboard.db.store import Store
from netboard.ui.app import apply_style, build_main_window
from netboard.ui.context import build_context
app = QApplication(sys.argv[:1])
apply_style(app)
store = Store.open(sys.argv[1], user="dr-ui-test")
ini = os.path.join(tempfile.mkdtemp(), "settings.ini")
context = build_context(store, settings=QSettings(ini, QSettings.Format.IniFormat))
window = build_main_window(context)
window.show()
app.processEvents()
print("MEETINGS", "yes" if "netboard.ui.meetings.controller" in sys.modules else "no")
print("PATIENTS", window.patient_list.model.total)
if len(sys.argv) > 2:
    window.open_case(sys.argv[2])
    app.processEvents()
tops = {name.split(".")[0] for name in sys.modules}
print("LOADED", ",".join(sorted(tops & set(sys.argv[3:] or HEAVY_NAMES))) or "-")
window.close()
store.close()
""".replace("HEAVY_NAMES", repr(HEAVY))


def _start(url: str, *extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    out = subprocess.run(
        [sys.executable, "-c", _START, url, *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


def _database(tmp_path: Path) -> tuple[str, str]:
    url = f"sqlite:///{tmp_path / 'start.sqlite'}"
    with Store.open(url, user=USER) as store:
        ids = build_ui_db(store)
    return url, ids.alpha


def test_the_window_starts_without_the_heavy_libraries(tmp_path: Path) -> None:
    url, _alpha = _database(tmp_path)
    report = _start(url)
    assert report["MEETINGS"] == "yes"  # the meetings part was installed, and still nothing heavy
    assert int(report["PATIENTS"]) >= 4
    assert report["LOADED"] == "-"


def test_opening_a_case_loads_matplotlib(tmp_path: Path) -> None:
    url, alpha = _database(tmp_path)
    report = _start(url, alpha, "matplotlib")
    assert report["LOADED"] == "matplotlib"
