"""The page around every report: running header, confidentiality footer, generation time and
"page X of Y"; and a safe write (a temporary file renamed into place, never half a PDF).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from netboard.domain.demo_data import DEMO_MARK
from netboard.reports.fonts import BOLD, REGULAR, register_fonts
from netboard.reports.scripts import draw_text
from netboard.reports.styles import MUTED, RULE

Progress = Callable[[int, int], None]
"""Called as progress(done, total) while a report builds (the window shows a progress bar)."""

DEFAULT_PROGRAM = "Neuroendocrine Tumor Program"
DEMO_RED = HexColor("#b00020")
MARGIN = 16 * mm
PAGE = A4


@dataclass(frozen=True, slots=True)
class Frame:
    """What every page of one document prints around its content."""

    header: str
    footer: str
    """The confidentiality line."""
    generated_at: datetime
    title: str
    author: str
    footer_size: float = 7.5
    reproducible: bool = False
    """Fixed creation date and document id, so the same input gives the same bytes."""
    demo: bool = False
    """Made from the demo's synthetic patients: every page says DEMO (header and watermark)."""


PRIVATE_FILE = 0o600
"""Mode of every PDF written: it holds patient data (owner only)."""


def ensure_writable(out: Path) -> Path:
    """The absolute output path, or ValueError naming why it cannot be written."""
    out = Path(out).expanduser().absolute()
    folder = out.parent
    if not folder.is_dir():
        raise ValueError(f"cannot write {out}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"cannot write {out}: folder {folder} is not writable")
    if out.exists() and (out.is_dir() or not os.access(out, os.W_OK)):
        raise ValueError(f"cannot write {out}: it exists and cannot be replaced")
    return out


def write_pdf(out: Path, story: Sequence[Flowable], frame: Frame) -> int:
    """Lay out ``story`` into ``out`` (A4) with the frame on every page; return the page count."""
    register_fonts()
    out = ensure_writable(out)
    # A fresh private name beside the target (patient data: 0600 whatever the umask), renamed
    # over the target only when complete.
    temp = out.with_name(f".{out.name}.{secrets.token_hex(6)}.tmp")
    pages: list[int] = []
    os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    try:
        os.chmod(temp, PRIVATE_FILE)
        doc = SimpleDocTemplate(
            str(temp),
            pagesize=PAGE,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 5 * mm,
            bottomMargin=MARGIN + 4 * mm,
            title=frame.title,
            invariant=1 if frame.reproducible else None,
            author=frame.author,
            creator="NETboard",
            subject=frame.header,
        )
        doc.build(list(story), canvasmaker=_canvas_maker(frame, pages))
        os.chmod(temp, PRIVATE_FILE)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return pages[0] if pages else 0


def write_report(
    out: Path, story: Sequence[Flowable], frame: Frame, progress: Progress | None, total: int
) -> Path:
    """A report's last step: write it (``write_pdf``), report ``total`` of ``total`` steps done
    and return the absolute path written."""
    written = Path(out).expanduser().absolute()
    write_pdf(written, story, frame)
    if progress:
        progress(total, total)
    return written


def _canvas_maker(frame: Frame, pages: list[int]) -> Callable[..., Canvas]:
    def make(*args: Any, **kwargs: Any) -> Canvas:
        return _FramedCanvas(*args, frame=frame, pages=pages, **kwargs)

    return make


class _FramedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
    """Holds each finished page back until the total is known, then prints 'page X of Y'."""

    def __init__(self, *args: Any, frame: Frame, pages: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._frame = frame
        self._page_count_out = pages
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        self._page_count_out.append(total)
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        frame = self._frame
        width, height = self._pagesize
        size = frame.footer_size
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        top = height - MARGIN
        self.setFillColor(MUTED)
        draw_text(self, MARGIN, top, frame.header, BOLD, size)
        self.line(MARGIN, top - 2.2 * mm, width - MARGIN, top - 2.2 * mm)
        bottom = MARGIN - 2 * mm
        self.line(MARGIN, bottom + size + 2.5 * mm, width - MARGIN, bottom + size + 2.5 * mm)
        draw_text(self, MARGIN, bottom + size * 1.1, frame.footer, REGULAR, size)
        self.setFont(REGULAR, size)
        generated = f"Generated {frame.generated_at:%d %b %Y %H:%M}".replace(" 0", " ")
        self.drawString(MARGIN, bottom, generated)
        self.setFont(BOLD, size)
        self.drawRightString(width - MARGIN, bottom, f"page {number} of {total}")
        self.restoreState()
        if frame.demo:
            self._demo_mark(width, height, top)

    def _demo_mark(self, width: float, height: float, top: float) -> None:
        """'DEMO' across the page, faint behind nothing (drawn last, so see-through), and the
        words in red at the top right, so no page of demo data passes for a patient's."""
        self.saveState()
        self.setFillColor(DEMO_RED)
        self.setFont(BOLD, self._frame.footer_size + 1)
        self.drawRightString(width - MARGIN, top + 4 * mm, DEMO_MARK)  # above the running head
        self.setFillAlpha(0.07)
        self.translate(width / 2, height / 2)
        self.rotate(40)
        self.setFont(BOLD, 150)
        self.drawCentredString(0, -50, "DEMO")
        self.restoreState()
