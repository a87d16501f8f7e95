"""Data NETboard ships inside its package: the therapy catalog and the report fonts.

The files live in this package (not beside it) so that a wheel, an editable checkout and a frozen
build all carry them. Code reads them through ``importlib.resources``; ``resource_file`` gives a
real file path for libraries that need one (reportlab's font loader), copying the file out only
when the package is not on a file system (a zip).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path


def resources_dir() -> Traversable:
    """The folder of shipped data files (``netboard/resources``)."""
    return files(__name__)


@contextmanager
def resource_file(*parts: str) -> Iterator[Path]:
    """A file-system path for the resource ``parts`` (e.g. ``"fonts", "DejaVuSans.ttf"``).

    The path is valid inside the ``with`` block only; it may be a temporary copy.
    """
    with as_file(resources_dir().joinpath(*parts)) as path:
        yield path
