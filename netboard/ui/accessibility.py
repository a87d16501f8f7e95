"""Names and descriptions for screen readers, given to every control in one place.

Qt already names a button by its text and a field by its buddy label. Everything else (a search
field with only a placeholder, a filter combo box, a table, an icon button, a field placed in a
form layout without a buddy) would reach a screen reader unnamed. Rather than asking every screen
to set names by hand, an application-wide event filter names each interactive control the first
time it is shown, from what a sighted user sees: its form label or buddy, its placeholder, its
tooltip, its object name. The tooltip (or status tip) also becomes the accessible description.
Names a screen sets itself are never overwritten.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE: tuple[type[QWidget], ...] = (
    QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
    QPlainTextEdit, QAbstractSlider, QTabBar,
)
_TAGS = re.compile(r"<[^>]+>")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def is_interactive(widget: QObject) -> bool:
    return isinstance(widget, INTERACTIVE)


def spoken_name(widget: QWidget) -> str:
    """The name assistive technology gets for ``widget`` (Qt's own rules, then ours)."""
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None else ""


def spoken_description(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Description).strip() if iface is not None else ""


def describe(widget: QWidget) -> None:
    """Give ``widget`` a name and a description if it has none."""
    if not widget.accessibleName() and not spoken_name(widget):
        name = visible_label(widget)
        if name:
            widget.setAccessibleName(name)
    elif isinstance(widget, QComboBox) and not widget.accessibleName():
        # Qt names a combo box by its current choice ("All sites"); a label says what it picks.
        label = _form_label(widget) or _buddy_label(widget) or _plain(widget.toolTip())
        if label:
            widget.setAccessibleName(label)
    if not widget.accessibleDescription():
        tip = _plain(widget.toolTip() or widget.statusTip() or widget.whatsThis())
        if tip and tip != widget.accessibleName():
            widget.setAccessibleDescription(tip)


def visible_label(widget: QWidget) -> str:
    """What a sighted user reads as this control's name."""
    for candidate in (
        _inner_part_of(widget),
        _button_text(widget),
        _form_label(widget),
        _buddy_label(widget),
        widget.placeholderText() if isinstance(widget, QLineEdit) else "",
        _plain(widget.toolTip()),
        _plain(widget.statusTip()),
        _combo_placeholder(widget),
        _from_object_name(widget.objectName()),
        _kind(widget),
    ):
        if candidate and candidate.strip():
            return candidate.strip()
    return ""


def _inner_part_of(widget: QWidget) -> str:
    """The line edit inside a spin box, date edit or editable combo box speaks for its owner."""
    owner = widget.parentWidget()
    if isinstance(widget, QLineEdit) and isinstance(owner, QAbstractSpinBox | QComboBox):
        return owner.accessibleName() or spoken_name(owner) or visible_label(owner)
    return ""


def _plain(text: str) -> str:
    return " ".join(_TAGS.sub(" ", text).split())


def _button_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return ""


def _form_label(widget: QWidget) -> str:
    parent = widget.parentWidget()
    layout = parent.layout() if parent is not None else None
    while layout is not None:
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(widget)
            if isinstance(label, QLabel):
                return _plain(label.text()).rstrip(":").replace("&", "")
        break
    return ""


def _buddy_label(widget: QWidget) -> str:
    window = widget.window()
    for label in window.findChildren(QLabel):
        if label.buddy() is widget:
            return _plain(label.text()).rstrip(":").replace("&", "")
    return ""


def _combo_placeholder(widget: QWidget) -> str:
    return widget.placeholderText() if isinstance(widget, QComboBox) else ""


def _from_object_name(name: str) -> str:
    if not name or name.startswith("qt_"):
        return ""
    words = _CAMEL.sub(" ", name.replace("_", " ")).split()
    return " ".join(words).capitalize()


def _kind(widget: QWidget) -> str:
    for kind, word in ((QTabBar, "Tabs"), (QHeaderView, "Column headers"),
                       (QAbstractItemView, "List"),
                       (QAbstractSlider, "Scroll bar"), (QComboBox, "Choice")):
        if isinstance(widget, kind):
            return word
    return ""


class AccessibleNamer(QObject):
    """The application-wide filter: names each interactive control when it is first shown."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.ToolTipChange) and is_interactive(watched):
            assert isinstance(watched, QWidget)
            describe(watched)
        return False


def install_accessible_names(app: QApplication) -> AccessibleNamer:
    """Install the namer on ``app`` (once; later calls return the installed one)."""
    # Kept on the application object: findChild would wrap each of its children (the style,
    # the session manager) and create Python types for their enumerations at start-up.
    existing = getattr(app, "_netboard_accessible_namer", None)
    if isinstance(existing, AccessibleNamer) and existing.parent() is not None:
        app.installEventFilter(existing)  # no duplicate: an installed filter only moves first
        return existing
    namer = AccessibleNamer(app)
    app.installEventFilter(namer)
    setattr(app, "_netboard_accessible_namer", namer)  # noqa: B010 - a Qt object's attribute
    return namer
