"""The PySide6 window: the only package that imports Qt."""

from netboard.ui import qt_fixes

qt_fixes.install()
