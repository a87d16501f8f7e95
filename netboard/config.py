"""Where NETboard keeps its data, which database it opens, and who is using it.

The real database and the demo database are separate files in the user data directory, so the
demo is never written into real records. Environment variables let tests and administrators point
elsewhere without touching the user's files:

- ``NETBOARD_DATA_DIR``: the data directory (tests always set it to a temporary folder);
- ``NETBOARD_DATABASE_URL``: the database to open when ``--db`` is not given;
- ``NETBOARD_USER``: the name recorded in the audit log for the demo database only; real
  databases record the operating-system login (SQLite) or the database role (PostgreSQL).
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

APP_NAME = "NETboard"
DATA_DIR_ENV = "NETBOARD_DATA_DIR"
DATABASE_URL_ENV = "NETBOARD_DATABASE_URL"
USER_ENV = "NETBOARD_USER"
DATABASE_FILE = "netboard.sqlite"
DEMO_DATABASE_FILE = "demo.sqlite"


def data_dir(*, create: bool = True) -> Path:
    """The folder holding NETboard's SQLite files (``NETBOARD_DATA_DIR`` or the platform's);
    created owner-only (0700)."""
    override = os.environ.get(DATA_DIR_ENV, "").strip()
    if override:
        path = Path(override).expanduser()
    else:
        # Imported here so `netboard --version` does not pay for it.
        from platformdirs import user_data_path

        path = user_data_path(APP_NAME, appauthor=False)
    if create and not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.chmod(0o700)  # patient data: the owner only, whatever the umask
    return path


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file (absolute, forward slashes on every platform)."""
    return f"sqlite:///{path.expanduser().resolve().as_posix()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    prefix, _, rest = url.partition(":///")
    if not prefix.startswith("sqlite") or not rest or rest.startswith(":memory:"):
        return None
    return Path(rest.split("?", 1)[0])


def default_database_url() -> str:
    """The real database: ``netboard.sqlite`` in the data directory (created with the file)."""
    return sqlite_url(data_dir(create=False) / DATABASE_FILE)


def demo_database_url() -> str:
    """The demo database: ``demo.sqlite`` beside the real one, never the same file."""
    return sqlite_url(data_dir(create=False) / DEMO_DATABASE_FILE)


def database_url(cli_value: str | None = None) -> str:
    """The database to open: ``--db`` first, then ``NETBOARD_DATABASE_URL``, then the default."""
    if cli_value and cli_value.strip():
        return cli_value.strip()
    from_env = os.environ.get(DATABASE_URL_ENV, "").strip()
    if from_env:
        return from_env
    return default_database_url()


def user_name(url: str | None = None, *, demo: bool = False) -> str:
    """Who is working, as the audit log records it: on a server database the role the URL logs
    in as (the server checked it); else the operating-system login of this process (from the
    account database, not from environment variables anyone can set). ``NETBOARD_USER`` names
    the user only for the demo database (demonstrations and tests)."""
    role = _server_role(url)
    if role:
        return role
    from_env = os.environ.get(USER_ENV, "").strip()
    if demo and from_env:
        return from_env
    return os_login()


def os_login() -> str:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):  # Windows, or no passwd entry (some containers)
        pass
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError):
        return "unknown"


def _server_role(url: str | None) -> str | None:
    """The user name of a PostgreSQL URL (None for SQLite, a URL without one, or no URL)."""
    if not url or not url.startswith("postgresql"):
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).username or None
    except ArgumentError:
        return None
