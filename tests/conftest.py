"""Session-wide test settings: Qt runs offscreen, before any QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Tests never touch the user's real data directory or settings.
os.environ.setdefault("NETBOARD_USER", "test-user")
