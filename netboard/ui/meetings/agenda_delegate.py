"""Cell editors of the agenda table: a combo box of vocabulary members for triage and timing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from netboard.ui.meetings import agenda_model as am

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of vocabulary members for the triage and timing cells."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        choices = index.data(am.ChoiceRole)
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for member in choices:
            combo.addItem(member.label, member)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(0, found))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            choices = index.data(am.ChoiceRole) or []
            value = editor.currentData()
            member = next((m for m in choices if m.value == value), value)
            model.setData(index, member, Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
