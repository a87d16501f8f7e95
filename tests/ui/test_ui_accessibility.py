"""Every interactive control reaches a screen reader with a name (and its tooltip as description).

The oracle is Qt's accessibility interface (what assistive technology reads), not the
accessibleName property the namer sets: a button named by its text passes without help.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from netboard.ui.accessibility import (
    AccessibleNamer,
    install_accessible_names,
    is_interactive,
    spoken_description,
    spoken_name,
)


@pytest.fixture
def namer(qapp) -> Iterator[AccessibleNamer]:  # type: ignore[no-untyped-def]
    installed = install_accessible_names(qapp)
    yield installed
    qapp.removeEventFilter(installed)
    installed.setParent(None)  # gone from findChild at once (deleteLater would lag)


def _controls(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if is_interactive(w) and w.isVisible()]


def _unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__}"
            for w in _controls(root) if not spoken_name(w)]


def _walk_every_tab(root: QWidget) -> tuple[set[QWidget], list[str]]:
    """Show each tab page in turn; the controls seen and the unnamed ones among them."""
    seen: set[QWidget] = set(_controls(root))
    unnamed = set(_unnamed(root))
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisible():
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                seen.update(_controls(root))
                unnamed.update(_unnamed(root))
    return seen, sorted(unnamed)


def test_every_control_of_the_window_and_a_case_has_a_name(  # type: ignore[no-untyped-def]
    qtbot, namer, ui_context, ui_ids
):
    from netboard.ui.app import build_main_window

    window = build_main_window(ui_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_case(ui_ids.alpha)
    controls, unnamed = _walk_every_tab(window)
    assert len(controls) > 30  # the walk really reached the window's controls
    assert unnamed == []
    with_tips = [w for w in controls if w.toolTip().strip()]
    assert with_tips and all(spoken_description(w) for w in with_tips)
    window.close()


def test_the_patient_form_has_names_for_every_field(  # type: ignore[no-untyped-def]
    qtbot, namer, main_window, ui_ids
):
    from PySide6.QtWidgets import QDialog

    main_window.edit_patient(ui_ids.alpha)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in main_window.findChildren(QDialog)))
    dialog = next(d for d in main_window.findChildren(QDialog) if d.isVisible())
    assert len(_controls(dialog)) > 5
    assert _unnamed(dialog) == []
    dialog.reject()


def test_without_the_namer_some_controls_would_be_silent(qtbot, ui_context) -> None:  # type: ignore[no-untyped-def]
    """The check can fail: the plain window has unnamed controls (search field, filters)."""
    from netboard.ui.app import build_main_window

    window = build_main_window(ui_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert _unnamed(window)
    window.close()
