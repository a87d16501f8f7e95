"""The house rules that tools can check: ruff lint and mypy (strict on domain and db).

They run in the suite so `make test` on a clean clone catches a type error or a lint slip
as surely as a failing behaviour test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", "netboard", "tests", "benchmarks", "main.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    result = _run("mypy", "--cache-dir", str(tmp_path / "mypy"), "netboard")
    assert result.returncode == 0, result.stdout + result.stderr
