"""Small flowables shared by the reports: the timeline chart, label/value tables, bullet lists."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from matplotlib.figure import Figure
from reportlab.graphics.shapes import Drawing
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table

from netboard.charts.timeline_figure import draw_timeline, figure_height
from netboard.domain.timeline import Timeline
from netboard.reports.case_text import esc
from netboard.reports.document import MARGIN, PAGE
from netboard.reports.styles import Styles
from netboard.reports.vector import figure_to_drawing

CONTENT_WIDTH = PAGE[0] - 2 * MARGIN
_local = threading.local()


def timeline_chart(
    timeline: Timeline,
    *,
    width: float = CONTENT_WIDTH,
    privacy_label: str | None = None,
    today_label: str = "Today",
    engine: str = "direct",
) -> Drawing:
    """The case timeline as a vector drawing ``width`` points wide: the screen chart on paper."""
    figure = _figure_for_this_thread()
    figure.set_size_inches(width / 72, figure_height(timeline, "paper"))
    draw_timeline(
        figure, timeline, style="paper", privacy_label=privacy_label, today_label=today_label
    )
    return figure_to_drawing(figure, engine=engine)


def _figure_for_this_thread() -> Figure:
    """One Figure per thread, reused chart after chart (``draw_timeline`` reuses its axes)."""
    figure: Figure | None = getattr(_local, "figure", None)
    if figure is None:
        figure = Figure()
        _local.figure = figure
    return figure


def label_table(
    rows: Sequence[tuple[str, str]], styles: Styles, *, label_width: float = 95
) -> Table:
    """Two columns: a bold label and its (escaped, multi-line) text."""
    data = [
        [Paragraph(esc(label), styles.cell_bold), Paragraph(esc(text), styles.cell)]
        for label, text in rows
    ]
    table = Table(
        data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT", splitInRow=1
    )
    table.setStyle(styles.table(header=False))
    return table


def grid(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: Styles,
    widths: Sequence[float],
) -> Table:
    """A table with a shaded header row; cells are escaped text that wraps."""
    data = [[Paragraph(esc(h), styles.cell_bold) for h in header]]
    data += [[Paragraph(esc(cell), styles.cell) for cell in row] for row in rows]
    scale = CONTENT_WIDTH / sum(widths)
    table = Table(
        data, colWidths=[w * scale for w in widths], hAlign="LEFT", repeatRows=1, splitInRow=1
    )
    table.setStyle(styles.table(header=True))
    return table


def bullets(items: Sequence[str], styles: Styles, *, markup: bool = False) -> list[Flowable]:
    """One paragraph per item with a bullet; ``markup`` items are already escaped markup."""
    return [
        Paragraph(item if markup else esc(item), styles.bullet, bulletText="\u2022")
        for item in items
    ]


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain (escaped) text."""
    return Paragraph(esc(text), style)
