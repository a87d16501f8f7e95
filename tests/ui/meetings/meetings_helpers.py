"""Helpers for the meeting window tests: find widgets, read texts, wait for saves."""

from __future__ import annotations

from collections.abc import Iterable

from privacy_oracle import leaks, visible
from PySide6.QtWidgets import QWidget

from netboard.domain.snapshot import Patient


def leaked_identifiers(
    texts: Iterable[str], patients: Iterable[Patient], staff: Iterable[str] = ()
) -> list[str]:
    """Identifiers of ``patients`` readable in ``texts`` (the independent oracle's reading)."""
    return leaks(visible(texts, staff), patients)


def widget_texts(root: QWidget) -> list[str]:
    """text() / toolTip() / windowTitle() of ``root`` and every child widget."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        for getter in ("text", "toolTip", "windowTitle", "placeholderText", "toPlainText"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str) and value:
                    found.append(value)
    return found


class FakeClock:
    """A monotonic clock the test moves by hand (the case timer reads it)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
