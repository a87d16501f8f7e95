"""The body of a record form: its fields in one column, or two side by side when one column
would be taller than the screen, inside a scroll area kept as a last resort; and the size the
form opens at (all of it, as far as the screen allows)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from netboard.ui.dialogs.fields import Field
from netboard.ui.form_layout import add_row, form_layout, narrow_combos

FRAME_ROOM = 150
"""Height a form's title bar, margins, banner and buttons take beside its fields."""

MIN_WIDTH = 560


def split_columns(fields: Sequence[Field], room: int) -> list[list[Field]]:
    """One column when it fits in ``room`` pixels of height, else two of about equal height."""
    heights = [f.sizeHint().height() + 6 for f in fields]
    total = sum(heights)
    if total <= room or len(fields) < 2:
        return [list(fields)]
    running, cut = 0, len(fields)
    for index, height in enumerate(heights):
        running += height
        if running >= total / 2:
            cut = index + 1
            break
    return [list(fields[:cut]), list(fields[cut:])]


def form_body(columns: Sequence[Sequence[Field]]) -> QScrollArea:
    inner = QWidget()
    inner.setObjectName("formBody")
    row = QHBoxLayout(inner)
    row.setContentsMargins(4, 4, 4, 4)
    row.setSpacing(24)
    for column in columns:
        form = form_layout()
        for field in column:
            narrow_combos(field)
            add_row(form, field.label, field)
        stack = QVBoxLayout()
        stack.addLayout(form)
        stack.addStretch(1)  # extra height below the last row, not between the rows
        row.addLayout(stack, 1)
    scroll = QScrollArea()
    scroll.setObjectName("formScroll")
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the form opens with the keys in its first field
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    return scroll


def default_size(body: QScrollArea, room: QRect) -> QSize:
    """All of the body if the screen has room for it, else as much as the screen has."""
    inner = body.widget()
    hint = inner.sizeHint() if inner is not None else QSize(MIN_WIDTH, 300)
    layout = inner.layout() if inner is not None else None
    columns = layout.count() if layout is not None else 1
    wanted = hint.width() + 40 + columns * _combo_shortfall(inner)
    width = min(max(MIN_WIDTH, wanted), room.width() - 40)
    height = min(hint.height() + FRAME_ROOM - 40, room.height() - 60)
    return QSize(width, max(240, height))


def _combo_shortfall(inner: QWidget | None) -> int:
    """How much wider the widest combo would need to be to show its longest entry whole."""
    shortfall = 0
    for combo in inner.findChildren(QComboBox) if inner is not None else []:
        texts = [combo.itemText(i) for i in range(combo.count())]
        longest = max((combo.fontMetrics().horizontalAdvance(t) for t in texts), default=0)
        shortfall = max(shortfall, longest + 40 - combo.sizeHint().width())
    return min(shortfall, 400)
