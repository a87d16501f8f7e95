"""One way to lay out a form's labels and fields, used by every form and dialog.

Each label sits right-aligned just left of its field and level with the field's first line, the
fields take the width left, and extra height goes below the last row (never between a label and
its field). A record form's combo boxes (``narrow_combos``) do not widen it past the screen to
their longest entry (a long tumor description gave the pathology form a sideways scrollbar).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QSizePolicy, QWidget

LABEL_GAP = 10
"""Pixels between a label's right edge and its field."""
ROW_GAP = 8
"""Pixels between one row and the next."""

COMBO_CHARACTERS = 18
"""A combo box asks for room for this many characters; the form then gives it the width left."""


def form_layout(parent: QWidget | None = None) -> QFormLayout:
    form = QFormLayout(parent) if parent is not None else QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    form.setHorizontalSpacing(LABEL_GAP)
    form.setVerticalSpacing(ROW_GAP)
    return form


def row_label(text: str) -> QLabel:
    """A label level with the first line of a field beside it (a line edit's text baseline)."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    label.setContentsMargins(0, 4, 0, 0)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    return label


def add_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """A labelled row; the field keeps to its own height."""
    label = row_label(text)
    label.setBuddy(field)
    keep_height(field)
    form.addRow(label, field)
    return label


def keep_height(field: QWidget) -> None:
    """The row is as tall as the field needs: extra height is not spread into it (which left the
    label at the top and the box centred far below it)."""
    policy = field.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Maximum)
    field.setSizePolicy(policy)


def narrow_combos(field: QWidget) -> None:
    """Combos in ``field`` ask for room for ``COMBO_CHARACTERS`` only (the form that holds them
    then sizes itself to show their longest entry where the screen allows)."""
    for combo in ([field] if isinstance(field, QComboBox) else field.findChildren(QComboBox)):
        combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        combo.setMinimumContentsLength(COMBO_CHARACTERS)
