"""Launcher: ``python main.py`` is the same as ``netboard`` (see ``netboard/cli.py``)."""

from __future__ import annotations

import multiprocessing
import sys

from netboard.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the demo's worker process in a frozen build (PyInstaller)
    sys.exit(main())
