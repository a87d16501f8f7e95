"""The emit work-around: emitting from Python must not drain references to True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import netboard.ui  # noqa: F401 - importing the package applies the work-around


class _Emitter(QObject):
    bare = Signal()
    text = Signal(str)


def test_emitting_keeps_true_alive(qapp) -> None:
    emitter = _Emitter()
    received: list[str] = []
    emitter.text.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(2000):
        emitter.bare.emit()
        emitter.text.emit(str(n))
    assert sys.getrefcount(True) >= before - 5
    assert len(received) == 2000 and received[-1] == "1999"
