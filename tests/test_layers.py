"""The layer rules of the house (pyproject.toml [tool.importlinter]) hold: import-linter passes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports() -> str:
    beside_python = Path(sys.executable).with_name("lint-imports")
    found = str(beside_python) if beside_python.exists() else shutil.which("lint-imports")
    assert found, "lint-imports not found: install the test extras (pip install -e '.[test]')"
    return found


def test_import_contracts_are_kept() -> None:
    result = subprocess.run(
        [_lint_imports(), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"import-linter found broken layer rules:\n{output}"
    assert "broken" not in output.lower().replace("0 broken", "")
    assert "Contracts: " in output and " kept" in output


def test_a_broken_rule_would_be_reported(tmp_path: Path) -> None:
    """The check above can fail: a contract the code breaks on purpose is reported as broken."""
    config = tmp_path / "broken.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "netboard"\ninclude_external_packages = true\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "db without sqlalchemy (false on purpose)"\ntype = "forbidden"\n'
        'source_modules = ["netboard.db"]\nforbidden_modules = ["sqlalchemy"]\n'
    )
    result = subprocess.run(
        [_lint_imports(), "--no-cache", "--config", str(config)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "BROKEN" in result.stdout and "netboard.db" in result.stdout


WINDOW_MAY_USE = {"queries", "operations", "errors", "store", "store_files", "cipher"}
"""The db modules the window imports: reads, writes, the errors they raise, and the store itself
(open, close, back up, restore a file, the passphrase of an encrypted one). Every other db module
is forbidden to netboard.ui."""


def test_the_window_contract_names_every_other_db_module() -> None:
    """A db module added later is forbidden to the window too, or this test says which to add."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (window,) = [c for c in contracts if c["name"].startswith("the window reaches the database")]
    forbidden = {name.removeprefix("netboard.db.") for name in window["forbidden_modules"]}
    db = ROOT / "netboard" / "db"
    modules = {p.stem for p in db.glob("*.py") if p.stem != "__init__"}
    modules |= {p.name for p in db.iterdir() if (p / "__init__.py").exists()}
    assert WINDOW_MAY_USE <= modules
    assert modules - WINDOW_MAY_USE == forbidden
