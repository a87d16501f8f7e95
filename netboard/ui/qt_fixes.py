"""Work-arounds for defects of the pinned Qt binding, applied once when ``netboard.ui`` loads.

PySide6 6.12.0 on Python 3.11: ``SignalInstance.emit()`` returns ``True`` without taking a new
reference, so every emit from Python drops one reference to ``True``. After some tens of
thousands of emits (hovering over the timeline emits on every move) the interpreter aborts with
"Fatal Python error: bool_dealloc". Python 3.12+ makes ``True`` immortal, which hides the defect.
The check below measures the leak and, only when it is present, wraps ``emit`` to give back the
missing reference. Remove this module once the pinned PySide6 no longer leaks.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

PROBES = 20


def emit_leaks_true() -> bool:
    """Whether emitting a signal from Python loses a reference to True (the 6.12.0 defect)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - PROBES


def install() -> bool:
    """Wrap ``SignalInstance.emit`` if it leaks; returns True when the work-around was applied."""
    from PySide6.QtCore import SignalInstance

    if getattr(SignalInstance.emit, "_netboard_fixed", False) or not emit_leaks_true():
        return False
    original = SignalInstance.emit
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None

    def emit(self: Any, *args: Any) -> Any:
        result = original(self, *args)
        if result is True or result is False:
            incref(result)  # the reference the binding forgot to take
        return result

    emit._netboard_fixed = True  # type: ignore[attr-defined]
    SignalInstance.emit = emit  # type: ignore[method-assign]
    return True
