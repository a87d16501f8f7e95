"""The pinned Qt binding keeps Python's reference counts intact.

PySide6 6.12.0 on Python 3.11 dropped a reference to ``True`` on every signal emit, which aborts
the interpreter ("bool_dealloc") after enough hover events; 6.11.3 is pinned because it does not.
This test guards any future upgrade of the pin.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()
    value = Signal(object)


def test_emitting_signals_keeps_reference_counts() -> None:
    probe = _Probe()
    seen: list[object] = []
    probe.value.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(500):
        probe.ping.emit()
        probe.value.emit(True)
    assert len(seen) == 500
    assert sys.getrefcount(True) >= before
