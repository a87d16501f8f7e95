"""SIGKILL during writes and WAL checkpoints (issue 13): after every one of at least 30 kills the
file opens in NETboard, holds every acknowledged write and passes ``integrity_check``.

The harness (crash_harness.py) runs in its own process and forks the writers, so each kill costs
no interpreter start. ``NETBOARD_CRASH_KILLS`` changes the number of kills (default 32).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KILLS = int(os.environ.get("NETBOARD_CRASH_KILLS", "32"))
HARNESS = Path(__file__).with_name("crash_harness.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.crash
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks its writers (POSIX)")
def test_sigkill_during_writes_and_checkpoints_loses_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETBOARD_")}
    result = subprocess.run(
        [sys.executable, str(HARNESS), str(tmp_path / "crash.db"), str(KILLS), "13"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=400, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    tally = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"\ncrash test: {tally}")
    assert tally["kills"] == KILLS >= 30
    assert tally["during_checkpoint"] >= 5
    assert tally["acknowledged"] > KILLS
    assert tally["failures"] == []
