"""Session-wide test settings: Qt runs offscreen, before any QApplication exists."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
# Tests never touch the user's real data directory or settings: a session-wide safety net under
# the per-test folders that the tests choose themselves.
os.environ.setdefault("NETBOARD_USER", "test-user")
os.environ.setdefault("NETBOARD_DATA_DIR", tempfile.mkdtemp(prefix="netboard-test-data-"))
# Tests never read or write the user's real keyring: keyring's own null backend (configured, not
# mocked); tests of the keyring path install an in-memory backend (tests/keyring_memory.py).
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
os.environ.pop("NETBOARD_PASSPHRASE", None)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from keyring_memory import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """keyring's API with an in-memory backend installed for the test (the entries are its
    ``entries``); the null backend is back afterwards."""
    import keyring

    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)
