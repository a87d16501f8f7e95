"""``python -m netboard``: the same as the ``netboard`` command."""

from __future__ import annotations

import sys

from netboard.cli import main

if __name__ == "__main__":  # guarded: the demo's worker process re-imports the main module
    sys.exit(main())
