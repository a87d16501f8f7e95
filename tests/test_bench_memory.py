"""``make bench``'s memory figure is the measured process's own peak, not its parent's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

PARENT = """
import subprocess, sys
ballast = bytearray(400 * 1024 * 1024)
for i in range(0, len(ballast), 4096):
    ballast[i] = 1  # really resident: the parent peaks above 400 MB
child = "from benchmarks.bench_ui import own_peak_mb; print(own_peak_mb()[0], own_peak_mb()[1])"
print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                     check=True).stdout)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_a_child_reports_its_own_peak_not_the_parents() -> None:
    out = subprocess.run([sys.executable, "-c", PARENT], capture_output=True, text=True,
                         cwd=ROOT, check=True, timeout=120).stdout.split()  # fmt: skip
    peak_mb, source = float(out[0]), out[1]
    assert source == "VmHWM"
    assert 1 < peak_mb < 200, f"the child (a bare interpreter) reported {peak_mb} MB"
