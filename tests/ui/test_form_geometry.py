"""Every entry form, at the size it opens at, shows every field whole with its label right beside
it, on a 1366x768 laptop and on a 1920x1080 screen (issue 12: the pathology form was too narrow,
with fields cut off and a sideways scrollbar; labels floated ~120 px from their boxes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_screen_fit import probe

LABEL_GAP_MAX = 16
"""Pixels at most between a label's right edge and its field."""
LABEL_DROP_MAX = 6
"""Pixels at most between a label's top and its input's top."""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_every_form_shows_every_field_whole_beside_its_label(
    tmp_path: Path, width: int, height: int
) -> None:
    seen = probe(tmp_path, width, height, script="form_geometry_probe.py")
    assert seen["screen"] == [width, height]
    forms = seen["forms"]
    assert set(forms) >= {"pathology", "therapy", "new patient", "plan course"}
    problems = []
    for name, form in forms.items():  # type: ignore[union-attr]
        if not form["inside"]:
            problems.append(f"{name}: off the screen {form['size']}")
        if form["scrolls"]:
            problems.append(f"{name}: needs scrolling at {form['size']}")
        assert len(form["rows"]) >= 2, name
        for label, row in form["rows"].items():
            if not row["whole"]:
                problems.append(f"{name}/{label}: cut off")
            if not 0 <= row["across"] <= LABEL_GAP_MAX:
                problems.append(f"{name}/{label}: {row['across']} px across to its field")
            if row["down"] > LABEL_DROP_MAX:
                problems.append(f"{name}/{label}: {row['down']} px above its field")
    assert problems == [], f"at {width}x{height}: {problems}"
