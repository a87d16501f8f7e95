"""Presentation mode on a second monitor: the slides go to the screen the chair's window is not
on. Qt's offscreen platform can simulate two screens (a JSON config), so this runs in a child
process with its own QApplication."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCREENS = {
    "screens": [
        {"name": "chair-laptop", "x": 0, "y": 0, "width": 1600, "height": 900,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "projector", "x": 1600, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]
}  # fmt: skip

CHILD = r"""
import json, sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

app = QApplication([])
from netboard.db import operations as ops
from netboard.db.store import Store
from netboard.domain.vocab import Histology, PatientStatus, PrimarySite, Sex
from netboard.ui.app import build_main_window
from netboard.ui.context import build_context

tmp = Path(sys.argv[1])
store = Store.open(f"sqlite:///{tmp / 'screens.sqlite'}", user="dr-screens")
patient = ops.create(store, "patient", {"mrn": "SCR-1", "family_name": "Screenwell",
    "given_name": "Ivo", "birth_date": date(1966, 2, 2), "sex": Sex.MALE,
    "status": PatientStatus.ACTIVE})
ops.create(store, "tumor", {"patient_id": patient, "primary_site": PrimarySite.RECTUM,
    "histology": Histology.NET, "diagnosis_date": date(2022, 1, 1)})
meeting = ops.create(store, "meeting", {"starts_at": datetime.now(UTC) + timedelta(days=1),
    "title": "Board"})
ops.add_to_agenda(store, meeting, patient, question="Surveillance interval?")
context = build_context(store, settings=QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
window = build_main_window(context)
result = {}
for chair in ("chair-laptop", "projector"):
    screens = {s.name(): s for s in QGuiApplication.screens()}
    window.setScreen(screens[chair])
    window.setGeometry(screens[chair].availableGeometry().adjusted(20, 20, -20, -20))
    window.show()
    app.processEvents()
    window.meetings.open_meeting(meeting)
    slides = window.meetings.workspace.present()
    app.processEvents()
    result[chair] = {
        "main": window.screen().name(),
        "slides": slides.screen().name(),
        "geometry": list(slides.geometry().getRect()),
        "full_screen": slides.isFullScreen(),
        "body_px": slides.scale.body,
    }
    slides.close()
    app.processEvents()
window.close()
store.close()
print(json.dumps(result))
"""


def test_slides_go_to_the_screen_the_chair_is_not_on(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        env=env, cwd=root, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    laptop, projector = result["chair-laptop"], result["projector"]
    assert (laptop["main"], laptop["slides"]) == ("chair-laptop", "projector")
    assert laptop["geometry"] == [1600, 0, 1920, 1080] and laptop["full_screen"]
    assert laptop["body_px"] == 27  # type sized for the projector's 1080 lines
    assert (projector["main"], projector["slides"]) == ("projector", "chair-laptop")
    assert projector["geometry"] == [0, 0, 1600, 900]
