"""The wheel carries everything NETboard needs: built, installed outside the checkout, and run.

The wheel is built from a copy of the sources (the checkout stays clean), installed without
dependencies into a new virtualenv in a temporary folder, and run from there. The pinned
third-party packages come from the test environment's site-packages through a plain ``.pth`` line;
the test's own editable NETboard is not visible there (its finder hook is not processed), so the
program that runs is the installed wheel, which the test checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("netboard", "tools", "pyproject.toml", "README.md")
"""The build sees the developer tools beside the package, as in a checkout; they must stay out."""


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """A folder of this module's own: pytest prunes old basetemp folders when other test runs
    of the same user start, which must not pull the virtualenv away while a program runs."""
    with tempfile.TemporaryDirectory(prefix="netboard-packaging-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module")
def wheel(scratch: Path) -> Path:
    src = scratch / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    out = scratch / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(src)],
        check=True, cwd=src,
    )
    (built,) = out.glob("netboard-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, scratch: Path) -> Path:
    """A new virtualenv with the wheel installed; returns its bin folder."""
    venv = scratch / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
         str(wheel)],
        check=True,
    )
    site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip())
    (site / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return venv / "bin"


def _run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(NETBOARD_DATA_DIR=str(cwd / "data"), QT_QPA_PLATFORM="offscreen",
               NETBOARD_USER="wheel-test", HOME=str(cwd))
    result = subprocess.run([str(bin_dir / args[0]), *args[1:]], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return result


def test_wheel_lists_the_catalog_fonts_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "netboard/resources/catalog.toml",
        "netboard/resources/fonts/DejaVuSans.ttf",
        "netboard/resources/fonts/DejaVuSans-Bold.ttf",
        "netboard/resources/fonts/DejaVuSans-Oblique.ttf",
        "netboard/resources/fonts/LICENSE-DejaVu.txt",
        "netboard/db/migrations/env.py",
        "netboard/db/migrations/versions/0001_initial_schema.py",
    ):
        assert needed in names, needed
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "netboard/resources").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert shipped <= names, shipped - names


def test_wheel_leaves_out_tools_and_test_data(wheel: Path) -> None:
    """Screenshot and example generators (tools/) and the test factories are not the product."""
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n == "netboard/cli.py" for n in names)
    assert not [n for n in names if n.startswith(("tools/", "tests/"))]
    tooling = ("screenshots", "examples.py", "samples.py", "factories")
    assert not [n for n in names if any(word in n for word in tooling)]


@pytest.mark.stress  # about 10 s; `make dist-test` also runs the built app outside the checkout
def test_installed_wheel_runs_outside_the_checkout(installed: Path, scratch: Path) -> None:
    tmp_path = scratch / "run"
    tmp_path.mkdir()
    where = _run(installed, tmp_path, "python", "-c",
                 "import netboard, netboard.resources as r; print(netboard.__file__); "
                 "print(r.resources_dir())").stdout.split()
    venv = installed.parent.resolve()
    assert all(Path(p).resolve().is_relative_to(venv) for p in where), where
    assert not any(Path(p).resolve().is_relative_to(ROOT) for p in where), where

    _run(installed, tmp_path, "netboard", "demo", "--patients", "12", "--today", "2026-11-27")
    _run(installed, tmp_path, "netboard", "--demo", "report", "handout", "DEMO-000001",
         "-o", "handout.pdf")
    reader = PdfReader(tmp_path / "handout.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "plan" in text.lower()
    fonts = {str(f.get("/BaseFont", "")) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert any(f.endswith("+DejaVuSans") for f in fonts), fonts  # the shipped font, embedded

    checked = _run(installed, tmp_path, "netboard", "--demo", "selfcheck", "-o", "check")
    assert "OK" in checked.stdout
    assert (tmp_path / "check" / "case-sheet.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "check" / "window.png").stat().st_size > 10_000
