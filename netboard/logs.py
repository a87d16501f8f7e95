"""The log file: what NETboard did and where it failed, never whose record it was.

``start_logging()`` (called by the ``netboard`` command) adds a rotating ``netboard.log`` in the
platform's log folder (``NETBOARD_LOG_DIR``, else ``logs/`` inside ``NETBOARD_DATA_DIR`` when that
is set, else platformdirs' user log folder), created with the first line written. The window also
sends hard crashes (segmentation faults, aborts) to ``crash.log`` there through :mod:`faulthandler`.

Patient data stays out: an exception is logged as its type and the code locations it passed
through (file, line, function, source line), never its message or arguments, because messages
quote the values they refuse ("Family name: ... (got 'Łukasz')") and database errors repeat the
SQL parameters. NETboard's own log calls name files, revisions, ids and counts only.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import traceback
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO

from netboard import config

LOG_DIR_ENV = "NETBOARD_LOG_DIR"
LOG_FILE = "netboard.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"
WITHHELD = "(message not logged: it may contain patient data)"

_crash_file: IO[str] | None = None


def log_dir(*, create: bool = True) -> Path:
    """The folder of ``netboard.log`` and ``crash.log``."""
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        path = Path(override).expanduser()
    elif os.environ.get(config.DATA_DIR_ENV, "").strip():
        path = config.data_dir(create=False) / "logs"  # tests, portable installs
    else:
        from platformdirs import user_log_path

        path = user_log_path(config.APP_NAME, appauthor=False)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return log_dir(create=False) / LOG_FILE


def describe_exception(exc: BaseException) -> str:
    """A traceback without messages: each exception of the chain as its type and code locations."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.extract_tb(current.__traceback__).format())
        kind = type(current)
        parts.append(f"{frames}{kind.__module__}.{kind.__qualname__} {WITHHELD}")
        cause = current.__cause__
        if cause is None and not current.__suppress_context__:
            cause = current.__context__
        current = cause
    return "\nwhich happened while handling:\n".join(parts)


class PrivateFormatter(logging.Formatter):
    """The log line as usual, exceptions as :func:`describe_exception` (never their text)."""

    def formatException(self, ei: object) -> str:  # noqa: N802 - logging's name
        exc = ei[1] if isinstance(ei, tuple) else None
        if not isinstance(exc, BaseException):
            return ""
        return "Traceback (most recent call last):\n" + describe_exception(exc)

    def format(self, record: logging.LogRecord) -> str:
        cached = record.exc_text  # another handler may have cached the full text with messages
        record.exc_text = None
        try:
            return super().format(record)
        finally:
            record.exc_text = cached


class _LazyFileHandler(RotatingFileHandler):
    """Creates its folder with the first line: a command that writes nothing leaves no trace."""

    def _open(self) -> TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(parents=True, exist_ok=True)
        return super()._open()


def file_handler(folder: Path) -> RotatingFileHandler:
    """A rotating handler writing ``folder/netboard.log`` (1 MB, five old files kept)."""
    handler = _LazyFileHandler(
        folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(PrivateFormatter(FORMAT))
    handler.setLevel(logging.INFO)
    handler.set_name("netboard-file")
    return handler


def start_logging(*, crash_log: bool = False) -> Path:
    """Log to the log folder (once per process); returns the log file.

    With ``crash_log`` (the window) hard crashes are also recorded in ``crash.log``, unless a
    test runner already watches for them.
    """
    global _crash_file
    root = logging.getLogger()
    found = [h for h in root.handlers
             if h.get_name() == "netboard-file" and isinstance(h, RotatingFileHandler)]
    handler = found[0] if found else file_handler(log_dir(create=False))
    if not found:
        root.addHandler(handler)
        if root.level == logging.NOTSET:
            root.setLevel(logging.WARNING)  # other libraries: warnings and errors only
        logging.getLogger("netboard").setLevel(logging.INFO)
    path = Path(handler.baseFilename)
    if crash_log and _crash_file is None and not faulthandler.is_enabled():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _crash_file = (path.parent / CRASH_FILE).open("a", encoding="utf-8")
            faulthandler.enable(file=_crash_file, all_threads=True)
        except OSError:
            _crash_file = None  # NETboard runs on; Python reports crashes on stderr
    return path
