"""Reading PDFs back in report tests: text per page, image XObjects, rendering (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

TODAY = date(2025, 11, 20)
"""The day the synthetic sample meeting takes place."""
GENERATED = datetime(2025, 11, 21, 9, 5)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    """Every page's text and the metadata, whitespace collapsed (wrapped lines read as one)."""
    reader = PdfReader(path)
    meta = reader.metadata or {}
    parts = [page.extract_text() or "" for page in reader.pages]
    parts += [str(v) for v in meta.values()]
    return " ".join(" ".join(parts).split())


def image_xobjects(path: Path) -> int:
    """How many /Image XObjects the pages use, looking inside form XObjects too."""
    found = 0
    seen: set[int] = set()

    def walk(resources: Any) -> None:
        nonlocal found
        if isinstance(resources, IndirectObject):
            resources = resources.get_object()
        if not isinstance(resources, DictionaryObject):
            return
        xobjects = resources.get("/XObject")
        if xobjects is None:
            return
        for ref in xobjects.get_object().values():
            key = id(ref.get_object())
            if key in seen:
                continue
            seen.add(key)
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found += 1
            elif obj.get("/Subtype") == "/Form":
                walk(obj.get("/Resources"))

    for page in PdfReader(path).pages:
        walk(page.get("/Resources"))
    return found


def font_sizes(path: Path, page: int = 0) -> list[tuple[str, float]]:
    """(text, font size in points) for each text run on a page."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), float(size) * abs(float(tm[3])) * abs(float(cm[3]))))

    PdfReader(path).pages[page].extract_text(visitor_text=visit)
    return runs


def render_all(path: Path, out_dir: Path, dpi: int = 40) -> list[Path]:
    """Render every page to PNG with pdftoppm (skips the test when poppler is missing)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed; CI installs it")
    result = subprocess.run(
        [tool, "-png", "-r", str(dpi), str(path), str(out_dir / "page")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stderr, result.stderr
    return sorted(out_dir.glob("page-*.png"))
