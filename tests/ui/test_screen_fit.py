"""The window fits the screen it opens on, and every widget the chair needs during a meeting is
fully visible, on a 1366x768 laptop and on the board's 1920x1080 screen (issue 12).

Each size runs ``screen_fit_probe.py`` in its own process on an offscreen screen of exactly that
size (Qt's offscreen platform takes the screen from a JSON file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def probe(tmp_path: Path, width: int, height: int, *args: str,
          script: str = "screen_fit_probe.py") -> dict[str, object]:
    config = tmp_path / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{
        "name": "probe", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["NETBOARD_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run([sys.executable, str(HERE / script), *args],
                            capture_output=True, text=True, env=env, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1920, 1080)])
def test_window_and_meeting_fit_the_screen(tmp_path: Path, width: int, height: int) -> None:
    seen = probe(tmp_path, width, height)
    assert seen["screen"] == [width, height]
    assert seen["window_inside"], seen["window"]
    hidden = [name for name, ok in seen["visible"].items() if not ok]  # type: ignore[union-attr]
    assert not hidden, f"cut off at {width}x{height}: {hidden}"


def test_a_size_remembered_on_a_bigger_screen_is_brought_inside(tmp_path: Path) -> None:
    seen = probe(tmp_path, 1366, 768, "remembered-too-big")
    assert seen["window_inside"], seen["window"]
