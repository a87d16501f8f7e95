"""Launcher: ``python main.py`` is the same as ``netboard`` (see ``netboard/cli.py``)."""

from __future__ import annotations

import sys

from netboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
