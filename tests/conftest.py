"""Session-wide test settings: Qt runs offscreen, before any QApplication exists."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Tests never touch the user's real data directory or settings: a session-wide safety net under
# the per-test folders that the tests choose themselves.
os.environ.setdefault("NETBOARD_USER", "test-user")
os.environ.setdefault("NETBOARD_DATA_DIR", tempfile.mkdtemp(prefix="netboard-test-data-"))
