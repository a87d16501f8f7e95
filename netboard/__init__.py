"""NETboard: a desktop case manager for neuroendocrine tumor boards.

Layers (import-linter keeps them, see docs/CONTRACTS.md): ``cli`` > ``ui`` > ``reports`` |
``interchange`` > ``demo`` > ``charts`` | ``db`` > ``domain``.
"""

from __future__ import annotations


def version() -> str:
    """The installed distribution's version ("0+unknown" in a source tree never installed)."""
    try:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as dist_version

        return dist_version("netboard")
    except PackageNotFoundError:
        return "0+unknown"
