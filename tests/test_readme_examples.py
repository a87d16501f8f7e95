"""The README's "Example PDFs" section links every example PDF with a line saying what it shows
(issue 12: the section held only a placeholder comment)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_every_example_pdf_is_linked_with_a_line_on_it() -> None:
    section = _section((ROOT / "README.md").read_text(encoding="utf-8"), "Example PDFs")
    pdfs = sorted(p.name for p in (ROOT / "docs" / "examples").glob("*.pdf"))
    assert pdfs, "no example PDFs in docs/examples"
    for name in pdfs:
        link = rf"\[[^\]]+\]\(docs/examples/{re.escape(name)}\)"
        line = re.search(link + r":\s+(\w+\W+){4}", section)  # a few words on what it shows
        assert line is not None, f"{name}: not linked with a line in the README's Example PDFs"
    assert "<!--" not in section  # no placeholder left
